"""What every request reads (``request.app.state.site``): the database, the watchlist, the templates."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from jinja2 import Environment

from scraper.content.watchlist import Topic, Watchlist, WatchlistError
from scraper.storage import Session, queries
from scraper.web.database import Database


class NotFound(LookupError):
    """No such article or topic: 404, with this message."""


@dataclass(frozen=True)
class Known:
    """What the forms offer and the parameters are checked against: the stored categories and sites."""

    categories: list[str]
    sites: list[str]


class Stored:
    """The categories articles have and the sites stored. Reading them scans an index of every
    article, so they are read again only once a crawl run has begun or ended since (a category a
    crawl adds shows when it ends)."""

    def __init__(self) -> None:
        self._known: tuple[tuple[int, datetime | None] | None, Known] = (None, Known([], []))
        self._lock = threading.Lock()

    def __call__(self, session: Session) -> Known:
        runs = queries.recent_runs(session, 1)
        key = (runs[0].id, runs[0].finished_at) if runs else None
        with self._lock:
            if key is not None and self._known[0] == key:
                return self._known[1]
        known = Known(queries.categories(session), queries.sites(session))
        with self._lock:
            self._known = (key, known)
        return known


@dataclass(frozen=True)
class Site:
    database: Database
    watchlist: Watchlist
    templates: Environment
    known: Stored = field(default_factory=Stored)

    def categories(self, session: Session) -> list[str]:
        """The stored categories."""
        return self.known(session).categories

    def sites(self, session: Session) -> list[str]:
        """The stored sites (site profiles' names)."""
        return self.known(session).sites

    def topic(self, name: str) -> Topic:
        """The watchlist's topic ``name``; ``NotFound`` naming the known ones."""
        try:
            return self.watchlist.topic(name)
        except WatchlistError as error:
            raise NotFound(str(error)) from None


def _site(request: Request) -> Site:
    found: Site = request.app.state.site
    return found


SiteParam = Annotated[Site, Depends(_site)]
