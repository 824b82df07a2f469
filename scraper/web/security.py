"""What keeps the web interface read-only and crawled text inert.

- ``ReadOnly``: an ASGI middleware. Only GET and HEAD are answered (anything else: 405); every response
  carries a Content-Security-Policy that allows no script, style or image from anywhere but this
  server (and none inline), and the usual headers (no sniffing, no framing, no referrer).
- ``inert``: what every ``{{ value }}`` of a template goes through before Jinja2 escapes it: no
  control or bidi characters (``scraper.content.untrusted``).
- ``inert_json``: the API's JSON; unsafe characters and ``<``, ``>``, ``&`` written as escapes, so
  that no byte of it reads as markup even where it is wrongly served as HTML.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from scraper.content.untrusted import printable, safe_json

CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
ALLOWED = ("GET", "HEAD")
JSON_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


class ReadOnly:
    """GET and HEAD only (a HEAD is answered as its GET, without the body), security headers on all."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        if method not in ALLOWED:
            await _not_allowed(send)
            return
        head = method == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *HEADERS]}
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, secured)


async def _not_allowed(send: Send) -> None:
    body = b"read-only: only GET and HEAD are answered\n"
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"allow", ", ".join(ALLOWED).encode()),
        *HEADERS,
    ]
    await send({"type": "http.response.start", "status": 405, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def inert(value: Any) -> Any:
    """A template value as it may be shown: text without control or bidi characters. Markup the
    templates built themselves (escaped already) passes as it is; None is nothing."""
    if value is None:
        return ""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return printable(value)


def inert_json(value: Any) -> str:
    return safe_json(value).translate(JSON_ESCAPES)
