"""The dedupe pipeline: one article per identity or content; near-duplicates linked, not merged."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipelines.dedupe import DedupePipeline
from scraper.storage.store import Store
from tests.store_factories import SITE, count, crawl, fetched, make_crawler, record

UUID = "131a2c47-a6e7-4e2b-9605-b45903598728"


def related(store: Store) -> list[tuple[str, str | None, float | None]]:
    with store.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT a.title, r.title, a.related_similarity FROM articles a "
            "LEFT JOIN articles r ON r.id = a.related_to_id ORDER BY a.title"
        )
        return [tuple(row) for row in rows]


def test_alias_shortlink_http_and_tracking_are_one_article(database_url: str, store: Store) -> None:
    alias = record(1).url
    crawl(
        database_url,
        fetched(record(1)),
        fetched(replace(record(1), url=f"{SITE}/node/1")),
        fetched(replace(record(1), url=alias.replace("https:", "http:") + "?utm_source=zalo")),
    )
    assert count(store, "articles") == 1
    assert count(store, "article_urls") == 3
    assert count(store, "change_events") == 1


def test_a_shortlink_seen_first_joins_the_article_later_seen_by_alias(
    database_url: str, store: Store
) -> None:
    bare = record(1, url=f"{SITE}/node/1", canonical_url=None, shortlink=None)
    crawl(database_url, fetched(bare))
    crawl(database_url, fetched(record(1)))
    assert count(store, "articles") == 1
    assert count(store, "article_urls") == 2


@pytest.mark.parametrize("runs", [1, 2])
def test_the_same_content_under_two_urls_is_one_article(database_url: str, store: Store, runs: int) -> None:
    """A portal page filed under two categories, no canonical link: same content, two addresses."""
    first = record(
        1, url=f"{SITE}/wps/portal/Home/2018/tin-chi-tiet/tin-tuc/{UUID}", canonical_url=None, shortlink=None
    )
    second = replace(first, url=f"{SITE}/wps/portal/Home/2018/tin-chi-tiet/tai-lieu-cong-bo/{UUID}")
    stats = (
        crawl(database_url, fetched(first), fetched(second)).stats
        if runs == 1
        else (crawl(database_url, fetched(first)), crawl(database_url, fetched(second)))[1].stats
    )
    assert stats.get_value("sotttt/dedupe/same_content") == 1
    assert count(store, "articles") == 1
    assert count(store, "article_urls") == 2


@pytest.mark.parametrize("runs", [1, 2])
def test_a_reposted_notice_with_a_small_edit_is_related_not_merged(
    database_url: str, store: Store, runs: int
) -> None:
    original = record(1)
    repost = replace(
        original,
        url=f"{SITE}/thong-bao/thong-bao-so-1-bo-sung",
        canonical_url=f"{SITE}/thong-bao/thong-bao-so-1-bo-sung",
        shortlink=f"{SITE}/node/77",
        title=(original.title or "") + " (bổ sung)",
        body_text=(original.body_text or "") + "\nThời gian: 8 giờ sáng thứ Hai.",
    )
    if runs == 1:
        stats = crawl(database_url, fetched(original), fetched(repost)).stats
    else:
        crawl(database_url, fetched(original))
        stats = crawl(database_url, fetched(repost)).stats
    assert stats.get_value("sotttt/dedupe/near_duplicate") == 1
    [(first, none, _), (second, to, similarity)] = related(store)
    assert (first, none, second, to) == (original.title, None, repost.title, original.title)
    assert similarity >= 0.8


def test_different_articles_are_not_related(database_url: str, store: Store) -> None:
    crawler = crawl(database_url, fetched(record(1)), fetched(record(2)), fetched(record(3)))
    assert [to for _, to, _ in related(store)] == [None, None, None]
    assert crawler.stats.get_value("sotttt/dedupe/near_duplicate") is None


def test_a_local_run_looks_up_only_what_the_database_may_know(database_url: str, store: Store) -> None:
    crawl(database_url, fetched(record(1)))
    moved = replace(record(1), url=f"{SITE}/thong-bao/da-chuyen", canonical_url=None, shortlink=None)
    stats = crawl(database_url, fetched(record(2)), fetched(record(3)), fetched(moved)).stats
    # 2 and 3 are new: none of their keys was stored. The moved copy's content was: looked up, merged.
    assert stats.get_value("sotttt/dedupe/lookups_skipped") == 2
    assert stats.get_value("sotttt/dedupe/same_content") == 1
    assert count(store, "articles") == 3


@pytest.mark.parametrize(("shared", "skipped"), [(False, 1), (True, None)])
def test_the_workers_of_a_distributed_run_always_look_up(
    database_url: str, store: Store, shared: bool, skipped: int | None
) -> None:
    """Other workers write while this one runs: what the database held at the start says too little."""
    crawler = make_crawler(database_url)
    pipeline = DedupePipeline(crawler.stats, database_url, 0.8, shared=shared)
    pipeline.open_spider()
    try:
        pipeline.process_item(fetched(record(1)))
    finally:
        pipeline.close_spider()
    assert crawler.stats.get_value("sotttt/dedupe/lookups_skipped") == skipped
