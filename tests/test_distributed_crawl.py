"""Distributed runs end to end: worker processes of one seeded run share Redis and a PostgreSQL schema.

Each test has a Redis key prefix and a PostgreSQL schema of its own; the workers crawl the mirror at
its full speed and leave after one quiet second.
"""

from __future__ import annotations

import re
import signal
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from redis import Redis
from scrapy.settings import Settings
from sqlalchemy import create_engine, func, select, update

from mirror.testing import MirrorServer
from scraper.distributed.__main__ import main as distributed_main
from scraper.distributed.keys import RunKeys
from scraper.monitors import EXIT_MONITORS_FAILED
from scraper.storage.models import Article
from tests.crawling import articles, event_counts, runs, seed_run, start_workers, wait
from tests.receiver import Receiver

pytestmark = pytest.mark.crawl  # every test here serves a mirror over HTTP

QUICK = {"MAX_IDLE_TIME_BEFORE_CLOSE": 1, "WORKER_LEASE_SECONDS": 10}


@pytest.fixture
def run_settings(redis_settings: dict[str, str], postgres_schema_url: str) -> dict[str, Any]:
    return {**redis_settings, **QUICK, "DATABASE_URL": postgres_schema_url}


def fetches(log: list[dict[str, Any]]) -> Counter[tuple[str, str]]:
    return Counter((entry["method"], entry["target"]) for entry in log)


def requests_of(worker_log: Path) -> int:
    """The worker's own ``downloader/request_count``, from the stats Scrapy logs as it closes."""
    return int(re.search(r"'downloader/request_count': (\d+)", worker_log.read_text()).group(1))


def keys_left(run_settings: dict[str, Any]) -> list[bytes]:
    with Redis.from_url(run_settings["REDIS_URL"]) as server:
        return list(server.scan_iter(f"{run_settings['REDIS_KEY_PREFIX']}:*"))


def test_two_workers_store_every_article_once_and_fetch_every_url_once(run_settings, tmp_path, capsys):
    database = run_settings["DATABASE_URL"]
    with MirrorServer(articles=1000, layout="drupal_gavias", seed=21) as mirror:
        command = ["seed", "--mode", "full", "--base-url", mirror.url]
        for name, value in run_settings.items():
            command += ["-s", f"{name}={value}"]
        distributed_main(command)
        run_id = int(capsys.readouterr().out)
        workers = start_workers(mirror.url, run_id, "full", run_settings, tmp_path)
        wait(workers)
        truths = mirror.articles("live")
        log = mirror.log()

    stored = articles(database)
    assert sorted(a.url for a in stored) == sorted(t["url"] for t in truths)  # 1,000 rows, one each
    assert event_counts(database, run_id) == {"created": 1000}
    fetched = fetches(log)
    assert fetched.pop(("GET", "/robots.txt")) == 2  # each worker reads robots.txt
    assert fetched.most_common(1)[0][1] == 1
    shares = [requests_of(log) for log in workers]
    assert sum(shares) == len(log)
    assert min(shares) > 0.2 * len(log), shares  # both did a good part of the run
    [run] = runs(database)  # one record for the run, the workers' counts added up
    assert (run.id, run.mode, run.finish_reason) == (run_id, "full", "finished")
    assert run.finished_at is not None
    assert (run.requests, run.new) == (len(log), 1000)
    assert run.stats["downloader/request_count"] == len(log)
    assert run.stats["sotttt/distributed/workers"] == 2
    assert run.stats["sotttt/coverage/articles"] == 1000  # each worker's share, summed
    assert len(run.monitors) == 9 and all(verdict["passed"] for verdict in run.monitors)  # the run's
    assert keys_left(run_settings) == []


def test_a_run_is_judged_as_a_whole_on_its_workers_summed_stats(run_settings, tmp_path):
    database = run_settings["DATABASE_URL"]
    with Receiver() as receiver, MirrorServer(articles=100, layout="drupal_gavias", seed=25) as mirror:
        for index in range(0, 100, 5):  # one page in five changed its layout
            mirror.set_layout(index, "redesign2026")
        run_id = seed_run(mirror.url, "full", run_settings)
        settings = {**run_settings, "MONITOR_NOTIFY_URLS": receiver.url}
        workers = start_workers(mirror.url, run_id, "full", settings, tmp_path)
        statuses = sorted(worker.wait(timeout=600) for worker in workers.values())

    assert statuses == [0, EXIT_MONITORS_FAILED]  # the worker that ended the run judged it
    [run] = runs(database)
    assert run.stats["sotttt/coverage/articles"] == 100
    [failed] = [verdict for verdict in run.monitors if not verdict["passed"]]
    assert failed["name"].endswith("test_layout_still_known")
    assert "20.0% of articles found only by their content" in failed["message"]  # 20 of the run's 100, summed
    assert len(run.monitors) == 9
    [alert] = receiver.messages  # one alert for the run, none for each worker
    assert "test_layout_still_known" in alert["message"]


def test_a_killed_workers_requests_go_back_to_the_queue_and_nothing_is_lost(run_settings, tmp_path):
    run_settings = {**run_settings, "WORKER_LEASE_SECONDS": 3}  # found dead 3 s after its last beat
    database = run_settings["DATABASE_URL"]
    with MirrorServer(articles=400, layout="drupal_gavias", seed=22, latency_ms=5) as mirror:
        run_id = seed_run(mirror.url, "full", run_settings)
        survivor_log, victim_log = workers = start_workers(mirror.url, run_id, "full", run_settings, tmp_path)
        deadline = time.monotonic() + 120
        while len(mirror.log()) < 200 and time.monotonic() < deadline:
            time.sleep(0.05)
        workers[victim_log].send_signal(signal.SIGKILL)
        assert workers[victim_log].wait(timeout=10) == -signal.SIGKILL
        wait({survivor_log: workers[survivor_log]})
        truths = mirror.articles("live")
        fetched = fetches(mirror.log())

    stored = articles(database)
    assert sorted(a.url for a in stored) == sorted(t["url"] for t in truths)  # nothing lost, nothing twice
    assert event_counts(database, run_id) == {"created": 400}
    [run] = runs(database)
    assert (run.finish_reason, run.finished_at is not None) == ("finished", True)
    assert run.new == 400  # the victim's batches counted as they were committed, the survivor's the rest
    reaped = run.stats["sotttt/distributed/leases/reaped"]
    assert reaped >= 1
    fetched.pop(("GET", "/robots.txt"))
    twice = [target for target, times in fetched.items() if times > 1]
    assert max(fetched.values()) <= 2
    assert len(twice) <= reaped  # fetched again: only what the victim held when it died
    assert keys_left(run_settings) == []


def test_a_second_incremental_run_rechecks_what_is_due_despite_the_first_runs_fingerprints(
    run_settings, tmp_path
):
    database = run_settings["DATABASE_URL"]
    with MirrorServer(articles=150, layout="drupal_gavias", seed=23) as mirror:
        first = seed_run(mirror.url, "incremental", run_settings)
        wait(start_workers(mirror.url, first, "incremental", run_settings, tmp_path))
        assert len(articles(database)) == 150
        assert keys_left(run_settings) == []  # the first run's fingerprints went with it

        edited = [mirror.url_of(i) for i in (3, 4)]
        for index in (3, 4):
            mirror.edit(index, title=f"Thông báo điều chỉnh số {index}")
        gone = mirror.take_down(5, status=410)["url"]
        due = [mirror.url_of(i) for i in range(10, 15)]
        make_due(database, due)
        mirror.reset_log()
        second = seed_run(mirror.url, "incremental", run_settings)
        wait(start_workers(mirror.url, second, "incremental", run_settings, tmp_path))
        log = mirror.log()

    fetched = fetches(log)
    assert fetched.pop(("GET", "/robots.txt")) in (1, 2)  # read by each worker that fetched anything
    assert fetched.pop(("GET", "/sitemap.xml")) == 1
    path = {url: url.removeprefix(mirror.url) for url in [*edited, gone, *due]}
    assert fetched == Counter(("GET", path[url]) for url in [*edited, gone, *due])  # each re-checked, once
    answers = {entry["target"]: entry for entry in log}
    assert all("if-none-match" in answers[target]["headers"] for target in path.values())  # conditional
    assert answers[path[gone]]["status"] == 410
    first_run, second_run = runs(database)
    assert (second_run.id, second_run.finish_reason) == (second, "finished")
    assert (second_run.new, second_run.updated, second_run.removed, second_run.unchanged) == (0, 2, 1, 5)
    assert event_counts(database, second) == {"updated": 2, "removed": 1}
    assert first_run.new == 150


def test_a_worker_started_with_other_arguments_than_its_run_is_refused(run_settings, tmp_path):
    database = run_settings["DATABASE_URL"]
    with MirrorServer(articles=20, layout="drupal_gavias", seed=24) as mirror:
        run_id = seed_run(mirror.url, "incremental", run_settings)
        workers = start_workers(mirror.url, run_id, "full", run_settings, tmp_path, count=1)
        wait(workers, expect_status=EXIT_MONITORS_FAILED)  # a refused worker did not finish: say so
        log = mirror.log()

    assert log == []
    [worker_log] = workers
    assert "Closing spider (run_arguments_differ)" in worker_log.read_text()
    [run] = runs(database)
    assert (run.finished_at, run.requests, run.errors) == (None, 0, 1)  # open for its workers; error noted
    with Redis.from_url(run_settings["REDIS_URL"]) as server:
        assert server.zcard(RunKeys.from_settings(Settings({**run_settings, "RUN_ID": run_id})).queue) == 1


def make_due(database_url: str, urls: list[str]) -> None:
    """Time passes for these articles: their re-check is due."""
    engine = create_engine(database_url)
    try:
        with engine.begin() as connection:
            changed = connection.execute(
                update(Article)
                .where(Article.url.in_(urls))
                .values(next_check_at=datetime.now(UTC) - timedelta(hours=1))
            )
            assert changed.rowcount == len(urls)
            assert connection.scalar(select(func.count()).select_from(Article)) == 150
    finally:
        engine.dispose()
