"""The query parameters pages and API share: declared once (FastAPI documents them in ``/openapi.json``),
bounded, and a bad one is a ``BadRequest`` (400) saying what is wrong in one line."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Query

from scraper.cli.base import LAST_RUN, Since, parse_since
from scraper.content.folding import Phrase
from scraper.content.watchlist import Topic
from scraper.settings import (
    WEB_MAX_OFFSET,
    WEB_MAX_PAGE_SIZE,
    WEB_MAX_PHRASES,
    WEB_MAX_QUERY_CHARACTERS,
    WEB_PAGE_SIZE,
)
from scraper.storage.search import EmptyQuery, phrases
from scraper.web.site import SiteParam

WHEN = f"a date (2021-12-01), a date and time, a duration (7d, 12h, 2w) or {LAST_RUN}"


class BadRequest(ValueError):
    """A parameter that cannot be answered: 400, with this message."""


@dataclass(frozen=True)
class Page:
    """Which slice of a list: ``limit`` rows from ``offset``."""

    limit: int
    offset: int


def _page(
    limit: Annotated[int, Query(ge=1, le=WEB_MAX_PAGE_SIZE, description="rows per page")] = WEB_PAGE_SIZE,
    offset: Annotated[int, Query(ge=0, le=WEB_MAX_OFFSET, description="rows to skip")] = 0,
) -> Page:
    return Page(limit, offset)


@dataclass(frozen=True)
class Asked:
    """``since`` (published since; ``last-run``: first seen since the last crawl began) or
    ``seen_since`` (first seen by a crawl since), as given: ``None`` where not given."""

    since: Since | None
    seen_since: Since | None
    since_text: str  # as typed, for the form and the links
    seen_text: str


def when(text: str | None, name: str) -> Since | None:
    """A ``since`` parameter; None when empty."""
    if text is None or not text.strip():
        return None
    try:
        return parse_since(text)
    except argparse.ArgumentTypeError as error:
        raise BadRequest(str(error).replace("--since", name)) from None


def _asked(
    since: Annotated[str | None, Query(description=f"published since: {WHEN} (first seen since)")] = None,
    seen_since: Annotated[str | None, Query(description=f"first seen by a crawl since: {WHEN}")] = None,
) -> Asked:
    asked = Asked(when(since, "since"), when(seen_since, "seen_since"), since or "", seen_since or "")
    if asked.since is not None and asked.seen_since is not None:
        raise BadRequest("give since or seen_since, not both")
    return asked


def search_phrases(text: str) -> list[Phrase]:
    """A search query's phrases, bounded: at most ``WEB_MAX_PHRASES``."""
    try:
        found = phrases(text)
    except EmptyQuery as error:
        raise BadRequest(str(error)) from None
    if len(found) > WEB_MAX_PHRASES:
        raise BadRequest(f"at most {WEB_MAX_PHRASES} comma-separated phrases, not {len(found)}")
    return found


PageParam = Annotated[Page, Depends(_page)]
AskedParam = Annotated[Asked, Depends(_asked)]
SITE = "only this site's, a site profile's name such as sotttt (repeatable)"
CategoryParam = Annotated[
    list[str] | None, Query(description="only this category, diacritics and case ignored (repeatable)")
]


def _given(categories: list[str] | None) -> list[str]:
    """The categories (or sites) asked for; a form's empty choice ("all of them") is none."""
    return [name for name in categories or [] if name.strip()]


def _sites(site: Annotated[list[str] | None, Query(description=SITE)] = None) -> list[str]:
    """The sites asked for (``site=``, repeatable), as given; the answers check them."""
    return _given(site)


SitesParam = Annotated[list[str], Depends(_sites)]


@dataclass(frozen=True)
class Selection:
    """Which new articles: since when, of which categories (any of them), of which topic, of which
    sites (any of them)."""

    asked: Asked
    categories: list[str]
    topic: Topic | None
    sites: list[str] = field(default_factory=list)


def _selection(
    site: SiteParam,
    asked: AskedParam,
    sites: SitesParam,
    category: CategoryParam = None,
    topic: Annotated[str | None, Query(description="only articles of this watchlist topic")] = None,
) -> Selection:
    return Selection(asked, _given(category), site.watchlist.topic(topic) if topic else None, sites)


SelectionParam = Annotated[Selection, Depends(_selection)]


@dataclass(frozen=True)
class Searched:
    """A search: the query as typed, its phrases (None for a query not given), since when,
    categories, sites."""

    q: str
    phrases: list[Phrase] | None
    asked: Asked
    categories: list[str]
    sites: list[str] = field(default_factory=list)

    def wanted(self) -> list[Phrase]:
        """The phrases; ``BadRequest`` for a query not given."""
        return self.phrases or search_phrases(self.q)


def _searched(
    asked: AskedParam,
    sites: SitesParam,
    q: Annotated[
        str,
        Query(
            max_length=WEB_MAX_QUERY_CHARACTERS,
            description="words to find, diacritics and case ignored; commas separate phrases all wanted",
        ),
    ] = "",
    category: CategoryParam = None,
) -> Searched:
    return Searched(q, search_phrases(q) if q.strip() else None, asked, _given(category), sites)


SearchedParam = Annotated[Searched, Depends(_searched)]
