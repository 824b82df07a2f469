"""Engines and the schema: connecting to a database and migrating it with Alembic.

The one Alembic configuration is ``alembic_config()``: the crawl's automatic upgrade, ``python -m
scraper.storage upgrade`` and ``python -m scraper.storage revision`` (writing a migration) all use it.
SQLite runs in WAL mode with foreign keys on, and a writing transaction takes the database's write
lock when it begins (``WRITE``), so concurrent writers queue instead of failing.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import URL, Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.exc import ArgumentError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MIGRATION_LOCK = 0x5077_AB1C  # PostgreSQL advisory lock: one process migrates, the others wait
WRITE = "sotttt_write"  # execution option marking a writing transaction (SQLite: BEGIN IMMEDIATE)
SQLITE_BUSY_SECONDS = 60


def alembic_config(location: Path = MIGRATIONS, connection: Connection | None = None) -> Config:
    """Alembic's configuration: the migration scripts at ``location``, migrating ``connection``
    (without one, ``env.py`` connects to ``DATABASE_URL``)."""
    config = Config()
    config.set_main_option("script_location", str(location))
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest migration's revision: what this code needs the database to be at."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def schema_revision(engine: Engine) -> str | None:
    """The Alembic revision the database is at; None for a database never migrated."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_schema(engine: Engine) -> None:
    """Migrate to Alembic's head in one transaction; a no-op there. Concurrent callers take turns."""
    with _migrations() as location, engine.connect() as connection:
        connection.execution_options(**{WRITE: True})
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            command.upgrade(alembic_config(location, connection), "head")


@contextmanager
def _migrations() -> Iterator[Path]:
    """The migration scripts as a folder: Alembic reads files, and a Scrapyd egg is a zip."""
    if MIGRATIONS.is_dir():
        yield MIGRATIONS
        return
    with tempfile.TemporaryDirectory() as folder:
        _copy_tree(resources.files("scraper.storage") / "migrations", Path(folder))
        yield Path(folder)


def _copy_tree(source: Traversable, target: Path) -> None:
    for entry in source.iterdir():
        if entry.is_dir():
            (target / entry.name).mkdir()
            _copy_tree(entry, target / entry.name)
        elif entry.name.endswith((".py", ".mako")):
            (target / entry.name).write_bytes(entry.read_bytes())


class DatabaseUrlError(ValueError):
    """A database address this project cannot use: unparsable, or not SQLite or PostgreSQL."""


SUPPORTED = {"sqlite": "sqlite", "postgresql": "psycopg"}  # backend: the driver this project installs
EXAMPLES = "sqlite:///data/sotttt.sqlite3 or postgresql+psycopg://user@host/database"


def parse_database_url(text: str) -> URL:
    """``text`` as a database URL this project can open, or ``DatabaseUrlError`` saying why not."""
    try:
        url = make_url(text)
    except ArgumentError:
        raise DatabaseUrlError(f"not a database URL: {text!r} (e.g. {EXAMPLES})") from None
    backend, driver = url.get_backend_name(), url.get_driver_name()
    if backend not in SUPPORTED:
        raise DatabaseUrlError(f"unsupported database {backend!r}: use {EXAMPLES}")
    if backend == "postgresql" and driver != SUPPORTED[backend]:
        raise DatabaseUrlError(
            f"PostgreSQL through {driver!r} is not installed: use postgresql+psycopg://..."
        )
    return url


def connect(database_url: str) -> Engine:
    """An engine for ``database_url``: SQLite (its folder created) or PostgreSQL (psycopg)."""
    url = parse_database_url(database_url)
    if url.get_backend_name() != "sqlite":
        # No server-side prepared statements: their generic plans, made while a first crawl fills
        # an empty table, would keep scanning it whole long after it has grown.
        return create_engine(url, connect_args={"prepare_threshold": None})
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # transactions are begun by _sqlite_begin
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    """Writers take the write lock up front; readers run each statement on its own snapshot."""
    if connection.get_execution_options().get(WRITE):
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def shown_url(text: str) -> str:
    """A database URL as it may be shown: its password hidden (an unparsable one, as given)."""
    try:
        return make_url(text).render_as_string(hide_password=True)
    except ArgumentError:
        return text


def sqlite_file(text: str) -> Path | None:
    """The file of a SQLite database on disk; None for a server or an in-memory database."""
    url = parse_database_url(text)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(str(url.database))
