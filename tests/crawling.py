"""Run the real spider in its own process against a mirror, and read what it stored."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from scraper.db import Article, ChangeEvent, CrawlRun
from scraper.settings import MIRROR_SPEED

ROOT = Path(__file__).resolve().parents[1]


def crawl_command(
    base_url: str, mode: str = "incremental", settings: dict[str, Any] | None = None
) -> list[str]:
    """``scrapy crawl sotttt`` at the mirror's full speed (settings, not code) plus ``settings``."""
    overrides = {**MIRROR_SPEED, "LOG_LEVEL": "INFO", **(settings or {})}
    command = [
        sys.executable,
        "-m",
        "scrapy",
        "crawl",
        "sotttt",
        "-a",
        f"base_url={base_url}",
        "-a",
        f"mode={mode}",
    ]
    for key, value in overrides.items():
        command += ["-s", f"{key}={value}"]
    return command


def crawl(
    base_url: str,
    database_url: str,
    mode: str = "incremental",
    settings: dict[str, Any] | None = None,
    expect_status: int = 0,
) -> subprocess.CompletedProcess[str]:
    """Crawl the mirror at ``base_url`` into ``database_url``; the process must exit ``expect_status``."""
    env = {**os.environ, "DATABASE_URL": database_url}
    command = crawl_command(base_url, mode, settings)
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == expect_status, result.stderr[-3000:]
    return result


def articles(database_url: str) -> list[Article]:
    engine = create_engine(database_url)
    try:
        with Session(engine) as session:
            return list(session.scalars(select(Article).order_by(Article.id)))
    finally:
        engine.dispose()


def last_run(database_url: str) -> CrawlRun:
    engine = create_engine(database_url)
    try:
        with Session(engine) as session:
            return session.scalars(select(CrawlRun).order_by(CrawlRun.id.desc()).limit(1)).one()
    finally:
        engine.dispose()


def event_counts(database_url: str, run_id: int) -> dict[str, int]:
    engine = create_engine(database_url)
    try:
        with Session(engine) as session:
            rows = session.execute(
                select(ChangeEvent.kind, func.count())
                .where(ChangeEvent.run_id == run_id, ChangeEvent.subject == "article")
                .group_by(ChangeEvent.kind)
            )
            return dict(rows.all())
    finally:
        engine.dispose()
