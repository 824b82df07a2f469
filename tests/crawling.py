"""Run the real spider in its own process against a mirror, and read what it stored."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy.settings import Settings
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from scraper import settings as project_settings
from scraper.distributed.seed import seed
from scraper.settings import MIRROR_SPEED
from scraper.storage.models import Article, ChangeEvent, CrawlRun

ROOT = Path(__file__).resolve().parents[1]


def crawl_command(
    base_url: str | None,
    mode: str = "incremental",
    settings: dict[str, Any] | None = None,
    args: Sequence[str] = (),
) -> list[str]:
    """``scrapy crawl sotttt`` at the mirror's full speed (settings, not code) plus ``settings``, then
    ``args`` (``-O items.jsonl``, ``-a site=NAME``, say); ``base_url`` None: the site profile's own."""
    overrides = {**MIRROR_SPEED, "LOG_LEVEL": "INFO", **(settings or {})}
    command = [sys.executable, "-m", "scrapy", "crawl", "sotttt", "-a", f"mode={mode}"]
    if base_url is not None:
        command += ["-a", f"base_url={base_url}"]
    for key, value in overrides.items():
        command += ["-s", f"{key}={value}"]
    return [*command, *args]


def crawl(
    base_url: str | None,
    database_url: str,
    mode: str = "incremental",
    settings: dict[str, Any] | None = None,
    expect_status: int = 0,
    args: Sequence[str] = (),
) -> subprocess.CompletedProcess[str]:
    """Crawl the mirror at ``base_url`` into ``database_url``; the process must exit ``expect_status``."""
    command = crawl_command(base_url, mode, settings, args)
    result = subprocess.run(
        command, cwd=ROOT, env=_env(database_url), capture_output=True, text=True, timeout=600
    )
    assert result.returncode == expect_status, result.stderr[-3000:]
    return result


def start_crawl(
    base_url: str,
    database_url: str,
    log: Path,
    mode: str = "incremental",
    settings: dict[str, Any] | None = None,
) -> subprocess.Popen[bytes]:
    """A crawl of the mirror into ``database_url`` in a process of its own; its log goes to ``log``."""
    with log.open("wb") as stderr:  # the child has its own copy of the file
        return subprocess.Popen(
            crawl_command(base_url, mode, settings),
            cwd=ROOT,
            env=_env(database_url),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )


def seed_run(base_url: str, mode: str, settings: dict[str, Any]) -> int:
    """Begin a distributed run (``scraper.distributed.seed``) with the project's settings and ``settings``."""
    project = Settings()
    project.setmodule(project_settings)
    project.setdict(settings, priority="cmdline")
    run_id, _ = seed(project, mode, base_url)
    return run_id


def start_workers(
    base_url: str, run_id: int, mode: str, settings: dict[str, Any], logs: Path, count: int = 2
) -> dict[Path, subprocess.Popen[bytes]]:
    """Workers of a run (``settings`` has its ``DATABASE_URL`` and Redis settings), by their log files."""
    settings = {**settings, "RUN_ID": run_id}
    database = settings.pop("DATABASE_URL")
    paths = [logs / f"run{run_id}-worker{n}.log" for n in range(count)]
    return {path: start_crawl(base_url, database, path, mode, settings) for path in paths}


def wait(workers: dict[Path, subprocess.Popen[bytes]], timeout: float = 600, expect_status: int = 0) -> None:
    """Until every worker has ended, each with ``expect_status``."""
    for log, worker in workers.items():
        assert worker.wait(timeout=timeout) == expect_status, log.read_text()[-3000:]


def _env(database_url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": database_url}


@contextmanager
def session(database_url: str) -> Iterator[Session]:
    """A session on ``database_url`` whose engine goes away with it."""
    engine = create_engine(database_url)
    try:
        with Session(engine) as opened:
            yield opened
    finally:
        engine.dispose()


def articles(database_url: str) -> list[Article]:
    with session(database_url) as db:
        return list(db.scalars(select(Article).order_by(Article.id)))


def runs(database_url: str) -> list[CrawlRun]:
    with session(database_url) as db:
        return list(db.scalars(select(CrawlRun).order_by(CrawlRun.id)))


def last_run(database_url: str) -> CrawlRun:
    return runs(database_url)[-1]


def event_counts(database_url: str, run_id: int, subject: str = "article") -> dict[str, int]:
    """How many change events of each kind the run logged about articles (or ``subject``)."""
    with session(database_url) as db:
        rows = db.execute(
            select(ChangeEvent.kind, func.count())
            .where(ChangeEvent.run_id == run_id, ChangeEvent.subject == subject)
            .group_by(ChangeEvent.kind)
        )
        return dict(rows.all())


def events_per_article(database_url: str, run_id: int, kind: str) -> dict[int, int]:
    """How many events of ``kind`` the run wrote, by article id."""
    with session(database_url) as db:
        rows = db.execute(
            select(ChangeEvent.article_id, func.count())
            .where(ChangeEvent.run_id == run_id, ChangeEvent.kind == kind)
            .group_by(ChangeEvent.article_id)
        )
        return dict(rows.all())


def write_profile(
    folder: Path,
    name: str,
    url: str,
    *,
    successor_url: str | None = None,
    platform: str = "detect",
    sitemaps: Sequence[str] = ("/sitemap.xml",),
    feeds: Sequence[str] = ("/rss.xml",),
    sections: Sequence[str] = (),
    politeness: dict[str, float] | None = None,
) -> Path:
    """A user's site profile (``SITE_PROFILES_DIR``) for a mirror at ``url`` (and its successor)."""

    def strings(values: Sequence[str]) -> str:
        return "[" + ", ".join(f'"{v}"' for v in values) + "]"

    successors = [urlsplit(successor_url).netloc] if successor_url else []
    lines = [
        f'name = "{name}"', f'display_name = "{name} (mirror)"', f"hosts = {strings([urlsplit(url).netloc])}",
        f"successor_hosts = {strings(successors)}", f"start_urls = {strings([url + '/'])}",
        f'platform = "{platform}"', f"sitemaps = {strings(sitemaps)}", f"feeds = {strings(feeds)}",
        f"sections = {strings(sections)}",
        "[politeness]", *(f"{key} = {value}" for key, value in (politeness or {}).items()),
    ]  # fmt: skip
    path = folder / f"{name}.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def failed_monitors(database_url: str) -> set[str]:
    """The monitors the last run failed, by their test's name."""
    return {v["name"].split("/")[-1] for v in last_run(database_url).monitors if not v["passed"]}
