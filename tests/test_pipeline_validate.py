"""The validation pipeline: what the store cannot keep is dropped, logged and counted, never half-written."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from scraper.items import ArticleGone
from scraper.storage.store import Store
from tests.store_factories import T0, count, crawl, fetched, record


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"url": ""}, "missing_url"),
        ({"title": None}, "missing_title"),
        ({"body_text": "  \n "}, "missing_body_text"),
        ({"is_article": False}, "not_article"),
        ({"published_at": datetime(2025, 5, 9, 15, 25)}, "naive_datetime"),
    ],
)
def test_an_article_the_store_cannot_keep_is_dropped_and_counted(
    database_url: str, store: Store, caplog: pytest.LogCaptureFixture, changes: dict, reason: str
) -> None:
    bad = record(1, **changes)
    crawler = crawl(database_url, fetched(bad), fetched(record(2)))
    assert crawler.stats.get_value(f"sotttt/invalid/{reason}") == 1
    assert count(store, "articles") == 1
    assert count(store, "article_urls", "url LIKE '%/node/1'") == 0
    assert count(store, "crawl_runs", "invalid = 1 AND new = 1") == 1
    assert f"({reason}): {bad.url or '(no URL)'}" in caplog.text


def test_other_items_with_naive_times_are_dropped_too(database_url: str, store: Store) -> None:
    crawler = crawl(database_url, ArticleGone(record(1).url, 404, datetime(2025, 5, 9)))
    assert crawler.stats.get_value("sotttt/invalid/naive_datetime") == 1


def test_a_valid_article_passes_untouched(database_url: str) -> None:
    item = fetched(replace(record(1), summary=None, authors=()))
    crawler = crawl(database_url, item)
    assert crawler.stats.get_value("sotttt/store/created") == 1
    assert not [k for k in crawler.stats.get_stats() if k.startswith("sotttt/invalid/")]
    assert item.fetched_at == T0
