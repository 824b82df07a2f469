"""Send one message to one notification URL with apprise (e-mail, Telegram, Slack, JSON webhooks...)."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import apprise

from scraper.storage.outbox import DeliveryError


def send(url: str, title: str, body: str) -> None:
    """Deliver the message or raise ``DeliveryError`` with the service's reason."""
    sender = apprise.Apprise()
    if not sender.add(url):
        raise DeliveryError(f"not a notification URL apprise knows: {redact(url)}")
    # apprise leaves LogCapture unannotated
    with apprise.LogCapture(level=logging.WARNING) as logs:  # type: ignore[no-untyped-call]
        delivered = sender.notify(title=title, body=body, body_format=apprise.NotifyFormat.TEXT)
    if not delivered:
        lines = [line.split(" - ", 2)[-1] for line in logs.getvalue().splitlines() if line.strip()]
        raise DeliveryError(lines[-1] if lines else "the service did not take the message")


def redact(url: str) -> str:
    """A notification URL fit for a log: scheme and host only (the rest often holds a token)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname or ''}/…"
