"""One batch of observations applied to the database in one transaction (``Store.write`` uses it).

Change detection lives here, inside the write, not in a pipeline of its own: a change event and
the row change it describes must commit together or not at all, and whether an article is new is
only known from the insert itself (``INSERT ... ON CONFLICT DO NOTHING RETURNING``). That is what
makes two processes writing the same articles end with one row and one ``created`` event each.
Rows that already exist are locked (``SELECT ... FOR UPDATE``; on SQLite the write transaction
holds the database lock) before they are compared, so two writers never log one update twice.

A batch costs a handful of statements, not a few per item: load and lock every article the batch
touches, apply the items in order to those rows in memory, then write the other tables' rows with
one multi-row statement each.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast
from urllib.parse import urlsplit

from sqlalchemy import ColumnElement, Result, Table, delete, exists, func, or_, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from scraper import urls
from scraper.content.facts import (
    article_contacts,
    changed_fields,
    contacts_hash,
    contacts_text,
    nfc,
    record_from_stored,
    stored_record,
    text_diff,
    to_json,
)
from scraper.items import (
    ArticleGone,
    ArticleMoved,
    ArticleUnchanged,
    AttachmentSeen,
    DocumentFetched,
    DocumentUnchanged,
    ResolvedArticle,
    SiteContacts,
)
from scraper.parsers.citations import citations
from scraper.parsers.records import ArticleRecord
from scraper.parsers.records import Contact as ContactRecord
from scraper.storage.document_writes import DocumentWrites
from scraper.storage.models import (
    LIVE,
    REMOVED,
    Article,
    ArticleTopic,
    ArticleUrl,
    ArticleVersion,
    Attachment,
    Base,
    ChangeEvent,
    Contact,
    ContactVersion,
    Image,
)
from scraper.storage.recheck import RecheckPolicy

StoreItem = (
    ResolvedArticle
    | ArticleUnchanged
    | ArticleGone
    | ArticleMoved
    | AttachmentSeen
    | DocumentFetched
    | DocumentUnchanged
    | SiteContacts
)

DIRECTORY_LOCK = 0x5077_C0_01  # PostgreSQL advisory lock serialising writers of a site's contact directory


@dataclass
class WriteSummary:
    """What one batch did; ``skipped`` counts items (or their URLs) left out, by reason."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    restored: int = 0
    moved: int = 0
    contacts_changed: int = 0
    documents_read: int = 0
    documents_changed: int = 0
    skipped: Counter[str] = field(default_factory=Counter)


def apply_batch(
    session: Session, run_id: int, items: Sequence[StoreItem], recheck: RecheckPolicy, site: str
) -> WriteSummary:
    """Apply ``items`` of a crawl of ``site`` in order inside the session's transaction; caller commits."""
    batch = _Batch(session, run_id, recheck, site)
    batch.load(items)
    for item in items:
        batch.apply(item)
    batch.write()
    batch.summary.documents_read = batch.documents.fetched_count
    batch.summary.documents_changed = batch.documents.changed
    return batch.summary


class _Batch:
    def __init__(self, session: Session, run_id: int, recheck: RecheckPolicy, site: str) -> None:
        self.session = session
        self.run_id = run_id
        self.site = site
        self.recheck = recheck
        self.postgres = session.get_bind().dialect.name == "postgresql"
        self.summary = WriteSummary()
        self.by_key: dict[str, _Row] = {}
        self.by_id: dict[int, _Row] = {}
        self.owners: dict[str, int] = {}  # URL identity -> article id
        self.related: dict[str, int] = {}  # key of a near-duplicated article -> its id
        self.fresh: set[str] = set()  # keys inserted by this batch whose creation is not logged yet
        self.url_rows: dict[str, dict[str, Any]] = {}
        self.versions: dict[tuple[int, str], dict[str, Any]] = {}
        self.events: list[dict[str, Any]] = []
        self.current: dict[int, ArticleRecord] = {}  # articles whose images, contacts and files changed
        self.topics: dict[int, tuple[str, ...]] = {}  # articles whose content changed, and its topics
        self.files: dict[tuple[int, str], dict[str, Any]] = {}
        self.directory: tuple[ContactRecord, ...] | None = None  # loaded on first use
        self.directory_seen = False
        self.directory_changed = False
        self.documents = DocumentWrites(session, self._document_event)

    def load(self, items: Sequence[StoreItem]) -> None:
        """Load and lock every article the batch touches, inserting the new ones."""
        firsts: dict[str, ResolvedArticle] = {}
        for item in items:
            if isinstance(item, ResolvedArticle):
                firsts.setdefault(item.key, item)
        identities = {identity for item in items for _, identity in _addresses(item)}
        self.owners = dict(
            self.session.execute(
                select(ArticleUrl.identity, func.min(ArticleUrl.article_id))
                .where(ArticleUrl.identity.in_(identities))
                .group_by(ArticleUrl.identity)
            ).all()
        )
        self._lock(or_(ARTICLE.c.identity.in_(firsts), ARTICLE.c.id.in_(set(self.owners.values()))))
        missing = sorted(set(firsts) - set(self.by_key))
        if missing:
            rows = {k: {**_new_article(firsts[k], self.recheck), "site": self.site} for k in missing}
            stmt = _insert(self.session, Article, ["identity"]).returning(ARTICLE.c.id, ARTICLE.c.identity)
            inserted: Result[int, str] = self.session.execute(stmt, list(rows.values()))
            for article_id, key in inserted:
                self._add(_Row({**rows[key], "id": article_id}))
                self.fresh.add(key)
            # Inserted meanwhile by another writer: now committed, so lock and load them.
            self._lock(ARTICLE.c.identity.in_(set(missing) - self.fresh))
        related = {i.related_to for i in firsts.values() if i.related_to} - set(self.by_key)
        self.related = dict(
            self.session.execute(
                select(ARTICLE.c.identity, ARTICLE.c.id).where(ARTICLE.c.identity.in_(related))
            ).all()
        )

    def _lock(self, where: ColumnElement[bool]) -> None:
        rows = self.session.execute(
            select(*ROW_COLUMNS).where(where).order_by(ARTICLE.c.id).with_for_update()
        )
        for row in rows.mappings():
            self._add(_Row(dict(row)))

    def _add(self, row: _Row) -> None:
        self.by_id[row.id] = row
        self.by_key[row.identity] = row

    def apply(self, item: StoreItem) -> None:
        match item:
            case ResolvedArticle():
                self._fetched(item)
            case ArticleUnchanged():
                self._unchanged(item)
            case ArticleGone():
                self._gone(item)
            case ArticleMoved():
                self._moved(item)
            case AttachmentSeen():
                self._attachment(item)
            case DocumentFetched():
                self._document(item)
            case DocumentUnchanged():
                self.documents.unchanged(item)
            case SiteContacts():
                self._directory(item)

    def write(self) -> None:
        """Write what the items changed: article rows first, then one statement per table."""
        self._execute(update(Article), ({"id": r.id, **r.changes} for r in self.by_id.values() if r.changes))
        self._execute(_insert(self.session, ArticleUrl, ["url"]), self.url_rows.values())
        self._execute(
            _insert(self.session, ArticleVersion, ["article_id", "content_hash"]), self.versions.values()
        )
        if self.current:
            ids = list(self.current)
            self.session.execute(delete(Image).where(Image.article_id.in_(ids)))
            self.session.execute(delete(Contact).where(Contact.article_id.in_(ids)))
            self._execute(_table(Image).insert(), _image_rows(self.current))
            self._execute(
                _table(Contact).insert(),
                (
                    r
                    for i, rec in self.current.items()
                    for r in _contact_rows(self.by_id[i].site, i, article_contacts(rec))
                ),
            )
        if self.topics:
            self.session.execute(delete(ArticleTopic).where(ArticleTopic.article_id.in_(self.topics)))
            self._execute(
                _table(ArticleTopic).insert(),
                ({"article_id": i, "topic": t} for i, topics in self.topics.items() for t in topics),
            )
        self._execute(
            _insert(
                self.session,
                Attachment,
                ["article_id", "url"],
                lambda new: {
                    "name": new.name,
                    "type": new.type,
                    "size": func.coalesce(new.size, Attachment.__table__.c.size),
                },
            ),
            self.files.values(),
        )
        self.documents.write()
        if self.directory_changed and self.directory is not None:
            self.session.execute(
                delete(Contact).where(Contact.site == self.site, Contact.article_id.is_(None))
            )
            self._execute(_table(Contact).insert(), _contact_rows(self.site, None, self.directory))
        self._execute(_table(ChangeEvent).insert(), self.events)

    def _fetched(self, item: ResolvedArticle) -> None:
        article = self.by_key[item.key]
        fetched = item.fetched
        record = fetched.record
        if item.key in self.fresh:
            self.fresh.discard(item.key)
            self._new_content(article, item, "created")
            self.summary.created += 1
        elif fetched.fetched_at < article.last_seen and item.content_hash != article.content_hash:
            self.summary.skipped["stale_content"] += 1
            return
        elif item.moved and article.url != fetched.facts.url:
            self._move(article, item)
        elif _host(fetched.facts.url) != _host(article.url) and item.content_hash != article.content_hash:
            # The article moved to another host and still shows at its former address: that copy is
            # not its content (the two would take turns as its "update" at every run).
            self.summary.skipped["former_address"] += 1
        else:
            if article.status == REMOVED:
                self._restore(article, fetched.fetched_at)
            if item.content_hash == article.content_hash:
                self.summary.unchanged += 1
            else:
                old = self._record_of(article)
                article.set(**_content(item))
                self._new_content(
                    article,
                    item,
                    "updated",
                    fields=changed_fields(old, record),
                    diff=text_diff(old.body_text or "", record.body_text or ""),
                )
                self.summary.updated += 1
        self._touch(article, fetched.fetched_at, seen=True, validators=(fetched.etag, fetched.last_modified))
        for url, url_key in fetched.facts.addresses:
            self._add_url(article, url, fetched.fetched_at, url_key)
        if item.related_to and article.related_to_id is None:
            related = self.by_key.get(item.related_to)
            related_id = related.id if related else self.related.get(item.related_to)
            if related_id is not None:
                article.set(related_to_id=related_id, related_similarity=item.similarity)

    def _move(self, article: _Row, item: ResolvedArticle) -> None:
        """The article seen at its new address (a redirect, or its site's successor host): one ``moved``
        event, which names the fields that differ there; its history stays, nothing is created or removed."""
        fetched = item.fetched
        at, new_url = fetched.fetched_at, fetched.facts.url
        if article.status == REMOVED:
            self._restore(article, at)
        details: dict[str, Any] = {"from": article.url, "to": new_url}
        if item.content_hash != article.content_hash:
            details["fields"] = changed_fields(self._record_of(article), fetched.record)
            article.set(**_content(item))
            self._new_version(article, item)
        self._event(article.id, "moved", at, content_hash=item.content_hash, details=details)
        article.set(url=new_url)
        self.summary.moved += 1

    def _unchanged(self, item: ArticleUnchanged) -> None:
        article = self._resolve(item.url, "unchanged")
        if article is None:
            return
        if article.status == REMOVED:
            self._restore(article, item.fetched_at)
        self._touch(article, item.fetched_at, seen=True)
        self.summary.unchanged += 1

    def _gone(self, item: ArticleGone) -> None:
        article = self._resolve(item.url, "gone")
        if article is None:
            return
        if item.fetched_at < article.last_seen:
            self.summary.skipped["stale_gone"] += 1
            return
        if urls.identity(item.url) != urls.identity(article.url):
            self.summary.skipped["former_address_gone"] += 1  # it lives at its new address
            return
        if article.status == LIVE:
            article.set(status=REMOVED)
            self._event(article.id, "removed", item.fetched_at, details={"status": item.status})
            self.summary.removed += 1
        self._touch(article, item.fetched_at, seen=False)

    def _moved(self, item: ArticleMoved) -> None:
        article = self._resolve(item.old_url, "moved")
        if article is None:
            return
        new_url = item.new_url  # canonical since the spider read it
        if article.url == new_url or not self._add_url(article, new_url, item.fetched_at):
            return
        self._event(article.id, "moved", item.fetched_at, details={"from": article.url, "to": new_url})
        article.set(url=new_url)
        self.summary.moved += 1
        self._touch(article, item.fetched_at, seen=False)

    def _attachment(self, item: AttachmentSeen) -> None:
        article = self._resolve(item.article_url, "attachment")
        if article is not None:
            item = nfc(item)
            self._file(article.id, item.url, item.name, item.type, item.size, item.fetched_at)

    def _document(self, item: DocumentFetched) -> None:
        article = self._resolve(item.article_url, "document")
        if article is not None:
            self._file(article.id, item.url, item.name, item.type, item.size, item.fetched_at)
        self.documents.fetched(article.id if article else None, item)

    def _directory(self, item: SiteContacts) -> None:
        contacts = nfc(item.contacts)
        current = self._current_directory()
        new_hash = contacts_hash(contacts)
        if new_hash == contacts_hash(current):
            return
        self.session.execute(
            _insert(self.session, ContactVersion, ["site", "content_hash"]),
            {
                "site": self.site,
                "content_hash": new_hash,
                "contacts": to_json(contacts),
                "page_url": item.page_url,
                "run_id": self.run_id,
                "seen_at": item.fetched_at,
            },
        )
        change = (
            {"fields": ["contacts"], "diff": text_diff(contacts_text(current), contacts_text(contacts))}
            if self.directory_seen
            else {}
        )
        self._event(
            None,
            "updated" if self.directory_seen else "created",
            item.fetched_at,
            content_hash=new_hash,
            **change,
        )
        self.directory, self.directory_seen, self.directory_changed = contacts, True, True
        self.summary.contacts_changed += 1

    def _current_directory(self) -> tuple[ContactRecord, ...]:
        if self.directory is None:
            if self.postgres:
                key = DIRECTORY_LOCK ^ zlib.crc32(self.site.encode())
                self.session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
            versions = exists().where(ContactVersion.site == self.site)
            self.directory_seen = bool(self.session.scalar(select(versions)))
            rows = self.session.scalars(
                select(Contact)
                .where(Contact.site == self.site, Contact.article_id.is_(None))
                .order_by(Contact.position)
            )
            self.directory = tuple(
                ContactRecord(c.name, c.role, tuple(c.phones), tuple(c.emails), "site") for c in rows
            )
        return self.directory

    def _new_content(self, article: _Row, item: ResolvedArticle, kind: str, **change: Any) -> None:
        self._new_version(article, item)
        self._event(article.id, kind, item.fetched.fetched_at, content_hash=item.content_hash, **change)

    def _new_version(self, article: _Row, item: ResolvedArticle) -> None:
        """The item's content as the article's version, with its images, contacts, files and topics."""
        record = item.fetched.record
        self.versions.setdefault(
            (article.id, item.content_hash),
            {
                "article_id": article.id,
                "content_hash": item.content_hash,
                "record": stored_record(record),
                "run_id": self.run_id,
                "seen_at": item.fetched.fetched_at,
            },
        )
        self.current[article.id] = record
        if item.topics is not None:
            self.topics[article.id] = item.topics
        at = item.fetched.fetched_at
        for attachment in record.attachments:
            self._file(article.id, attachment.url, attachment.name, attachment.type, None, at)
            self.documents.attached(article.id, attachment.url, at)
        self.documents.cited(article.id, citations(record.body_text), at)

    def _record_of(self, article: _Row) -> ArticleRecord:
        pending = self.versions.get((article.id, article.content_hash))
        if pending:
            return record_from_stored(pending["record"])
        stored = self.session.execute(
            select(ArticleVersion.record).where(
                ArticleVersion.article_id == article.id,
                ArticleVersion.content_hash == article.content_hash,
            )
        )
        return record_from_stored(stored.scalar_one())

    def _restore(self, article: _Row, at: datetime) -> None:
        article.set(status=LIVE)
        self._event(article.id, "restored", at)
        self.summary.restored += 1

    def _touch(
        self,
        article: _Row,
        at: datetime,
        *,
        seen: bool,
        validators: tuple[str | None, str | None] | None = None,
    ) -> None:
        if at >= article.last_checked:
            article.set(last_checked=at)
            if validators is not None:
                article.set(etag=validators[0], last_modified=validators[1])
        if seen and at > article.last_seen:
            article.set(last_seen=at)
        born = article.published_at or article.first_seen
        live = article.status == LIVE
        article.set(next_check_at=self.recheck.next_check(article.identity, born, article.last_checked, live))

    def _resolve(self, url: str, kind: str) -> _Row | None:
        article_id = self.owners.get(urls.identity(url))
        article = self.by_id.get(article_id) if article_id is not None else None
        if article is None:
            self.summary.skipped[f"unknown_url/{kind}"] += 1
        return article

    def _add_url(self, article: _Row, url: str, at: datetime, identity: str | None = None) -> bool:
        """Record that ``article`` was seen under ``url`` (NFC), unless another article owns that URL.
        ``identity``: the URL's, if known."""
        identity = identity or urls.identity(url)
        if self.owners.setdefault(identity, article.id) != article.id:
            self.summary.skipped["url_of_other_article"] += 1
            return False
        self.url_rows.setdefault(
            url, {"article_id": article.id, "url": url, "identity": identity, "first_seen": at}
        )
        return True

    def _file(self, article_id: int, url: str, name: str, type_: str, size: int | None, at: datetime) -> None:
        row = self.files.setdefault(
            (article_id, url), {"article_id": article_id, "url": url, "size": None, "first_seen": at}
        )
        row.update(name=name, type=type_)
        if size is not None:
            row["size"] = size

    def _document_event(self, kind: str, at: datetime, *, document_id: int, **extra: Any) -> None:
        self._event(None, kind, at, subject="document", document_id=document_id, **extra)

    def _event(self, article_id: int | None, kind: str, at: datetime, **extra: Any) -> None:
        article = self.by_id.get(article_id) if article_id is not None else None
        self.events.append(
            {
                "site": article.site if article is not None else self.site,
                "subject": "article" if article_id is not None else "contacts",
                "kind": kind,
                "article_id": article_id,
                "document_id": None,
                "run_id": self.run_id,
                "occurred_at": at,
                "content_hash": None,
                "fields": None,
                "diff": None,
                "details": None,
                **extra,
            }
        )

    def _execute(self, statement: Any, rows: Iterable[dict[str, Any]]) -> None:
        rows = list(rows)
        if rows:
            self.session.execute(statement, rows)


def _table(model: type[Base]) -> Table:
    """The model's table (declarative types ``__table__`` as any FromClause; every model here has a Table)."""
    return cast(Table, model.__table__)


ARTICLE = _table(Article)
# The article columns a batch reads; the content columns it only ever writes.
ROW_COLUMNS = [
    ARTICLE.c[name]
    for name in (
        "id",
        "site",
        "identity",
        "url",
        "content_hash",
        "status",
        "published_at",
        "first_seen",
        "last_seen",
        "last_checked",
        "next_check_at",
        "etag",
        "last_modified",
        "related_to_id",
    )
]


class _Row:
    """An article row as the batch sees it: the values it read, and the changes it made to them."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values
        self.changes: dict[str, Any] = {}

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    def set(self, **values: Any) -> None:
        for name, value in values.items():
            if name not in self.values or self.values[name] != value:
                self.values[name] = value
                self.changes[name] = value


def _insert(
    session: Session,
    model: type[Base],
    conflict: list[str],
    update: Callable[[Any], dict[str, ColumnElement[Any]]] | None = None,
) -> postgresql.Insert | sqlite.Insert:
    """A multi-row INSERT that skips (or, given ``update``, updates) rows whose ``conflict`` key exists."""
    table = _table(model)
    postgres = session.get_bind().dialect.name == "postgresql"
    stmt = postgresql.insert(table) if postgres else sqlite.insert(table)
    if update is None:
        return stmt.on_conflict_do_nothing(index_elements=conflict)
    return stmt.on_conflict_do_update(index_elements=conflict, set_=update(stmt.excluded))


def _new_article(item: ResolvedArticle, recheck: RecheckPolicy) -> dict[str, Any]:
    fetched = item.fetched
    record, at = fetched.record, fetched.fetched_at
    return {
        "identity": item.key,
        "url": fetched.facts.url,
        **_content(item),
        "first_seen": at,
        "last_seen": at,
        "last_checked": at,
        "next_check_at": recheck.next_check(item.key, record.published_at or at, at, live=True),
        "status": LIVE,
        "etag": fetched.etag,
        "last_modified": fetched.last_modified,
        "related_to_id": None,
    }


def _content(item: ResolvedArticle) -> dict[str, Any]:
    """The article columns that change only with a new version."""
    record, facts = item.fetched.record, item.fetched.facts
    title_key, lead_key = facts.near_keys
    return {
        "title": record.title,
        "published_at": record.published_at,
        "published_precision": record.published_precision,
        "updated_at": record.updated_at,
        "summary": record.summary,
        "body_text": record.body_text,
        "body_html": record.body_html,
        "authors": list(record.authors),
        "source": record.source,
        "category": record.category,
        "tags": list(record.tags),
        "profile": record.profile,
        "content_hash": item.content_hash,
        "title_key": title_key,
        "lead_key": lead_key,
        "search_text": facts.search_text,
    }


def _addresses(item: StoreItem) -> Iterable[tuple[str, str]]:
    """The URLs the item names, each with its identity."""
    match item:
        case ResolvedArticle():
            return item.fetched.facts.addresses
        case ArticleUnchanged() | ArticleGone():
            addresses = [item.url]
        case ArticleMoved():
            addresses = [item.old_url, item.new_url]
        case AttachmentSeen() | DocumentFetched() | DocumentUnchanged():
            addresses = [item.article_url]
        case _:
            addresses = []
    return [(url, urls.identity(url)) for url in addresses]


def _host(url: str) -> str:
    """A URL's host, without its port: what tells a move to another host from one within a site."""
    return (urlsplit(url).hostname or "").lower()


def _image_rows(records: dict[int, ArticleRecord]) -> Iterable[dict[str, Any]]:
    for article_id, record in records.items():
        for position, image in enumerate(record.images):
            yield {"article_id": article_id, "position": position, "src": image.src, "caption": image.caption}


def _contact_rows(
    site: str, article_id: int | None, contacts: tuple[ContactRecord, ...]
) -> Iterable[dict[str, Any]]:
    for position, c in enumerate(contacts):
        yield {
            "site": site,
            "article_id": article_id,
            "position": position,
            "name": c.name,
            "role": c.role,
            "phones": list(c.phones),
            "emails": list(c.emails),
        }
