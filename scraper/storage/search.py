"""Full-text search over ``articles.search_text`` (and ``documents.search_text``, the same way): the same
rows, in the same order, on both databases.

A query is one or more phrases separated by commas (``bien gioi, campuchia``); diacritics and
case do not matter (``scraper.content.folding``). An article matches when its folded text has every
phrase, word for word at word boundaries. Vietnamese words are often two syllables
(``biên giới``), so a phrase is what is looked for, not its syllables anywhere apart.

What matches is defined once, portably: ``" " || search_text || " "`` contains ``" bien gioi "``.
A full-text index only narrows the rows that test runs on: SQLite's FTS5 table (the phrase
itself), PostgreSQL's GIN indexes of ``to_tsvector('simple', search_text)`` (every word of the
phrases) and of its adjacent word pairs (``pairs_before``: every pair of the phrases, which for
two words is the phrase). None can drop a true match, so both databases return the same articles.

Rank: how often the phrases occur per length of text (integer arithmetic, identical on both),
newest first among equals.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Integer, Select, and_, cast, func, literal, literal_column, select, text
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.elements import ColumnClause
from sqlalchemy.sql.elements import ColumnElement as Column

from scraper.content.folding import Phrase, phrase
from scraper.storage.models import Article, Document

SIMPLE: ColumnClause[str] = literal_column("'simple'::regconfig")  # a regconfig: text, to Python
DENSITY_SCALE = 100_000  # occurrences per 100,000 characters
LENGTH_DAMPING = 500  # so that a ten-word article mentioning it once does not beat every long one


@dataclass(frozen=True)
class Searched:
    """What is searched: a table's folded text, its id, and its SQLite FTS5 table (migrations 0003, 0004)."""

    text: InstrumentedAttribute[str]
    id: InstrumentedAttribute[int]
    fts_table: str


ARTICLES = Searched(Article.search_text, Article.id, "articles_fts")
DOCUMENTS = Searched(Document.search_text, Document.id, "documents_fts")


class EmptyQuery(ValueError):
    """A query with no word in it."""


def phrases(query: str) -> list[Phrase]:
    """The phrases of a query: comma-separated, folded; at least one, or ``EmptyQuery``."""
    found = [p for p in (phrase(part) for part in query.split(",")) if p]
    if not found:
        raise EmptyQuery(f"nothing to search for in {query!r}: give words, e.g. 'bien gioi'")
    return found


def matches(wanted: list[Phrase], dialect: str, searched: Searched = ARTICLES) -> ColumnElement[bool]:
    """SQL condition: the row's text has every phrase (an index narrows, the test decides)."""
    if dialect == "postgresql":
        every_word = " & ".join(sorted({word for p in wanted for word in p}))
        vector = func.to_tsvector(SIMPLE, searched.text)
        narrowed = vector.bool_op("@@")(func.to_tsquery(SIMPLE, every_word))
    else:
        narrowed = searched.id.in_(_fts_rows(wanted, searched))
    return and_(narrowed, has_phrases(wanted, searched))


def has_phrases(wanted: list[Phrase], searched: Searched = ARTICLES) -> ColumnElement[bool]:
    """SQL condition: the row's text has every phrase, word for word (the test, without an index)."""
    padded = literal(" ") + searched.text + literal(" ")
    return and_(*(padded.contains(f" {' '.join(p)} ", autoescape=True) for p in wanted))


def indexed_before(wanted: list[Phrase], before: int | None, limit: int) -> Select[int]:
    """SQLite: the article ids below ``before`` that the FTS5 index gives for the phrases, highest
    first, at most ``limit``; they hold every article having them (and maybe others: ``has_phrases``
    decides)."""
    rows = _fts_rows(wanted, ARTICLES)
    if before is not None:
        rows = rows.where(literal_column("rowid") < before)
    return rows.order_by(literal_column("rowid").desc()).limit(limit)


def paired(wanted: list[Phrase]) -> bool:
    """Whether every phrase has two words or more: PostgreSQL's index of word pairs finds them."""
    return all(len(p) >= 2 for p in wanted)


def pairs_before(wanted: list[Phrase], before: int | None, limit: int) -> Select[int]:
    """PostgreSQL: the article ids below ``before`` having every adjacent word pair of the phrases
    (migration 0006's index), highest first, at most ``limit``; they hold every article having the
    phrases (and maybe others, for a phrase of three words or more: ``has_phrases`` decides)."""
    pairs = sorted({f"{p[i]}_{p[i + 1]}" for p in wanted for i in range(len(p) - 1)})
    query = cast(literal(" & ".join(f"'{pair}'" for pair in pairs)), TSQUERY)
    having = func.sotttt_word_pairs(Article.search_text).bool_op("@@")(query)
    # Apart (OFFSET 0): along the index, never by computing every article's pairs again.
    rows = select(Article.id).where(having).offset(0).subquery()
    newest = select(rows.c.id)
    if before is not None:
        newest = newest.where(rows.c.id < before)
    return newest.order_by(rows.c.id.desc()).limit(limit)


def _fts_rows(wanted: list[Phrase], searched: Searched) -> Select[int]:
    fts = " AND ".join(f'"{" ".join(p)}"' for p in wanted)
    rows: Select[int] = select(literal_column("rowid")).select_from(text(searched.fts_table))
    return rows.where(text(f"{searched.fts_table} MATCH :fts").bindparams(fts=fts))


def rank(wanted: list[Phrase], searched: Searched = ARTICLES) -> Column[int]:
    """SQL expression: occurrences of the phrases per length of the row's text, an integer."""
    # Words two spaces apart, so that back-to-back occurrences are each counted by replace().
    spaced = literal(" ") + func.replace(searched.text, " ", "  ") + literal(" ")
    occurrences = sum(
        (
            (func.length(spaced) - func.length(func.replace(spaced, needle, ""))) // len(needle)
            for needle in (f" {'  '.join(p)} " for p in wanted)
        ),
        start=literal(0, Integer),
    )
    # An integer on both databases (SQLAlchemy's FLOOR above is a numeric on PostgreSQL): ties stay ties.
    return (cast(occurrences, Integer) * DENSITY_SCALE) // (func.length(searched.text) + LENGTH_DAMPING)


def rank_of(wanted: list[Phrase], text: str) -> int:
    """``rank`` of one text, computed here: the same integer (a few articles' texts cost less to
    rank once read than to rank in the database)."""
    spaced = " " + text.replace(" ", "  ") + " "
    occurrences = sum(spaced.count(f" {'  '.join(p)} ") for p in wanted)
    return occurrences * DENSITY_SCALE // (len(text) + LENGTH_DAMPING)
