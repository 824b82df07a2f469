"""Messages to people: apprise, to any of its URLs (mailto://, tgram://, slack://, json:// ...)."""

from __future__ import annotations

import logging

import apprise

logger = logging.getLogger(__name__)


def send(urls: list[str], title: str, body: str) -> bool:
    """Send one message to every URL; True if all of them took it."""
    notifier = apprise.Apprise()
    for url in urls:
        if not notifier.add(url):
            logger.error("not a notification URL apprise knows: %s", url.split("://", 1)[0] + "://…")
            return False
    delivered = bool(notifier.notify(title=title, body=body))
    if not delivered:
        logger.error("could not deliver %r to %d notification URL(s)", title, len(urls))
    return delivered
