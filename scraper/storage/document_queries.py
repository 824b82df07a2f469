"""The analysts' questions about documents: which ones (by type, issuer, year, number, words),
which articles attach or cite them, and what changed. Functions of a read session, as in
``scraper.storage.queries``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, literal, select
from sqlalchemy.orm import InstrumentedAttribute, Session, defer

from scraper.content.folding import Phrase, number_key
from scraper.storage.models import Article, ArticleDocument, ChangeEvent, Document
from scraper.storage.search import DOCUMENTS, matches, rank

# A listing never shows these: a document's text, its folded text and its bytes are long.
LIGHT = (defer(Document.text), defer(Document.search_text), defer(Document.content))


@dataclass(frozen=True)
class DocumentFilter:
    """Which documents: of these types and issuers (as stored), issued in ``year``, numbered ``number``
    (however typed), having every phrase of ``words``. Empty means any."""

    types: Sequence[str] = ()
    issuers: Sequence[str] = ()
    year: int | None = None
    number: str | None = None
    words: Sequence[Phrase] = ()


@dataclass(frozen=True)
class DocumentHit:
    document: Document
    rank: int


@dataclass(frozen=True)
class Link:
    """An article that attaches or cites a document (``relation``)."""

    relation: str
    article: Article


def documents(session: Session, wanted: DocumentFilter, limit: int, offset: int = 0) -> list[DocumentHit]:
    """The documents ``wanted`` says, the best match first, then the newest issued."""
    score = rank(list(wanted.words), DOCUMENTS) if wanted.words else literal(0)
    query: Select[Document, int] = select(Document, score.label("rank")).options(*LIGHT)
    if wanted.words:
        query = query.where(matches(list(wanted.words), session.get_bind().dialect.name, DOCUMENTS))
    if wanted.types:
        query = query.where(Document.doc_type.in_(wanted.types))
    if wanted.issuers:
        query = query.where(Document.issuer.in_(wanted.issuers))
    if wanted.year is not None:
        query = query.where(Document.issued_on.between(date(wanted.year, 1, 1), date(wanted.year, 12, 31)))
    if wanted.number:
        query = query.where(Document.number_key == number_key(wanted.number))
    newest = func.coalesce(Document.issued_on, date(1, 1, 1))
    query = query.order_by(score.desc(), newest.desc(), Document.id.desc()).limit(limit).offset(offset)
    return [DocumentHit(document, score) for document, score in session.execute(query)]


def newest(session: Session, limit: int) -> list[Document]:
    """The documents most recently read from their files, newest first."""
    query = select(Document).options(*LIGHT).where(Document.url.is_not(None))
    return list(session.scalars(query.order_by(Document.first_seen.desc(), Document.id.desc()).limit(limit)))


def document(session: Session, document_id: int) -> Document | None:
    return session.get(Document, document_id)


def doc_types(session: Session) -> list[str]:
    """Every type a document has."""
    return _distinct(session, Document.doc_type)


def issuers(session: Session) -> list[str]:
    """Every body that issued a document."""
    return _distinct(session, Document.issuer)


def links(session: Session, document_ids: Iterable[int]) -> dict[int, list[Link]]:
    """The articles that attach or cite each document, oldest link first."""
    query = (
        select(ArticleDocument.document_id, ArticleDocument.relation, Article)
        .join(Article, Article.id == ArticleDocument.article_id)
        .where(ArticleDocument.document_id.in_(list(document_ids)))
        .options(defer(Article.body_html), defer(Article.search_text))
        .order_by(ArticleDocument.first_seen, Article.id, ArticleDocument.relation)
    )
    found: dict[int, list[Link]] = defaultdict(list)
    for document_id, relation, article in session.execute(query):
        found[document_id].append(Link(relation, article))
    return dict(found)


def of_articles(session: Session, article_ids: Iterable[int]) -> dict[int, list[tuple[str, Document]]]:
    """The documents each article attaches or cites, with how (``attached`` first)."""
    query = (
        select(ArticleDocument.article_id, ArticleDocument.relation, Document)
        .join(Document, Document.id == ArticleDocument.document_id)
        .where(ArticleDocument.article_id.in_(list(article_ids)))
        .options(*LIGHT)
        .order_by(ArticleDocument.article_id, ArticleDocument.relation, Document.id)
    )
    found: dict[int, list[tuple[str, Document]]] = defaultdict(list)
    for article_id, relation, doc in session.execute(query):
        found[article_id].append((relation, doc))
    return dict(found)


def history(session: Session, document_id: int) -> list[ChangeEvent]:
    """A document's change log, oldest first."""
    query = select(ChangeEvent).where(ChangeEvent.document_id == document_id)
    return list(session.scalars(query.order_by(ChangeEvent.occurred_at, ChangeEvent.id)))


def article_ids_citing_words(words: Sequence[Phrase], dialect: str) -> Select[int]:
    """SQL: the ids of articles that attach or cite a document having every phrase."""
    having = select(Document.id).where(matches(list(words), dialect, DOCUMENTS))
    return select(ArticleDocument.article_id).where(ArticleDocument.document_id.in_(having))


def _distinct(session: Session, column: InstrumentedAttribute[str | None]) -> list[str]:
    return sorted(v for v in session.scalars(select(column).where(column.is_not(None)).distinct()) if v)
