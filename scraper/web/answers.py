"""The questions pages and API both answer, as functions of a read session and the parsed parameters.

Each asks ``scraper.storage.queries`` as the command line does (its defaults, its category matching,
its snippets), so a page, the API and ``python -m scraper.cli`` agree on the same database. A list
reads one row past its page, to know whether another page follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from scraper.cli import status
from scraper.cli.base import LAST_RUN, chosen_sites, since, window_of
from scraper.cli.search import chosen_categories, hit_snippet
from scraper.cli.show import Shown, gather
from scraper.content.folding import Phrase, Snippet, snippet
from scraper.content.versions import FieldChange
from scraper.content.watchlist import Topic, Watchlist
from scraper.settings import WEB_SEARCH_CANDIDATES, WEB_TOPIC_NEWEST
from scraper.storage import Session, queries
from scraper.storage.models import Article, Contact
from scraper.storage.queries import Change, Filters, Hit, Window
from scraper.web.params import Asked, Page, Searched, Selection
from scraper.web.site import Known

T = TypeVar("T")
TITLE_WIDTH = 1000  # a title's snippet: the whole title, its matches marked


@dataclass(frozen=True)
class Listing(Generic[T]):
    """One page of a list; ``more``: another page follows."""

    items: list[T]
    page: Page
    more: bool


def listing_of(found: list[T], page: Page) -> Listing[T]:
    return Listing(found[: page.limit], page, len(found) > page.limit)


def one_more(page: Page) -> int:
    return page.limit + 1


@dataclass(frozen=True)
class NewArticles:
    window: Window
    articles: Listing[Article]
    total: int
    topics: dict[int, list[str]]


def new_articles(session: Session, selection: Selection, known: Known, page: Page) -> NewArticles:
    """What is new: published since ``asked.since`` (by default: first seen since the last run of the
    sites asked for); ``known``: the stored categories and sites."""
    asked, topic = selection.asked, selection.topic
    filters = Filters(
        chosen_categories(known.categories, selection.categories),
        topic.name if topic else None,
        chosen_sites(known.sites, selection.sites),
    )
    wanted = window_of(session, asked.since or LAST_RUN, asked.seen_since, filters.sites)
    assert wanted is not None  # since has a default
    found = queries.new_articles(session, wanted, one_more(page), page.offset, filters)
    listing = listing_of(found, page)
    total = queries.count_new(session, wanted, filters)
    return NewArticles(wanted, listing, total, queries.topics(session, (a.id for a in listing.items)))


@dataclass(frozen=True)
class Found:
    hit: Hit
    snippet: Snippet | None  # the body's words around the first match, as the command line gives it
    title: Snippet | None  # the title with its matches marked; None when it has none


@dataclass(frozen=True)
class SearchResults:
    phrases: list[Phrase]
    hits: Listing[Found]
    topics: dict[int, list[str]]
    capped: bool  # more articles match than are ranked (``WEB_SEARCH_CANDIDATES``, the newest)


def search(session: Session, searched: Searched, known: Known, page: Page) -> SearchResults:
    """The articles having every phrase of the query, best first (``BadRequest`` for no query), among
    the ``WEB_SEARCH_CANDIDATES`` stored last that have them; ``known``: the stored categories and sites."""
    wanted = searched.wanted()
    filters = Filters(
        categories=chosen_categories(known.categories, searched.categories),
        sites=chosen_sites(known.sites, searched.sites),
    )
    start = window_of(session, searched.asked.since, searched.asked.seen_since, filters.sites)
    among = queries.newest_matches(session, wanted, start, filters, WEB_SEARCH_CANDIDATES + 1)
    capped = len(among) > WEB_SEARCH_CANDIDATES
    ranked = among[:WEB_SEARCH_CANDIDATES]
    hits = queries.search(session, wanted, start, filters, one_more(page), page.offset, among=ranked)
    listing = listing_of(
        [Found(h, hit_snippet(h, wanted), snippet(h.article.title, wanted, TITLE_WIDTH)) for h in hits],
        page,
    )
    topics = queries.topics(session, (f.hit.article.id for f in listing.items))
    return SearchResults(wanted, listing, topics, capped)


@dataclass(frozen=True)
class ArticlePage:
    shown: Shown  # the command line's ``show --history``: fields, URLs, topics, files, versions, events
    contacts: list[Contact]

    @property
    def diffs(self) -> list[tuple[int, datetime, list[FieldChange]]]:
        """(version number, first seen, what changed from the version before), newest first."""
        numbered = [(n, v.seen_at, changes) for n, (v, changes) in enumerate(self.shown.versions, 1)]
        return numbered[::-1]


def article(session: Session, article_id: int) -> ArticlePage | None:
    found = queries.article(session, str(article_id))
    if found is None:
        return None
    return ArticlePage(gather(session, found, history=True), queries.contacts(session, found.id))


@dataclass(frozen=True)
class Changes:
    start: datetime
    changes: Listing[Change]
    sites: list[str]  # the sites asked for (none: every site)


def changes(session: Session, asked: Asked, sites: list[str], known: Known, page: Page) -> Changes:
    """The change log since ``asked.since`` (by default since the last run of ``sites`` began), of
    ``sites`` (none: of every site); ``known``: the stored sites."""
    chosen = chosen_sites(known.sites, sites)
    start = since(session, asked.since or LAST_RUN, chosen)
    found = queries.changes(session, start, one_more(page), page.offset, sites=chosen)
    return Changes(start, listing_of(found, page), chosen)


@dataclass(frozen=True)
class TopicNewest:
    topic: Topic
    count: int
    newest: list[Article]


def topics(session: Session, watchlist: Watchlist) -> list[TopicNewest]:
    """Every topic of the watchlist, how many articles it has, its newest ones."""
    counts = queries.topic_counts(session)
    return [
        TopicNewest(t, counts.get(t.name, 0), queries.topic_articles(session, t.name, WEB_TOPIC_NEWEST))
        for t in watchlist.topics
    ]


def topic_articles(session: Session, topic: Topic, page: Page) -> Listing[Article]:
    return listing_of(queries.topic_articles(session, topic.name, one_more(page), page.offset), page)


def runs(session: Session, database_url: str, page: Page) -> Listing[status.Shown]:
    """The crawl runs, newest first, as ``status`` shows them (a run without an end: killed or running)."""
    found = queries.recent_runs(session, one_more(page), page.offset)
    return listing_of(status.shown_runs(session, database_url, found), page)
