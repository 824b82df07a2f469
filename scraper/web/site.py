"""What every request reads (``request.app.state.site``): the database, the watchlist, the templates."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from jinja2 import Environment

from scraper.content.watchlist import Topic, Watchlist, WatchlistError
from scraper.web.database import Database


class NotFound(LookupError):
    """No such article or topic: 404, with this message."""


@dataclass(frozen=True)
class Site:
    database: Database
    watchlist: Watchlist
    templates: Environment

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
