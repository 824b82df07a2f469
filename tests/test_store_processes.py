"""Real processes: two writers at once, and a writer killed with SIGKILL then run again."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from scraper.storage.store import Store
from tests.store_factories import count, counts

FEEDER = Path(__file__).with_name("store_feeder.py")


def feeder(
    database_url: str, articles: int, *options: str, output: int | None = subprocess.DEVNULL
) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(FEEDER), database_url, str(articles), *options],
        stdout=output,
        text=True,
    )


def assert_complete(store: Store, articles: int) -> None:
    """Every article once, with its URLs, one version and one ``created`` event, nothing else."""
    assert {
        k: v
        for k, v in counts(store).items()
        if k not in ("crawl_runs", "contacts", "contact_versions", "article_topics", "alert_deliveries")
    } == {
        "articles": articles,
        "article_urls": 2 * articles,
        "article_versions": articles,
        "change_events": articles,
        "attachments": articles,
        "images": articles,
        "documents": 0,  # files linked, none fetched
        "article_documents": 0,
    }
    assert count(store, "change_events", "kind = 'created'") == articles


def test_two_processes_writing_the_same_articles_make_one_row_and_one_event_each(
    database_url: str, store: Store
) -> None:
    start = str(time.time() + 2.5)
    writers = [feeder(database_url, 150, "--start-at", start, "--pause", "0.002") for _ in range(2)]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    assert_complete(store, 150)
    with store.engine.connect() as connection:
        runs = connection.exec_driver_sql("SELECT new, unchanged FROM crawl_runs").all()
    assert len(runs) == 2
    assert sum(new for new, _ in runs) == 150  # each article created by exactly one of them
    assert sum(new + unchanged for new, unchanged in runs) == 300


def test_a_run_killed_mid_way_leaves_whole_batches_and_a_rerun_completes_it(
    database_url: str, store: Store
) -> None:
    victim = feeder(database_url, 200, "--pause", "0.005", output=subprocess.PIPE)
    assert victim.stdout is not None
    for line in victim.stdout:
        if int(line) >= 95:
            break
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    victim.stdout.close()
    stored = count(store, "articles")
    assert 90 <= stored < 200
    assert stored % 10 == 0  # batches of 10 commit whole or not at all
    assert count(store, "change_events", "kind = 'created'") == count(store, "article_versions") == stored
    assert count(store, "crawl_runs", "finished_at IS NULL") == 1
    assert feeder(database_url, 200).wait(timeout=120) == 0
    assert_complete(store, 200)
    assert count(store, "crawl_runs", "finished_at IS NOT NULL AND new = 200 - unchanged") == 1


def test_a_run_killed_inside_a_transaction_commits_none_of_it(database_url: str, store: Store) -> None:
    assert feeder(database_url, 50, "--die-in-batch", "3").wait(timeout=60) == -signal.SIGKILL
    assert_complete(store, 20)
    assert feeder(database_url, 50).wait(timeout=60) == 0
    assert_complete(store, 50)
