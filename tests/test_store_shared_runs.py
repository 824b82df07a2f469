"""A run shared by several workers (``scraper.distributed``): each adds its counts, the last closes it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from store_factories import T0

from scraper.db import CrawlRun
from scraper.store import RunCounts, Store


def run_record(store: Store, run_id: int) -> CrawlRun:
    with store.engine.connect() as connection:
        return connection.execute(select(CrawlRun).where(CrawlRun.id == run_id)).one()


def test_workers_counts_are_added_and_their_numeric_stats_summed(store):
    run_id = store.begin_run("incremental", T0)
    first = {"downloader/request_count": 120, "elapsed_time_seconds": 5.5, "finish_reason": "finished"}
    second = {
        "downloader/request_count": 80,
        "elapsed_time_seconds": 4.0,
        "finish_reason": "shutdown",
        "x": 1,
    }
    assert store.add_to_run(run_id, RunCounts(requests=120, new=50, updated=2, errors=1), first)
    assert store.add_to_run(run_id, RunCounts(requests=80, new=30, unchanged=7, invalid=3), second)

    run = run_record(store, run_id)
    assert (run.requests, run.new, run.updated, run.unchanged, run.removed, run.invalid, run.errors) == (
        200, 80, 2, 7, 0, 3, 1,
    )  # fmt: skip
    assert run.stats == {
        "downloader/request_count": 200,
        "elapsed_time_seconds": 9.5,
        "finish_reason": "shutdown",
        "x": 1,
    }
    assert (run.finished_at, run.finish_reason) == (None, None)


def test_a_run_is_closed_once_and_takes_no_counts_after(store):
    run_id = store.begin_run("full", T0)
    assert store.add_to_run(run_id, RunCounts(requests=10, new=4), {"downloader/request_count": 10})
    assert store.close_run(run_id, "finished", T0 + timedelta(minutes=5))
    assert not store.close_run(run_id, "shutdown", T0 + timedelta(minutes=6))
    assert not store.add_to_run(run_id, RunCounts(requests=99, new=99), {"downloader/request_count": 99})

    run = run_record(store, run_id)
    assert (run.requests, run.new, run.finish_reason) == (10, 4, "finished")
    assert run.finished_at == T0 + timedelta(minutes=5)
    assert run.stats == {"downloader/request_count": 10}


def test_an_unknown_run_takes_nothing(store):
    assert not store.add_to_run(404, RunCounts(requests=1), {})
    assert not store.close_run(404, "finished", T0)
