"""One crawl at a time per site and database, with a lock that a killed crawl cannot leave behind.

SQLite: an exclusive ``flock`` on ``<database>.lock`` (``<database>.<site>.lock`` for a site other
than ``sotttt``; the kernel drops it when the process dies). PostgreSQL: a session advisory lock
held on a connection of its own (dropped when the connection goes, as it does when the process
dies). Other databases are not locked. Crawls of two sites may write to one database at once.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from pathlib import Path
from types import TracebackType

from sqlalchemy import URL, Connection, NullPool, create_engine, make_url, text

from scraper.storage.models import DEFAULT_SITE


class RunLockBusy(RuntimeError):
    """Another crawl holds the database."""


class RunLock:
    def __init__(self, database_url: str, site: str = DEFAULT_SITE) -> None:
        self.url = make_url(database_url)
        self.site = site
        self._file: int | None = None
        self._connection: Connection | None = None

    def __enter__(self) -> RunLock:
        backend = self.url.get_backend_name()
        if backend == "sqlite" and self.url.database not in (None, "", ":memory:"):
            self._lock_file(_lock_path(self.url, self.site))
        elif backend == "postgresql":
            self._lock_postgres()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._file is not None:
            os.close(self._file)  # closing the descriptor releases the flock
            self._file = None
        if self._connection is not None:
            self._connection.close()
            self._connection.engine.dispose()
            self._connection = None

    def _lock_file(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            raise RunLockBusy(f"another crawl of {self.site} is writing to {self.url.database}") from None
        os.ftruncate(descriptor, 0)
        os.write(descriptor, f"{os.getpid()}\n".encode())
        self._file = descriptor

    def _lock_postgres(self) -> None:
        key = _advisory_key(self.url, self.site)
        connection = create_engine(self.url, poolclass=None).connect()
        if not connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar():
            connection.close()
            connection.engine.dispose()
            shown = self.url.render_as_string(hide_password=True)
            raise RunLockBusy(f"another crawl of {self.site} is writing to {shown}")
        connection.commit()
        self._connection = connection


def _lock_path(url: URL, site: str) -> Path:
    return Path(f"{url.database}.lock" if site == DEFAULT_SITE else f"{url.database}.{site}.lock")


def _advisory_key(url: URL, site: str) -> int:
    name = str(url) if site == DEFAULT_SITE else f"{url}#{site}"
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)


def crawl_running(database_url: str, site: str = DEFAULT_SITE) -> bool | None:
    """Whether a crawl of ``site`` holds its lock on the database now, read without taking it (a crawl
    starting at that moment is not turned away); None where that cannot be told (no lock on this
    database, or no ``/proc/locks``)."""
    url = make_url(database_url)
    backend = url.get_backend_name()
    if backend == "sqlite" and url.database not in (None, "", ":memory:"):
        return _flock_held(_lock_path(url, site))
    if backend == "postgresql":
        key = (
            _advisory_key(url, site) & 0xFFFFFFFFFFFFFFFF
        )  # a bigint lock: classid the high half, objid the low
        engine = create_engine(url, poolclass=NullPool)
        try:
            with engine.connect() as connection:
                held = connection.execute(
                    text(
                        "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
                        " AND objsubid = 1 AND classid::bigint = :high AND objid::bigint = :low)"
                    ),
                    {"high": key >> 32, "low": key & 0xFFFFFFFF},
                ).scalar()
        finally:
            engine.dispose()
        return bool(held)
    return None


def _flock_held(path: Path) -> bool | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return False
    file_id = f"{os.major(stat.st_dev):02x}:{os.minor(stat.st_dev):02x}:{stat.st_ino}"
    try:
        table = Path("/proc/locks").read_text()
    except OSError:
        return None
    # "1: FLOCK  ADVISORY  WRITE 4242 fd:01:1234567 0 EOF" (a waiter's line reads "1: -> FLOCK ...")
    return any(
        fields[1] == "FLOCK" and fields[5] == file_id
        for fields in (line.split() for line in table.splitlines())
        if len(fields) > 5
    )
