"""Bad input and unusable databases: one line on stderr and a non-zero exit, never a traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from argparse import ArgumentTypeError
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from scraper.cli.base import parse_since
from scraper.storage.engine import head_revision
from scraper.storage.store import Store
from scraper.timezone import SITE_TZ
from tests.store_factories import crawl, downgrade, fetched, record

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scraper.cli", *args], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def one_line_error(result: subprocess.CompletedProcess[str], status: int, *words: str) -> str:
    """The error line, after checking it is alone, says ``words``, and the exit status is ``status``."""
    assert result.returncode == status, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('errors') / 'db.sqlite3'}"
    crawl(url, fetched(record(1)))
    return url


def test_a_malformed_since_is_one_line(crawled: str) -> None:
    one_line_error(cli("new", "--since", "2021-13-01", "--database-url", crawled), 2, "malformed --since")


@pytest.mark.parametrize(
    "since", ["2021-13-01", "yesterday", "7", "7 days", "3x", "2021/12/01", "last_run", ""]
)
def test_what_since_refuses(since: str) -> None:
    with pytest.raises(ArgumentTypeError, match=f"malformed --since {re.escape(repr(since.strip()))}"):
        parse_since(since)


def test_what_since_accepts() -> None:
    now = datetime.now(UTC)
    assert parse_since("2021-12-01") == datetime(2021, 12, 1, tzinfo=SITE_TZ)
    assert parse_since("2021-12-01T08:30") == datetime(2021, 12, 1, 8, 30, tzinfo=SITE_TZ)
    assert parse_since("2021-12-01T08:30+00:00") == datetime(2021, 12, 1, 8, 30, tzinfo=UTC)
    for text, ago in (("7d", timedelta(days=7)), ("12h", timedelta(hours=12)), ("2w", timedelta(weeks=2))):
        since = parse_since(text)
        assert isinstance(since, datetime)
        assert abs(since - (now - ago)) < timedelta(minutes=1)
    assert parse_since(" last-run ") == "last-run"


def test_an_unknown_command_or_option_is_one_line() -> None:
    one_line_error(cli("neww"), 2, "invalid choice: 'neww'")
    one_line_error(cli("new", "--sinse", "7d"), 2, "unrecognized arguments: --sinse")


def test_bad_references_are_one_line(crawled: str) -> None:
    one_line_error(cli("show", "12345", "--database-url", crawled), 2, "no article known as '12345'")
    one_line_error(
        cli("search", "bien gioi", "--category", "Thể thao", "--database-url", crawled),
        2,
        "unknown category 'Thể thao'",
        "Tin tức",
    )
    one_line_error(cli("search", " ,.; ", "--database-url", crawled), 2, "nothing to search for")


def test_a_missing_database_file_is_one_line_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nope.sqlite3"
    one_line_error(cli("new", "--database-url", f"sqlite:///{path}"), 3, f"no database at {path}")
    assert not path.exists()


def test_an_empty_database_is_one_line(tmp_path: Path) -> None:
    never_migrated = tmp_path / "blank.sqlite3"
    never_migrated.touch()
    one_line_error(cli("changes", "--database-url", f"sqlite:///{never_migrated}"), 3, "empty database")
    migrated = f"sqlite:///{tmp_path / 'migrated.sqlite3'}"
    Store.open(migrated).close()
    one_line_error(cli("contacts", "--database-url", migrated), 3, "empty database", "nothing crawled yet")


def test_a_database_at_an_older_schema_is_one_line_and_left_alone(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    crawl(url, fetched(record(1)))
    downgrade(url, "0002")
    line = one_line_error(cli("new", "--database-url", url), 3, "schema 0002", f"needs {head_revision()}")
    assert line.endswith("run python -m scraper.storage upgrade")
    assert Store(create_engine(url)).schema_revision() == "0002"


def test_an_unreachable_database_is_one_line() -> None:
    one_line_error(
        cli("new", "--database-url", "postgresql+psycopg://nobody@127.0.0.1:1/none"),
        3,
        "cannot read the database at postgresql+psycopg://nobody@127.0.0.1:1/none",
    )


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("mysql://someone@127.0.0.1/db", "unsupported database 'mysql'"),
        ("garbage", "not a database URL: 'garbage'"),
        ("postgresql+asyncpg://someone@127.0.0.1/db", "PostgreSQL through 'asyncpg' is not installed"),
    ],
)
def test_a_database_url_it_cannot_use_is_one_line(url: str, says: str) -> None:
    one_line_error(cli("new", "--database-url", url), 2, says)
    upgrade = subprocess.run(
        [sys.executable, "-m", "scraper.storage", "upgrade", "--database-url", url],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert upgrade.returncode == 2 and says in upgrade.stderr and "Traceback" not in upgrade.stderr


def test_a_crawl_with_a_database_url_it_cannot_use_does_not_start() -> None:
    crawl = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "sotttt", "-s", "DATABASE_URL=garbage"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert crawl.returncode == 2
    assert crawl.stderr.splitlines()[-1] == (
        "crawl not started: DATABASE_URL: not a database URL: 'garbage'"
        " (e.g. sqlite:///data/sotttt.sqlite3 or postgresql+psycopg://user@host/database)"
    )
    assert "Traceback" not in crawl.stderr


@pytest.mark.parametrize("limit", ["0", "-3", "many"])
def test_a_limit_that_answers_nothing_is_a_bad_argument(crawled: str, limit: str) -> None:
    line = one_line_error(cli("search", "biên", "--limit", limit, "--database-url", crawled), 2, "--limit")
    assert "no article" not in line


def test_a_reader_that_goes_away_is_no_error(crawled: str) -> None:
    """``... | head``: the pipe is closed before a byte is written, so every write fails."""
    page = ROOT / "tests" / "fixtures" / "pages" / "wps2018_seed.html"
    commands = [
        [sys.executable, "-m", "scraper.extract", str(page)],
        [sys.executable, "-m", "scraper.cli", "new", "--since", "2000-01-01", "--database-url", crawled],
    ]
    for command in commands:
        read, write = os.pipe()
        os.close(read)
        try:
            done = subprocess.run(
                command, cwd=ROOT, stdout=write, stderr=subprocess.PIPE, text=True, timeout=60
            )
        finally:
            os.close(write)
        assert (done.returncode, done.stderr) == (0, ""), command
