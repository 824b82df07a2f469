"""Unattended runs: monitors that fail loudly on a broken site, and one crawl at a time."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from mirror.faults import FaultRule
from mirror.testing import MirrorServer
from scraper.commands.crawl import EXIT_BUSY
from scraper.monitors import EXIT_MONITORS_FAILED
from scraper.storage.models import ChangeEvent
from tests.crawling import ROOT, articles, crawl, crawl_command, failed_monitors, last_run, session
from tests.receiver import Receiver

pytestmark = pytest.mark.crawl  # every test here serves a mirror over HTTP

ARTICLES = 60


def test_a_healthy_full_crawl_passes_its_monitors(tmp_path):
    database = f"sqlite:///{tmp_path / 'ok.sqlite3'}"
    with MirrorServer(articles=ARTICLES, seed=21) as mirror:
        crawl(mirror.url, database, mode="full")
    run = last_run(database)
    assert len(run.monitors) == 9 and failed_monitors(database) == set()
    assert run.stats["sotttt/coverage/articles"] == ARTICLES


@pytest.mark.parametrize(
    ("breakage", "monitor"),
    [("redesign2026", "test_layout_still_known"), ("drupal_undated", "test_field_coverage")],
)
def test_a_layout_change_fails_the_crawl_and_alerts(tmp_path, breakage, monitor):
    database = f"sqlite:///{tmp_path / 'broken.sqlite3'}"
    with Receiver() as receiver, MirrorServer(articles=ARTICLES, seed=22) as mirror:
        for index in range(0, ARTICLES, 5):  # one page in five
            mirror.set_layout(index, breakage)
        crawl(
            mirror.url,
            database,
            mode="full",
            settings={"MONITOR_NOTIFY_URLS": receiver.url},
            expect_status=EXIT_MONITORS_FAILED,
        )
    assert failed_monitors(database) == {monitor}
    assert len(receiver.messages) == 1
    assert monitor in receiver.messages[0]["message"]


def test_a_site_answering_500_to_half_its_pages_fails_the_crawl(tmp_path):
    database = f"sqlite:///{tmp_path / 'errors.sqlite3'}"
    with MirrorServer(articles=ARTICLES, seed=23, faults=[FaultRule(kind="500", share=0.5)]) as mirror:
        crawl(
            mirror.url, database, mode="full", settings={"RETRY_TIMES": 1}, expect_status=EXIT_MONITORS_FAILED
        )
    assert "test_errors_are_rare" in failed_monitors(database)


def test_one_crawl_at_a_time_and_a_killed_crawl_leaves_no_lock(tmp_path):
    database = f"sqlite:///{tmp_path / 'lock.sqlite3'}"
    with MirrorServer(articles=ARTICLES, seed=24, latency_ms=1500) as mirror:
        # 1.5 s a response: the first crawl lasts well past the second's start-up, even on a busy
        # machine (at 200 ms it took about 2 s, and a slow start of the second could miss the lock).
        one_at_a_time = {"LOG_LEVEL": "WARNING", "DOWNLOAD_DELAY": 0, "CONCURRENT_REQUESTS_PER_DOMAIN": 1}
        command = crawl_command(mirror.url, "full", one_at_a_time)
        env = {**os.environ, "DATABASE_URL": database}
        first = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 30
            while not mirror.log() and time.monotonic() < deadline:
                time.sleep(0.1)  # the first crawl holds the database once it fetches
            second = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
            [going] = status(database, "--runs", "1")  # read while the first crawl holds the lock
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait()
        assert second.returncode == EXIT_BUSY
        assert (going["finish_reason"], going["ended"]) == (None, "running")
        assert (
            second.stderr.strip()
            == f"crawl not started: another crawl of sotttt is writing to {tmp_path / 'lock.sqlite3'}"
        )
        mirror.set_latency(0)
        crawl(mirror.url, database, mode="full")  # the killed crawl's lock is gone with it
    assert last_run(database).finish_reason == "finished"
    runs = status(database)
    assert [r["ended"] for r in runs] == ["finished", "killed"]  # the first, gone without a word


def test_old_articles_edited_or_taken_down_are_found_within_the_period_on_budget(tmp_path):
    """No sitemap (2018 layout): only the re-check schedule can find these. Daily runs for a week."""
    database = f"sqlite:///{tmp_path / 'revisit.sqlite3'}"
    start = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)
    budget = 20  # 100 old articles over 7 days need about 15 a day
    with MirrorServer(articles=100, layout="wps2018", seed=25) as mirror:
        crawl(mirror.url, database, mode="full", settings={"CRAWL_NOW": start.isoformat()})
        edited = [mirror.edit(i, title=f"Thông báo đã sửa {i}")["url"] for i in (3, 40, 77)]
        gone = mirror.take_down(55, status=404)["url"]
        requests = []
        for day in range(1, 8):
            now = start + timedelta(days=day)
            crawl(mirror.url, database, settings={"CRAWL_NOW": now.isoformat(), "RECHECK_BUDGET": budget})
            requests.append(last_run(database).requests)
    stored = {a.url: a for a in articles(database)}
    assert [stored[url].title for url in edited] == [f"Thông báo đã sửa {i}" for i in (3, 40, 77)]
    assert stored[gone].status == "removed"
    assert max(requests) <= budget + 3  # robots.txt, sitemap.xml (404), rss.xml
    assert sum(requests) >= 100  # every article was looked at once in the week


def test_a_paused_full_crawl_resumes_from_its_job_directory(tmp_path):
    database = f"sqlite:///{tmp_path / 'paused.sqlite3'}"
    jobdir = {"JOBDIR": str(tmp_path / "job"), "CONCURRENT_REQUESTS_PER_DOMAIN": 4}
    with MirrorServer(articles=120, latency_ms=300, seed=26) as mirror:
        command = crawl_command(mirror.url, "full", {**jobdir, "LOG_LEVEL": "WARNING"})
        first = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "DATABASE_URL": database})
        deadline = time.monotonic() + 60
        while len(mirror.log()) < 60 and time.monotonic() < deadline:
            time.sleep(0.2)
        first.send_signal(signal.SIGINT)  # one Ctrl-C: finish what is in flight, keep the queue
        assert first.wait(timeout=120) == EXIT_MONITORS_FAILED  # a paused crawl is not a finished one
        paused = len(articles(database))
        crawl(mirror.url, database, mode="full", settings=jobdir)
        truths = mirror.articles("live")
    assert 0 < paused < len(truths)
    assert {a.url for a in articles(database)} == {t["url"] for t in truths}
    assert last_run(database).finish_reason == "finished"


def test_a_crawl_killed_mid_run_loses_nothing_and_the_rerun_duplicates_nothing(tmp_path):
    database = f"sqlite:///{tmp_path / 'killed.sqlite3'}"
    small_batches = {"STORE_BATCH_SIZE": 5, "LOG_LEVEL": "WARNING", "CONCURRENT_REQUESTS_PER_DOMAIN": 4}
    with MirrorServer(articles=ARTICLES, seed=27, latency_ms=100) as mirror:
        env = {**os.environ, "DATABASE_URL": database}
        victim = subprocess.Popen(crawl_command(mirror.url, "full", small_batches), cwd=ROOT, env=env)
        deadline = time.monotonic() + 60
        while len(mirror.log()) < 45 and time.monotonic() < deadline:
            time.sleep(0.05)
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        kept = len(articles(database))  # what the killed crawl left: whole articles, each with its event
        assert 0 < kept < ARTICLES and articles_created(database) == kept
        [killed] = status(database)  # its totals were never written: counted from what it stored
        assert [killed[k] for k in ("ended", "new", "updated", "removed")] == ["killed", kept, 0, 0]
        table = cli(database, "status").splitlines()[1]
        assert f" {kept}/0/0 " in table and table.endswith(" killed")
        mirror.set_latency(0)
        crawl(mirror.url, database, mode="full")
        truths = mirror.articles("live")
    stored = articles(database)
    assert sorted(a.url for a in stored) == sorted(t["url"] for t in truths)
    assert articles_created(database) == ARTICLES  # one each, over both runs


def cli(database: str, *args: str) -> str:
    command = [sys.executable, "-m", "scraper.cli", *args, "--database-url", database]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True, timeout=60).stdout


def status(database: str, *args: str) -> list[dict[str, Any]]:
    return json.loads(cli(database, "status", "--json", *args))


def articles_created(database: str) -> int:
    with session(database) as db:
        query = select(func.count()).where(ChangeEvent.kind == "created", ChangeEvent.subject == "article")
        return db.scalar(query)
