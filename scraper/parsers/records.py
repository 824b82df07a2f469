"""Typed records returned by the parsers: frozen dataclasses, JSON-ready via ``to_dict``."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, Literal

Scope = Literal["site", "article"]
Precision = Literal["day", "minute"]
# Which way found the article: its layout's profile, the content conventions, or neither (not an article).
Extraction = Literal["profile", "content", "none"]


@dataclass(frozen=True)
class Contact:
    name: str
    role: str | None
    phones: tuple[str, ...]
    emails: tuple[str, ...]
    scope: Scope


@dataclass(frozen=True)
class Image:
    src: str
    caption: str | None


@dataclass(frozen=True)
class Attachment:
    url: str
    name: str
    type: str


@dataclass(frozen=True)
class ArticleRecord:
    url: str
    is_article: bool
    profile: str
    extraction: Extraction = "none"
    canonical_url: str | None = None
    shortlink: str | None = None
    title: str | None = None
    published_at: datetime | None = None
    published_precision: Precision | None = None
    updated_at: datetime | None = None
    summary: str | None = None
    body_text: str | None = None
    body_html: str | None = None
    authors: tuple[str, ...] = ()
    source: str | None = None
    category: str | None = None
    tags: tuple[str, ...] = ()
    images: tuple[Image, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    contacts: tuple[Contact, ...] = ()
    replaced_bytes: int = 0  # bytes of the page that were not text in its encoding: shown as U+FFFD

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: datetimes as ISO 8601 with offset, tuples as lists."""
        return to_json(self)


@dataclass(frozen=True)
class Teaser:
    url: str
    title: str
    published_at: datetime | None
    category: str | None = None


@dataclass(frozen=True)
class ListingRecord:
    url: str
    profile: str
    teasers: tuple[Teaser, ...]
    next_url: str | None
    menu_links: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return to_json(self)


def to_json(record: ArticleRecord | ListingRecord) -> dict[str, Any]:
    """A record as a JSON-ready dict: datetimes as ISO 8601 with offset, tuples as lists."""
    plain: dict[str, Any] = _jsonable(asdict(record))
    return plain


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value
