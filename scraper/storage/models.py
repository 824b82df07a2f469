"""The database model: SQLAlchemy 2.0 typed declarative classes, migrated by Alembic
(``scraper/storage/migrations``).

Every timestamp has a time zone (stored as UTC on SQLite, ``timestamptz`` on PostgreSQL) and every
constraint is named by ``NAMING_CONVENTION``, so that migrations diff cleanly on both databases.
Rows are only ever added or updated: a removed article keeps its data, history is append-only.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

LIVE = "live"
REMOVED = "removed"
EVENT_KINDS = ("created", "updated", "removed", "restored", "moved", "reencoded")
# What an event is about: an article, the site's contact directory, or a document (``documents``).
SUBJECTS = ("article", "contacts", "document")
DEFAULT_SITE = "sotttt"  # the site of every row written before sites existed (migration 0005)
ATTACHED, CITED = "attached", "cited"  # how an article names a document


class TZDateTime(TypeDecorator[datetime]):
    """An aware datetime in, an aware UTC datetime out, on every backend; a naive one is refused."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: the store keeps time zones")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


JSONType = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute
        datetime: TZDateTime,
        str: Text,
        list[str]: JSONType,
        list[Any]: JSONType,
        dict[str, Any]: JSONType,
    }


class CrawlRun(Base):
    """One crawl: when, how, and what it found."""

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The site profile (``scraper/sites``) it belongs to.
    site: Mapped[str] = mapped_column(String(32), server_default=DEFAULT_SITE, index=True)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    mode: Mapped[str] = mapped_column(String(16))
    requests: Mapped[int] = mapped_column(default=0)
    new: Mapped[int] = mapped_column(default=0)
    updated: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    removed: Mapped[int] = mapped_column(default=0)
    invalid: Mapped[int] = mapped_column(default=0)
    errors: Mapped[int] = mapped_column(default=0)
    finish_reason: Mapped[str | None] = mapped_column(String(64))
    stats: Mapped[dict[str, Any] | None]  # the crawl's Scrapy stats as it closed
    monitors: Mapped[list[Any] | None]  # the monitors' verdicts: [{name, passed, message}]


class Article(Base):
    """One article, keyed by ``identity`` (``scraper.urls.identity`` of its canonical URL at creation).

    The content columns hold the current version; ``content_hash`` names it in ``article_versions``.
    """

    __tablename__ = "articles"
    __table_args__ = (CheckConstraint(f"status IN ('{LIVE}', '{REMOVED}')", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The site profile (``scraper/sites``) it belongs to.
    site: Mapped[str] = mapped_column(String(32), server_default=DEFAULT_SITE, index=True)
    identity: Mapped[str] = mapped_column(unique=True)
    url: Mapped[str]
    title: Mapped[str]
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    published_precision: Mapped[str | None] = mapped_column(String(8))
    updated_at: Mapped[datetime | None]
    summary: Mapped[str | None]
    body_text: Mapped[str]
    body_html: Mapped[str | None]
    authors: Mapped[list[str]]
    source: Mapped[str | None]
    category: Mapped[str | None]
    tags: Mapped[list[str]]
    profile: Mapped[str] = mapped_column(String(32))
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    # Near-duplicate candidates are looked up by these (see ``scraper.content.facts.near_keys``).
    title_key: Mapped[str] = mapped_column(String(16), index=True)
    lead_key: Mapped[str] = mapped_column(String(16), index=True)
    first_seen: Mapped[datetime] = mapped_column(index=True)
    last_seen: Mapped[datetime]
    last_checked: Mapped[datetime]
    next_check_at: Mapped[datetime] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(8), default=LIVE)
    etag: Mapped[str | None]
    last_modified: Mapped[str | None]
    related_to_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    related_similarity: Mapped[float | None]
    # ``scraper.content.folding.search_text`` of the title, summary and body: what search and topics compare.
    # Indexed outside the model, by migration 0003 (see ``SEARCH_INDEXES``).
    search_text: Mapped[str] = mapped_column(server_default="")


class ArticleTopic(Base):
    """A watchlist topic an article's current content matches (``pipelines.topics``)."""

    __tablename__ = "article_topics"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    topic: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class ArticleUrl(Base):
    """Every URL an article was seen under, as it was seen; ``identity`` is what lookups compare."""

    __tablename__ = "article_urls"
    # Lookups by identity want the article: both in one index, whatever the planner's statistics say.
    __table_args__ = (Index("ix_article_urls_identity_article_id", "identity", "article_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(unique=True)
    identity: Mapped[str]
    first_seen: Mapped[datetime]


class ArticleVersion(Base):
    """The full record of each distinct content of an article, with the run that first saw it."""

    __tablename__ = "article_versions"
    __table_args__ = (UniqueConstraint("article_id", "content_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    content_hash: Mapped[str] = mapped_column(String(64))
    record: Mapped[dict[str, Any]]
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_runs.id"))
    seen_at: Mapped[datetime]


class ChangeEvent(Base):
    """An append-only change log: of an article, of a document (``document_id``: ``updated`` when its
    text changed, ``reencoded`` when only its bytes did), or of the contact directory (neither id)."""

    __tablename__ = "change_events"
    __table_args__ = (
        CheckConstraint("kind IN ({})".format(", ".join(f"'{k}'" for k in EVENT_KINDS)), name="kind"),
        CheckConstraint("(subject = 'article') = (article_id IS NOT NULL)", name="subject"),
        CheckConstraint("(subject = 'document') = (document_id IS NOT NULL)", name="document"),
        Index("ix_change_events_article_id_occurred_at", "article_id", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The site profile (``scraper/sites``) it belongs to.
    site: Mapped[str] = mapped_column(String(32), server_default=DEFAULT_SITE, index=True)
    subject: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(16))
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_runs.id"), index=True)
    occurred_at: Mapped[datetime]
    content_hash: Mapped[str | None] = mapped_column(String(64))
    fields: Mapped[list[str] | None] = mapped_column(JSONType)
    diff: Mapped[str | None]
    details: Mapped[dict[str, Any] | None]


class Attachment(Base):
    """A file an article links to. Kept once linked; ``size`` comes from the file's own headers."""

    __tablename__ = "attachments"
    __table_args__ = (UniqueConstraint("article_id", "url"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    url: Mapped[str]
    name: Mapped[str]
    type: Mapped[str]
    size: Mapped[int | None]
    first_seen: Mapped[datetime]


class Document(Base):
    """An administrative document: a file an article attaches (``url``), read and judged, or one an
    article only cites (``url`` empty, known by its number and date until its file is seen).

    ``content_hash`` is the file's bytes' SHA-256, ``text_hash`` its NFC text's; ``content`` keeps the
    bytes only where ``DOCUMENTS_KEEP_FILES`` says so. ``number_key`` is the folded number
    (``34/2024/qd-ubnd``) that lookups compare, however the number was typed.
    """

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str | None]
    identity: Mapped[str | None] = mapped_column(unique=True)
    name: Mapped[str | None]
    format: Mapped[str | None] = mapped_column(String(8))
    size: Mapped[int | None]
    content_hash: Mapped[str | None] = mapped_column(String(64))
    text_hash: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(server_default="")
    text_quality: Mapped[str | None] = mapped_column(String(8))
    error: Mapped[str | None]
    number: Mapped[str | None]
    number_key: Mapped[str | None] = mapped_column(index=True)
    doc_type: Mapped[str | None]
    issuer: Mapped[str | None]
    issued_on: Mapped[date | None] = mapped_column(index=True)
    summary: Mapped[str | None]
    signer: Mapped[str | None]
    signer_title: Mapped[str | None]
    effective_on: Mapped[date | None]
    # ``scraper.content.folding.search_text`` of the number, type, summary and text (``ok`` text only).
    search_text: Mapped[str] = mapped_column(server_default="")
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    etag: Mapped[str | None]
    last_modified: Mapped[str | None]
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]
    last_changed: Mapped[datetime]


class ArticleDocument(Base):
    """An article attaches (``attached``) or cites (``cited``) a document."""

    __tablename__ = "article_documents"
    __table_args__ = (CheckConstraint(f"relation IN ('{ATTACHED}', '{CITED}')", name="relation"),)

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    relation: Mapped[str] = mapped_column(String(8), primary_key=True)
    first_seen: Mapped[datetime]


class Image(Base):
    """An image of the article's current version (older ones are in its version records)."""

    __tablename__ = "images"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    src: Mapped[str]
    caption: Mapped[str | None]


class Contact(Base):
    """A contact point: of the site-wide directory (``article_id`` empty, stored once) or of one article."""

    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    site: Mapped[str] = mapped_column(String(32), server_default=DEFAULT_SITE)  # whose directory
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    name: Mapped[str]
    role: Mapped[str | None]
    phones: Mapped[list[str]]
    emails: Mapped[list[str]]


class ContactVersion(Base):
    """Each distinct content of a site's contact directory, with the run that first saw it."""

    __tablename__ = "contact_versions"
    __table_args__ = (UniqueConstraint("site", "content_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site: Mapped[str] = mapped_column(String(32), server_default=DEFAULT_SITE)
    content_hash: Mapped[str] = mapped_column(String(64))
    contacts: Mapped[list[Any]]
    page_url: Mapped[str]
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_runs.id"))
    seen_at: Mapped[datetime]


class AlertDelivery(Base):
    """One alert message of a crawl run for one topic, to one notification URL, until delivered.

    Queued when the run closes; every send is an ``attempt``; ``delivered_at`` set once it went
    through, after which it is never sent again (``scraper.storage.outbox``).
    """

    __tablename__ = "alert_deliveries"
    __table_args__ = (UniqueConstraint("run_id", "topic", "target"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_runs.id"))
    topic: Mapped[str] = mapped_column(String(64))
    target: Mapped[str]  # the notification URL (apprise), as the watchlist gives it
    title: Mapped[str]
    body: Mapped[str]
    article_ids: Mapped[list[Any]]
    created_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(default=0)
    last_attempt_at: Mapped[datetime | None]
    last_error: Mapped[str | None]
    delivered_at: Mapped[datetime | None] = mapped_column(index=True)


# Search indexes made by migrations 0003, 0004 and 0006 that SQLAlchemy cannot describe: SQLite's FTS5
# tables over ``search_text`` (with their shadow tables and triggers), PostgreSQL's GIN indexes of
# ``to_tsvector('simple', search_text)`` and of the articles' word pairs. Schema comparisons leave
# them out (``in_model``).
SEARCH_INDEXES = (
    "articles_fts", "ix_articles_search_text", "ix_articles_search_pairs",
    "documents_fts", "ix_documents_search_text",
)  # fmt: skip


def in_model(name: str | None, type_: str, parent_names: dict[str, Any]) -> bool:
    """Alembic's ``include_name``: whether a database object is one the models describe."""
    return not (name and name.startswith(SEARCH_INDEXES))
