"""Documents written by one store batch (``scraper.storage.batch``), inside its transaction.

A fetched document is found by its URL's identity; a document first known from a citation (its
number and date only) is the same document once a file with that number arrives, so its links
and history stay. Changes are logged as events of the document: ``created``, ``updated`` when
its text changed (with a diff of the text), ``reencoded`` when only its bytes did (a re-saved or
re-scanned file saying the same). The same file fetched again changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from scraper import urls
from scraper.content.facts import nfc, text_diff
from scraper.content.folding import number_key, search_text
from scraper.items import DocumentFetched, DocumentUnchanged
from scraper.parsers.citations import Citation
from scraper.parsers.document_metadata import METADATA_FIELDS
from scraper.parsers.document_text import OK
from scraper.storage.document_queries import LIGHT
from scraper.storage.models import ATTACHED, CITED, ArticleDocument, Document

EventSink = Callable[..., None]  # (kind, at, document_id=..., **columns): the batch's change log
DOCUMENTS: Table = Document.__table__  # type: ignore[assignment]  # declarative types it as a FromClause
LINKS: Table = ArticleDocument.__table__  # type: ignore[assignment]


class DocumentWrites:
    def __init__(self, session: Session, event: EventSink) -> None:
        self.session = session
        self.event = event
        self.postgres = session.get_bind().dialect.name == "postgresql"
        self.links: dict[tuple[int, int, str], datetime] = {}
        self.attached_urls: dict[tuple[int, str], datetime] = {}  # linked once the document is known
        self.fetched_count = 0
        self.changed = 0

    # -- items ---------------------------------------------------------------------------
    def fetched(self, article_id: int | None, item: DocumentFetched) -> None:
        item = nfc(item)
        identity = urls.identity(item.url)
        columns = _columns(item)
        row = self._row(Document.identity == identity)
        if row is None and columns["number_key"]:
            row = self._cited_only(columns["number_key"], columns["issued_on"])
        at = item.fetched_at
        inserted = None
        if row is None:
            inserted = self._insert({**columns, "first_seen": at, "last_seen": at, "last_changed": at})
            if inserted is None:  # another writer inserted it meanwhile: now committed
                row = self._row(Document.identity == identity)
        if inserted is not None:
            document_id = inserted
            self.event("created", at, document_id=document_id, content_hash=columns["text_hash"])
        else:
            document_id = row.id
            self._update(row, columns, item)
        self.fetched_count += 1
        if article_id is not None:
            self.links.setdefault((article_id, document_id, ATTACHED), at)

    def unchanged(self, item: DocumentUnchanged) -> None:
        row = self._row(Document.identity == urls.identity(item.url))
        if row is not None and item.fetched_at > row.last_seen:
            self._set(row.id, last_seen=item.fetched_at)

    def cited(self, article_id: int, cited: tuple[Citation, ...], at: datetime) -> None:
        """Link the article to each document it cites, made from the citation if none is known."""
        for citation in nfc(cited):
            key = number_key(citation.number)
            row = self._row(Document.number_key == key, citation.issued_on)
            if row is not None:
                document_id = row.id
            else:  # no identity: never in conflict
                document_id = self._insert_cited(
                    {
                        "number": citation.number,
                        "number_key": key,
                        "doc_type": citation.doc_type,
                        "issued_on": citation.issued_on,
                        "search_text": search_text(citation.number, citation.doc_type),
                        "first_seen": at,
                        "last_seen": at,
                        "last_changed": at,
                    }
                )
            self.links.setdefault((article_id, document_id, CITED), at)

    def attached(self, article_id: int, url: str, at: datetime) -> None:
        """The article links the file at ``url``: linked to its document if there is one at write time."""
        self.attached_urls.setdefault((article_id, url), at)

    # -- writing -------------------------------------------------------------------------
    def write(self) -> None:
        """The links of this batch (the documents themselves are written as they come)."""
        if self.attached_urls:
            by_identity = {urls.identity(url): url for _, url in self.attached_urls}
            known = dict(
                self.session.execute(
                    select(Document.identity, Document.id).where(Document.identity.in_(by_identity))
                ).all()
            )
            for (article_id, url), at in self.attached_urls.items():
                document_id = known.get(urls.identity(url))
                if document_id is not None:
                    self.links.setdefault((article_id, document_id, ATTACHED), at)
        rows = [
            {"article_id": a, "document_id": d, "relation": r, "first_seen": at}
            for (a, d, r), at in self.links.items()
        ]
        if rows:
            stmt = postgresql.insert(LINKS) if self.postgres else sqlite.insert(LINKS)
            conflict = ["article_id", "document_id", "relation"]
            self.session.execute(stmt.on_conflict_do_nothing(index_elements=conflict), rows)

    # -- rows ----------------------------------------------------------------------------
    def _row(self, where: Any, issued_on: date | None = None) -> Any:
        query = select(Document).options(*LIGHT).where(where)  # the text is read only if it changed
        if issued_on is not None:  # the same number again in another year is another document
            query = query.where(or_(Document.issued_on.is_(None), Document.issued_on == issued_on))
        # The rows are changed by UPDATE statements, not through the session: read them afresh.
        query = (
            query.order_by(Document.url.is_(None), Document.id)
            .limit(1)
            .execution_options(populate_existing=True)
        )
        if self.postgres:
            query = query.with_for_update()
        return self.session.execute(query).scalars().first()

    def _cited_only(self, key: str, issued_on: date | None) -> Any:
        row = self._row(Document.number_key == key, issued_on)
        return row if row is not None and row.url is None else None

    def _insert(self, values: dict[str, Any]) -> int | None:
        """The new document's id, or None if a document with its identity exists."""
        insert = postgresql.insert(DOCUMENTS) if self.postgres else sqlite.insert(DOCUMENTS)
        stmt = insert.on_conflict_do_nothing(index_elements=["identity"]).returning(DOCUMENTS.c.id)
        inserted = self.session.execute(stmt, values).scalar()
        return None if inserted is None else int(inserted)

    def _insert_cited(self, values: dict[str, Any]) -> int:
        return int(self.session.execute(DOCUMENTS.insert().returning(DOCUMENTS.c.id), values).scalar_one())

    def _update(self, row: Any, columns: dict[str, Any], item: DocumentFetched) -> None:
        at = item.fetched_at
        if row.url is not None and at < row.last_seen:
            return  # an older fetch, stored late: the row already says more
        changes: dict[str, Any] = {"last_seen": at}
        if row.url is None or row.content_hash != columns["content_hash"]:
            text_changed = row.text_hash != columns["text_hash"]
            changes |= {**columns, "last_changed": at}
            if row.url is None:  # a cited document's file, seen at last
                self.event("created", at, document_id=row.id, content_hash=columns["text_hash"])
            elif text_changed:
                fields = [n for n in ("text", *METADATA_FIELDS) if getattr(row, n) != columns[n]]
                self.event(
                    "updated",
                    at,
                    document_id=row.id,
                    content_hash=columns["text_hash"],
                    fields=fields,
                    diff=text_diff(row.text or "", columns["text"]),
                    details={"bytes_before": row.content_hash, "bytes_after": columns["content_hash"]},
                )
                self.changed += 1
            else:
                self.event(
                    "reencoded",
                    at,
                    document_id=row.id,
                    content_hash=columns["text_hash"],
                    details={"bytes_before": row.content_hash, "bytes_after": columns["content_hash"]},
                )
        else:
            changes |= {"etag": columns["etag"], "last_modified": columns["last_modified"]}
        self._set(row.id, **changes)

    def _set(self, document_id: int, **values: Any) -> None:
        self.session.execute(DOCUMENTS.update().where(DOCUMENTS.c.id == document_id).values(**values))


def _columns(item: DocumentFetched) -> dict[str, Any]:
    """The document's columns from a fetch: what it is, what it says, how to ask for it again."""
    document = item.document
    metadata = dict.fromkeys(METADATA_FIELDS)
    if document.metadata is not None:
        metadata = {name: getattr(document.metadata, name) for name in METADATA_FIELDS}
    readable = document.text_quality == OK
    number = metadata["number"]
    return {
        "url": item.url,
        "identity": urls.identity(item.url),
        "name": item.name,
        "format": document.format,
        "size": item.size,
        "content_hash": item.content_hash,
        "text_hash": hashlib.sha256(document.text.encode()).hexdigest() if document.text else None,
        "text": document.text,
        "text_quality": document.text_quality,
        "error": document.error,
        **metadata,
        "number_key": number_key(number) if number else None,
        "search_text": search_text(
            number, metadata["doc_type"], metadata["summary"], item.name, document.text if readable else None
        ),
        "content": item.content,  # None unless DOCUMENTS_KEEP_FILES
        "etag": item.etag,
        "last_modified": item.last_modified,
    }
