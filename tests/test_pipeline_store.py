"""The store pipeline: batched writes, named counts, the crawl run, and failures that are never silent."""

from __future__ import annotations

from datetime import timedelta

import pytest
from scrapy.exceptions import CloseSpider
from sqlalchemy.exc import OperationalError

from pipelines.dedupe import DedupePipeline
from pipelines.store import StorePipeline
from scraper.items import ArticleGone
from scraper.storage.store import Store
from tests.store_factories import T0, count, crawl, fetched, make_crawler, record


def test_items_are_written_in_batches_and_the_rest_at_close(database_url: str, store: Store) -> None:
    crawler = make_crawler(database_url, STORE_BATCH_SIZE=3)
    dedupe, writer = DedupePipeline.from_crawler(crawler), StorePipeline.from_crawler(crawler)
    dedupe.open_spider()
    writer.open_spider()
    written = []
    for n in range(1, 5):
        writer.process_item(dedupe.process_item(fetched(record(n))))
        written.append(count(store, "articles"))
    assert written == [0, 0, 3, 3]
    writer.close_spider()
    dedupe.close_spider()
    assert count(store, "articles") == 4
    assert count(store, "crawl_runs", "finished_at IS NULL") == 1
    writer.spider_closed("finished")
    assert count(store, "crawl_runs", "finished_at IS NOT NULL AND finish_reason = 'finished'") == 1


def test_the_crawl_run_records_its_counts(database_url: str, store: Store) -> None:
    later = T0 + timedelta(days=1)
    crawl(
        database_url,
        fetched(record(1)),
        fetched(record(2)),
        fetched(record(3)),
        fetched(record(4, title=None)),
    )
    crawler = crawl(
        database_url,
        fetched(record(1, title="Sửa"), later),
        fetched(record(2), later),
        ArticleGone(record(3).url, 404, later),
    )
    assert {k: v for k, v in crawler.stats.get_stats().items() if k.startswith("sotttt/store/")} == {
        "sotttt/store/updated": 1,
        "sotttt/store/unchanged": 1,
        "sotttt/store/removed": 1,
    }
    with store.engine.connect() as connection:
        runs = connection.exec_driver_sql(
            "SELECT mode, new, updated, unchanged, removed, invalid, errors, finish_reason "
            "FROM crawl_runs ORDER BY id"
        ).all()
    assert runs == [("full", 3, 0, 0, 0, 1, 0, "finished"), ("full", 0, 1, 1, 1, 0, 0, "finished")]


def test_an_article_that_skipped_dedupe_is_counted_not_lost_silently(database_url: str, store: Store) -> None:
    crawler = crawl(database_url, fetched(record(1)), ITEM_PIPELINES={"pipelines.store.StorePipeline": 300})
    assert crawler.stats.get_value("sotttt/store/skipped/unresolved") == 1
    assert count(store, "articles") == 0


def test_a_batch_that_cannot_be_written_is_counted_as_lost(
    database_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def fail(*_: object) -> None:
        raise OperationalError("INSERT", {}, Exception("disk full"))

    monkeypatch.setattr(Store, "write", fail)
    crawler = crawl(database_url, fetched(record(1)), fetched(record(2)))
    assert crawler.stats.get_value("sotttt/store/lost") == 2
    assert "Could not store a batch of 2 items" in caplog.text


def test_an_unreachable_database_closes_the_spider() -> None:
    crawler = make_crawler("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1")
    with pytest.raises(CloseSpider) as closed:
        StorePipeline.from_crawler(crawler).open_spider()
    assert closed.value.reason.startswith("database unreachable: (psycopg.OperationalError)")
