"""What the spider's incremental mode asks the store, and the analyst's two questions."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import timedelta

from scraper.items import AttachmentSeen
from scraper.storage import Store, queries
from scraper.storage.queries import Window
from scraper.storage.store import KnownArticle
from tests.store_factories import SITE, T0, crawl, fetched, record

LATER = T0 + timedelta(days=1)
PORTAL = f"{SITE}/wps/portal/Home/2018/tin-chi-tiet/tai-lieu-cong-bo/131a2c47-a6e7-4e2b-9605-b45903598728"


def test_an_article_is_known_by_every_url_it_goes_by(database_url: str, store: Store) -> None:
    crawl(database_url, fetched(record(1, url=f"{SITE}/tin-tuc/thông-báo", canonical_url=None)))
    for url in (
        f"{SITE}/tin-tuc/thông-báo",
        unicodedata.normalize("NFD", f"{SITE}/tin-tuc/thông-báo"),
        "http://sotttt.angiang.gov.vn/tin-tuc/th%C3%B4ng-b%C3%A1o?utm_source=zalo&fbclid=x#top",
        "HTTPS://SOTTTT.angiang.gov.vn:443/node/1",
    ):
        assert store.is_known(url), url
    assert not store.is_known(f"{SITE}/node/2")


def test_a_portal_article_is_known_under_its_portal_state(database_url: str, store: Store) -> None:
    rec = record(1, url=PORTAL, canonical_url=None, shortlink=None, profile="wps2018")
    crawl(database_url, fetched(rec))
    assert store.is_known(
        PORTAL + "/!ut/p/z1/04_Sj9CPykssy0xPLMnMz0vMAfIjo8zinSx8QnyMLI3cQ/dz/d5/L2dBISEvZ0FBIS9nQSEh/"
    )


def test_validators_are_those_of_the_latest_fetch(database_url: str, store: Store) -> None:
    crawl(database_url, fetched(record(1), T0, '"a"', "Fri, 09 May 2025 08:25:00 GMT"))
    crawl(database_url, fetched(record(1), LATER, '"b"', "Sat, 10 May 2025 08:25:00 GMT"))
    expected = KnownArticle(record(1).canonical_url or "", '"b"', "Sat, 10 May 2025 08:25:00 GMT")
    assert store.validators(f"{SITE}/node/1") == expected
    assert store.validators(f"{SITE}/node/2") is None


def test_known_urls_are_every_url_seen(database_url: str, store: Store) -> None:
    crawl(database_url, fetched(record(1)), fetched(record(2)))
    with store.reading() as session:
        ids = [article.id for article in queries.articles(session, None)]
        seen = {url for article_id in ids for url in queries.urls(session, article_id)}
    assert seen == {
        f"{SITE}/tin-tuc/thong-bao-so-1",
        f"{SITE}/node/1",
        f"{SITE}/tin-tuc/thong-bao-so-2",
        f"{SITE}/node/2",
    }


def test_young_articles_come_due_every_run_old_ones_within_a_week(database_url: str, store: Store) -> None:
    young = record(1, published_at=T0 - timedelta(days=1))  # due at the next run
    old = record(2, published_at=T0 - timedelta(days=400))  # due within the 7-day period
    crawl(database_url, fetched(old), fetched(young))
    assert [k.url for k in store.due_for_recheck(T0 + timedelta(hours=1), 10)] == [young.canonical_url]
    due = store.due_for_recheck(T0 + timedelta(days=7), 10)
    assert {k.url for k in due} == {young.canonical_url, old.canonical_url}
    assert len(store.due_for_recheck(T0 + timedelta(days=7), 1)) == 1


def test_new_since_a_date_and_one_articles_history(database_url: str, store: Store) -> None:
    crawl(database_url, fetched(record(1)))
    crawl(database_url, fetched(record(2), LATER), fetched(replace(record(1), title="Sửa"), LATER))
    with store.reading() as session:
        # First seen since LATER: record 2 only. Published since LATER: neither (both were published
        # days before T0); published since an early date: both, the newest publication first.
        assert [a.title for a in queries.new_articles(session, Window(LATER, seen=True), 100)] == [
            record(2).title
        ]
        assert queries.new_articles(session, Window(LATER), 100) == []
        assert queries.count_new(session, Window(LATER)) == 0
        early = min(record(1).published_at, record(2).published_at)
        assert [a.title for a in queries.new_articles(session, Window(early), 100)] == [
            "Sửa",
            record(2).title,
        ]
        assert [a.title for a in queries.new_articles(session, Window(early), 1)] == ["Sửa"]
        assert queries.count_new(session, Window(early)) == 2
        edited = queries.article(session, f"{SITE}/node/1")
        assert edited is not None
        history = queries.history(session, edited.id)
        assert queries.article(session, f"{SITE}/node/3") is None
    assert [(e.kind, e.occurred_at, e.fields) for e in history] == [
        ("created", T0, None),
        ("updated", LATER, ["title"]),
    ]


def test_sized_files_are_those_whose_size_is_stored(database_url: str, store: Store) -> None:
    sized, unsized = record(1).attachments[0], record(2).attachments[0]
    crawl(
        database_url,
        fetched(record(1)),
        fetched(record(2)),
        AttachmentSeen(sized.url, record(1).url, sized.name, sized.type, 2048, T0),
        AttachmentSeen(unsized.url, record(2).url, unsized.name, unsized.type, None, T0),
    )
    assert store.sized_files() == {sized.url}
