"""What the spider hands to the pipelines: one small dataclass per kind of observation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from scraper.content.facts import ContentFacts
from scraper.parsers.document import DocumentRecord
from scraper.parsers.records import ArticleRecord, Contact
from scraper.urls import CanonicalUrl


@dataclass(frozen=True)
class FetchedArticle:
    """An article page fetched with status 200 and parsed, with what its content gives (``facts``)."""

    record: ArticleRecord
    facts: ContentFacts
    status: int
    etag: str | None
    last_modified: str | None
    fetched_at: datetime
    former_urls: tuple[str, ...] = ()  # addresses that redirected to it (301, 302, 308), first first


@dataclass(frozen=True)
class ArticleUnchanged:
    """A conditional re-check answered ``304 Not Modified``."""

    url: str
    fetched_at: datetime


@dataclass(frozen=True)
class ArticleGone:
    """A known article answered 404 or 410: it was taken down."""

    url: str
    status: int
    fetched_at: datetime


@dataclass(frozen=True)
class ArticleMoved:
    """A known article answered 301/308 with a new address."""

    old_url: str
    new_url: CanonicalUrl  # canonicalised where it entered: the spider read it off the redirect
    fetched_at: datetime


@dataclass(frozen=True)
class AttachmentSeen:
    """A file linked from an article: recorded from its headers, never parsed."""

    url: str
    article_url: str
    name: str
    type: str
    size: int | None
    fetched_at: datetime


@dataclass(frozen=True)
class DocumentFetched:
    """A linked document fetched (GET, status 200) and read: ``content_hash`` is its bytes' SHA-256;
    ``content`` the bytes themselves only where ``DOCUMENTS_KEEP_FILES`` asks for them."""

    url: str
    article_url: str
    name: str
    type: str
    size: int
    content_hash: str
    document: DocumentRecord
    etag: str | None
    last_modified: str | None
    content: bytes | None
    fetched_at: datetime


@dataclass(frozen=True)
class DocumentUnchanged:
    """A conditional request for a known document answered ``304 Not Modified``."""

    url: str
    article_url: str
    fetched_at: datetime


@dataclass(frozen=True)
class SiteContacts:
    """The site-wide contact directory as one page showed it."""

    contacts: tuple[Contact, ...]
    page_url: str
    fetched_at: datetime


@dataclass(frozen=True)
class ResolvedArticle:
    """A fetched article after deduplication (``pipelines.dedupe``), ready for the store.

    ``fetched.record`` is NFC-normalised; ``key`` is the identity of the article it belongs to;
    ``related_to`` is the key of an article it nearly duplicates, with their ``similarity``.
    ``topics`` are the watchlist topics its content matches (``pipelines.topics``); None when
    it was not tagged, and then the store leaves the article's topics as they are. ``moved``: the
    record shows the article at its new address (a redirect to it, or its site's successor host).
    The spider never makes one.
    """

    fetched: FetchedArticle
    key: str
    related_to: str | None = None
    similarity: float | None = None
    topics: tuple[str, ...] | None = None
    moved: bool = False

    @property
    def content_hash(self) -> str:
        return self.fetched.facts.content_hash
