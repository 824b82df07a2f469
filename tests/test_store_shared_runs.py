"""A run shared by several workers (``scraper.distributed``): each adds its counts, the last closes it."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from pipelines.dedupe import DedupePipeline
from pipelines.store import StorePipeline
from scraper.storage import Store
from scraper.storage.models import CrawlRun
from scraper.storage.runs import RunCounts, RunShare, stats_since
from tests.store_factories import T0, fetched, make_crawler, record, run_pipelines


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
    assert store.add_to_run(run_id, RunShare(RunCounts(requests=120, new=50, updated=2, errors=1), first))
    assert store.add_to_run(run_id, RunShare(RunCounts(requests=80, new=30, unchanged=7, invalid=3), second))

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
    assert store.add_to_run(run_id, RunShare(RunCounts(requests=10, new=4), {"downloader/request_count": 10}))
    assert store.close_run(run_id, "finished", T0 + timedelta(minutes=5)) == {"downloader/request_count": 10}
    assert store.close_run(run_id, "shutdown", T0 + timedelta(minutes=6)) is None
    late = RunShare(RunCounts(requests=99, new=99), {"downloader/request_count": 99})
    assert not store.add_to_run(run_id, late)

    run = run_record(store, run_id)
    assert (run.requests, run.new, run.finish_reason) == (10, 4, "finished")
    assert run.finished_at == T0 + timedelta(minutes=5)
    assert run.stats == {"downloader/request_count": 10}


def test_a_run_is_judged_once_closed(store):
    run_id = store.begin_run("full", T0)
    assert store.close_run(run_id, "finished", T0) == {}  # a run no worker added anything to
    verdicts = [{"name": "FinishReasonMonitor/test_finished_normally", "passed": True, "status": "OK"}]
    store.record_verdicts(run_id, verdicts)
    assert run_record(store, run_id).monitors == verdicts


def test_an_unknown_run_takes_nothing(store):
    assert not store.add_to_run(404, RunShare(RunCounts(requests=1), {}))
    assert store.close_run(404, "finished", T0) is None


def test_stats_since_added_to_what_was_added_before_make_the_stats_now():
    before = {"downloader/request_count": 10, "start_time": "2025-05-09T08:00", "sotttt/workers": 1}
    now = {**before, "downloader/request_count": 25, "finish_reason": "finished", "retry/count": 2}
    since = stats_since(before, now)
    assert since == {"downloader/request_count": 15, "finish_reason": "finished", "retry/count": 2}


def test_a_worker_adds_each_batch_to_its_run_as_it_commits_it_so_a_kill_loses_only_the_rest(database_url):
    with Store.open(database_url) as store:
        run_id = store.begin_run("full", T0)
    worker = {"RUN_ID": run_id, "STORE_BATCH_SIZE": 2, "ADDONS": {}}  # the pipelines' side of a worker
    victim = make_crawler(database_url, **worker)
    dedupe, writer = DedupePipeline.from_crawler(victim), StorePipeline.from_crawler(victim)
    dedupe.open_spider()
    writer.open_spider()
    for n in range(1, 6):
        victim.stats.inc_value("downloader/request_count")
        writer.process_item(dedupe.process_item(fetched(record(n))))
    # Killed with SIGKILL here: the fifth article is not committed, nor is anything added at close.
    # (Its connections would die with the process: here they are let go without committing anything.)
    dedupe.store.close()
    writer.store.close()

    with Store.open(database_url) as store:
        run = run_record(store, run_id)
        assert (run.requests, run.new, run.finished_at) == (4, 4, None)  # what the two batches counted
        assert run.stats == {"downloader/request_count": 4, "sotttt/store/created": 4}

        survivor = make_crawler(database_url, **worker)
        survivor.stats.set_value("downloader/request_count", 3)
        run_pipelines(survivor, [fetched(record(n)) for n in (4, 5, 6)])  # the victim's requests again
        run = run_record(store, run_id)
    assert (run.requests, run.new, run.unchanged) == (7, 6, 1)
    assert (run.stats["downloader/request_count"], run.stats["sotttt/store/created"]) == (7, 6)
    assert "sotttt/run_id" not in run.stats  # the run's own id, not a count to sum over its workers
