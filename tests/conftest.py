"""Fixtures: each test that takes ``database_url`` runs on SQLite and on PostgreSQL; ``crawled_site``
is a mirror crawled by the real spider, for the output tests; services for crawls."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from uuid import uuid4

import psycopg
import pytest
from redis import Redis
from redis.exceptions import RedisError
from sqlalchemy import make_url

from mirror.testing import MirrorServer
from scraper.storage.models import Base
from scraper.storage.store import Store
from tests.crawling import crawl
from tests.store_factories import POSTGRES_URL, REDIS_URL, postgres_schema
from tests.web_server import serving


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


@dataclass(frozen=True)
class CrawledSite:
    """A mirror crawled twice (full, then incremental after edits): what the output tests read."""

    database_url: str
    hostile_url: str  # an article whose title and body carry <script> and terminal escapes
    edited_url: str  # edited between the two crawls: a second version, an "updated" event
    removed_url: str  # taken down between the two crawls


HOSTILE_TITLE = "<script>alert('tiêu đề')</script> Biên giới \x1b[31mĐỎ\x1b[0m \x9b2J"
HOSTILE_SUMMARY = "Tóm tắt <b onmouseover=alert(2)>đậm</b> về biên giới \x9b5m nhấp nháy"
HOSTILE_BODY = [
    "Đồn Biên phòng <img src=x onerror=alert(1)> tuyên truyền \x1b]0;pwned\x07 về biên giới.",
    "</textarea><script>document.title='x'</script>\x1b[2J Hết.",
]
NEWEST = datetime(2025, 6, 30, 9, 0, tzinfo=timezone(timedelta(hours=7)))  # the hostile one tops the lists
EDITED_TITLE = "Tăng cường thông tin đối ngoại khu vực biên giới (đã sửa)"


@pytest.fixture(scope="session")
def crawled_site(tmp_path_factory: pytest.TempPathFactory) -> CrawledSite:
    database_url = f"sqlite:///{tmp_path_factory.mktemp('site') / 'site.sqlite3'}"
    with MirrorServer(articles=40, layout="drupal_gavias", seed=11) as mirror:
        mirror.edit(3, title=HOSTILE_TITLE, summary=HOSTILE_SUMMARY, body=HOSTILE_BODY, published_at=NEWEST)
        crawl(mirror.url, database_url, mode="full")
        mirror.edit(10, title=EDITED_TITLE)
        gone = mirror.take_down(20, status=410)
        crawl(mirror.url, database_url)
        return CrawledSite(database_url, mirror.url_of(3), mirror.url_of(10), gone["url"])


@pytest.fixture(scope="session")
def web_url(crawled_site: CrawledSite) -> Iterator[str]:
    """``python -m scraper.web`` on ``crawled_site``'s database: its base URL (one server, every test)."""
    with serving(crawled_site.database_url) as base_url:
        yield base_url


# The tiers, so one can run alone (``pytest -m postgres``, ``-m "not crawl"``): marked from the fixtures
# a test uses here; a test that serves a mirror itself says so (``pytest.mark.crawl``).
TIER_FIXTURES = {
    "postgres": {"postgres_url", "postgres_schema_url"},
    "redis": {"redis_settings"},
    "crawl": {"crawled_site"},
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("database_url") == "postgresql":
            item.add_marker(pytest.mark.postgres)
        for tier, names in TIER_FIXTURES.items():
            if fixtures & names:
                item.add_marker(getattr(pytest.mark, tier))
