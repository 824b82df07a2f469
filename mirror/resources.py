"""A served response, prepared once: status, body, validators and its header block."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Literal

Kind = Literal["page", "feed", "file", "robots", "redirect", "gone", "missing", "trap"]
HTML = "text/html; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
REASONS = {
    200: "OK",
    301: "Moved Permanently",
    302: "Found",
    304: "Not Modified",
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    410: "Gone",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


def http_date(value: datetime) -> str:
    return format_datetime(value.astimezone(UTC), usegmt=True)


@dataclass(frozen=True, slots=True)
class Resource:
    status: int
    kind: Kind
    body: bytes
    content_type: str
    last_modified: datetime
    location: str | None = None
    etag: str = field(init=False)
    headers: bytes = field(init=False)

    def __post_init__(self) -> None:
        etag = '"' + hashlib.blake2b(self.body, digest_size=10).hexdigest() + '"'
        lines = [
            f"Content-Type: {self.content_type}",
            f"Content-Length: {len(self.body)}",
            f"ETag: {etag}",
            f"Last-Modified: {http_date(self.last_modified)}",
        ]
        if self.location:
            lines.append(f"Location: {self.location}")
        object.__setattr__(self, "etag", etag)
        object.__setattr__(self, "headers", ("\r\n".join(lines) + "\r\n").encode("latin-1"))

    def modified(self, when: datetime) -> Resource:
        """The same response with another ``Last-Modified``."""
        return replace(self, last_modified=when)

    def not_modified_since(self, since: datetime) -> bool:
        """True when the client's copy dated ``since`` is current (HTTP dates have whole seconds)."""
        return self.last_modified.replace(microsecond=0) <= since


def html(status: int, kind: Kind, text: str, modified: datetime) -> Resource:
    return Resource(status, kind, text.encode("utf-8"), HTML, modified)


def redirect(status: int, location: str, modified: datetime) -> Resource:
    return Resource(status, "redirect", b"", HTML, modified, location=location)
