"""What an incremental crawl asks for again: the policy the spider consults, backed by the store.

Pure decisions over what is stored: which index entries are new or changed since their stored
``Last-Modified``, which known articles a complete sitemap no longer lists (taken down? moved?),
which are due for a conditional re-check (``scraper.storage.recheck``), and which linked files have
their size recorded already. The spider only turns the answers into requests.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from functools import cached_property

from scraper.parsers.indexes import IndexEntry
from scraper.storage import Store
from scraper.storage.store import KnownArticle
from scraper.urls import identity

PARTIAL_SITEMAP_MIN = 10  # a sitemap may lack this many known articles, or a tenth of them, and be complete


@dataclass(frozen=True)
class Vanished:
    """Known live articles that a sitemap does not list: ``recheck`` them, unless it is ``partial``."""

    recheck: list[KnownArticle]
    missing: int
    partial: bool


class IncrementalPolicy:
    def __init__(self, store: Store, incremental: bool) -> None:
        self.store = store
        self.incremental = incremental

    def is_known(self, url: str) -> bool:
        """In incremental mode, whether an article was stored under ``url``; a full crawl knows nothing."""
        return self.incremental and self.store.is_known(url)

    def fresh(self, urls: Iterable[str]) -> list[str]:
        """The listing's article addresses worth fetching: all of them in a full crawl, else the unknown."""
        return [url for url in urls if not self.is_known(url)]

    def validators(self, url: str) -> KnownArticle | None:
        """In incremental mode, the article stored under ``url`` with its validators; a full crawl
        knows nothing."""
        return self.store.validators(url) if self.incremental else None

    @staticmethod
    def changed(entry: IndexEntry, known: KnownArticle) -> bool:
        """Does a sitemap or feed entry say the known article changed since it was stored?"""
        return entry.lastmod is not None and changed_since(entry.lastmod, known.last_modified)

    def vanished(self, entries: tuple[IndexEntry, ...], host: str) -> Vanished:
        """Known live articles at ``host`` (``host[:port]``) that the sitemap's ``entries`` lack; many
        lacking means a partial sitemap."""
        listed = {identity(entry.url) for entry in entries}
        known = [url for url in self.store.live_urls() if identity(url).split("/", 1)[0] == host]
        missing = [url for url in known if identity(url) not in listed]
        if len(missing) > max(PARTIAL_SITEMAP_MIN, len(known) // 10):
            return Vanished([], len(missing), partial=True)
        found = [self.store.validators(url) for url in missing]
        return Vanished([k for k in found if k is not None], len(missing), partial=False)

    def due(self, now: datetime, budget: int) -> list[KnownArticle]:
        """Known articles due for a conditional re-check at ``now``, at most ``budget``."""
        return self.store.due_for_recheck(now, budget)

    @cached_property
    def known_documents(self) -> dict[str, tuple[str | None, str | None]]:
        """Every fetched document's URL, with its ETag and Last-Modified: read once, when first asked."""
        return self.store.document_validators()

    @cached_property
    def sized_files(self) -> set[str]:
        """Linked files whose size is stored already: read once, when the first article asks."""
        return self.store.sized_files()


def changed_since(lastmod: datetime, last_modified: str | None) -> bool:
    """Does the index's ``<lastmod>`` say the page changed after the stored ``Last-Modified``?"""
    if not last_modified:
        return True
    try:
        return lastmod > parsedate_to_datetime(last_modified)
    except (TypeError, ValueError):
        return True
