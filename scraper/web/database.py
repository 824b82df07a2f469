"""The database the web interface reads: opened on first use, checked once, read-only sessions.

The store is opened and checked as the command line opens it (``scraper.cli.base.open_usable``:
there, crawled, at this code's schema). A database that is missing, empty, at another schema or
cannot be reached is ``Unavailable`` (a 503): the server keeps running and tries again at the next
request, so it serves again once the database is back.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from scraper.cli.base import CliError, open_usable
from scraper.storage import Session, StorageError, Store
from scraper.storage.engine import shown_url

logger = logging.getLogger(__name__)


class Unavailable(Exception):
    """The database cannot answer now (503). The message is for the operator's log, not the page."""


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self._store: Store | None = None
        self._lock = threading.Lock()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read session; ``Unavailable`` when the database cannot give one or fails during it."""
        store = self._opened()
        try:
            with store.reading() as session:
                yield session
        except StorageError as error:
            self._forget(store)
            raise self._unavailable(error) from None

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None

    def _opened(self) -> Store:
        with self._lock:
            if self._store is None:
                try:
                    self._store = open_usable(self.url)
                except (CliError, StorageError) as error:
                    raise self._unavailable(error) from None
            return self._store

    def _forget(self, store: Store) -> None:
        with self._lock:
            if self._store is store:
                self._store = None
        store.close()

    def _unavailable(self, error: Exception) -> Unavailable:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        message = f"cannot read the database at {shown_url(self.url)}: {reason}"
        logger.error(message)
        return Unavailable(message)
