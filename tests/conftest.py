"""Fixtures: each test that takes ``database_url`` runs on SQLite and on PostgreSQL; services for crawls."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from uuid import uuid4

import psycopg
import pytest
from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy import make_url
from store_factories import POSTGRES_URL, REDIS_URL, postgres_schema

from scraper.db import Base
from scraper.store import Store


def _require_postgres() -> None:
    url = make_url(POSTGRES_URL)
    try:
        psycopg.connect(url.set(drivername="postgresql").render_as_string(False), connect_timeout=3).close()
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL is not reachable at {url.host}:{url.port} ({exc}); SQLite tests still ran")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """This test run's own schema in the PostgreSQL test database, dropped at the end of the run."""
    _require_postgres()
    with postgres_schema() as schema_url:
        yield schema_url


@pytest.fixture
def postgres_schema_url() -> Iterator[str]:
    """This test's own schema in the PostgreSQL test database (crawls in other processes); dropped after."""
    _require_postgres()
    with postgres_schema() as schema_url:
        yield schema_url


@pytest.fixture
def redis_settings() -> Iterator[dict[str, str]]:
    """The settings of this test's own key prefix on the test Redis server; its keys are deleted after."""
    server = Redis.from_url(REDIS_URL)
    try:
        server.ping()
    except RedisError as exc:
        pytest.skip(f"Redis is not reachable at {REDIS_URL} ({exc})")
    prefix = f"sotttt_test_{uuid4().hex[:12]}"
    yield {"REDIS_URL": REDIS_URL, "REDIS_KEY_PREFIX": prefix}
    if leftovers := list(server.scan_iter(f"{prefix}:*")):
        server.delete(*leftovers)
    server.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: a new SQLite file, or the run's PostgreSQL schema with every table emptied."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'data' / 'sotttt.sqlite3'}"
    url = request.getfixturevalue("postgres_url")
    with Store.open(url) as store, store.engine.begin() as connection:
        tables = ", ".join(t.name for t in Base.metadata.sorted_tables)
        connection.exec_driver_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
    return url


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    with Store.open(database_url) as opened:
        yield opened
