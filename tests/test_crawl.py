"""End to end: the real spider, real Scrapy engine, real HTTP against the mirror on 127.0.0.1."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest

from mirror.faults import FaultRule
from mirror.testing import MirrorServer
from scraper.monitors import EXIT_MONITORS_FAILED
from scraper.urls import identity
from tests.crawling import articles, crawl, event_counts, failed_monitors, last_run

pytestmark = pytest.mark.crawl  # every test here serves a mirror over HTTP

ARTICLES = 300
PLATFORMS = {"wps2018": "websphere_portal", "drupal_gavias": "drupal"}  # a layout's platform


def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'crawl.sqlite3'}"


def article_requests(base_url: str, log: list[dict], truths: list[dict]) -> Counter:
    """How often each article (by identity of any of its addresses) was fetched with GET."""
    owner = {identity(url): t["url"] for t in truths for url in [t["url"], *t["urls"]]}
    counts: Counter = Counter()
    for entry in log:
        key = owner.get(identity(base_url + entry["target"]))
        if key and entry["method"] == "GET":
            counts[key] += 1
    return counts


@pytest.mark.parametrize(
    ("layout", "parse_processes", "dialect"),
    [
        ("drupal_gavias", 0, "default"),
        ("wps2018", 0, "default"),
        ("mixed", 0, "default"),
        ("mixed", 1, "default"),
        ("mixed", 0, "per-page"),  # every markup dialect of both platforms, page by page
        ("wps2018", 0, "wps-table"),  # the legacy table layout: nothing like our class names
    ],
)
def test_full_crawl_stores_every_article_once_with_the_mirrors_fields(
    layout, parse_processes, dialect, tmp_path
):
    """Parsed in the crawl process, and in a parser process (``PARSE_PROCESSES``); in the classic
    markup and in the dialects drawn from real Portal skins and Drupal themes (``mirror/dialects.py``)."""
    database = sqlite_url(tmp_path)
    # Markup the profiles were not written from: the content path finds every article, and the
    # run says loudly that the layout drifted (the monitor, exit status 3), as it would on the site.
    drifted = dialect != "default"
    with MirrorServer(articles=ARTICLES, layout=layout, seed=5, dialect=dialect) as mirror:
        crawl(
            mirror.url,
            database,
            mode="full",
            settings={"PARSE_PROCESSES": parse_processes},
            expect_status=EXIT_MONITORS_FAILED if drifted else 0,
        )
        truths = mirror.articles("live")
        log = mirror.log()
    stored = {a.url: a for a in articles(database)}
    assert len(stored) == ARTICLES
    assert set(stored) == {t["url"] for t in truths}
    for truth in truths:
        article = stored[truth["url"]]
        assert article.title == truth["title"]
        assert article.published_at == datetime.fromisoformat(truth["published_at"])
        assert article.category == truth["category"]
        assert article.authors == truth["authors"]
        assert article.summary == truth["summary"]
        assert article.body_text == "\n\n".join(truth["body"])
        assert article.profile == truth["layout"]
    fetched = article_requests(mirror.url, log, truths)
    assert set(fetched) == {t["url"] for t in truths}
    assert max(fetched.values()) == 1, fetched.most_common(3)
    run = last_run(database)
    assert (run.mode, run.new, run.finish_reason) == ("full", ARTICLES, "finished")
    assert failed_monitors(database) == ({"test_layout_still_known"} if drifted else set())
    # Menus repeat on every page and the sitemap lists what the listings link to: the spider asks for
    # each page once, so the scheduler's duplicate filter has (nearly) nothing left to drop.
    assert run.stats.get("dupefilter/filtered", 0) < 5, run.stats["dupefilter/filtered"]
    # Every article and listing page is counted under the platform its own markers show, whatever
    # the theme: a move to another platform, or a site half-way there, shows in the stats.
    platforms = {k.rsplit("/", 1)[1]: v for k, v in run.stats.items() if k.startswith("sotttt/platform/")}
    assert set(platforms) == {PLATFORMS[t["layout"]] for t in truths}
    assert sum(platforms.values()) >= ARTICLES  # the articles and the listings


def test_incremental_crawl_costs_little_and_finds_new_edited_and_removed(tmp_path):
    database = sqlite_url(tmp_path)
    with MirrorServer(articles=ARTICLES, layout="drupal_gavias", seed=6) as mirror:
        crawl(mirror.url, database, mode="full")
        full = last_run(database)

        crawl(mirror.url, database)
        unchanged = last_run(database)
        assert unchanged.requests <= 0.02 * full.requests, (unchanged.requests, full.requests)
        assert (unchanged.new, unchanged.updated, unchanged.removed) == (0, 0, 0)
        assert event_counts(database, unchanged.id) == {}

        added = mirror.add(3)
        mirror.edit(10, title="Tăng cường thông tin đối ngoại khu vực biên giới (đã sửa)")
        mirror.edit(20, body=["Nội dung mới: Bộ đội Biên phòng tỉnh phối hợp tuyên truyền về chủ quyền."])
        gone = mirror.take_down(30, status=410)
        edited_url = mirror.url_of(10)
        crawl(mirror.url, database)
        changed = last_run(database)

    assert (changed.new, changed.updated, changed.removed) == (3, 2, 1)
    assert event_counts(database, changed.id) == {"created": 3, "updated": 2, "removed": 1}
    stored = {a.url: a for a in articles(database)}
    assert {a["url"] for a in added} <= set(stored)
    assert stored[gone["url"]].status == "removed"
    assert stored[edited_url].title.endswith("(đã sửa)")


def test_robots_disallowed_and_off_site_links_are_never_requested(tmp_path):
    database = sqlite_url(tmp_path)
    with MirrorServer(articles=60, layout="mixed", seed=7) as mirror:
        crawl(mirror.url, database, mode="full")
        log = mirror.log()
    assert log, "the mirror saw the crawl"
    assert not [e for e in log if e.get("disallowed")]
    stats = last_run(database).stats
    assert stats["offsite/filtered"] >= 1  # the province portal in the menu
    assert stats["robotstxt/forbidden"] >= 1  # the login page in the menu
    assert all(e["target"].startswith("/") for e in log)


def test_faults_are_retried_and_the_crawl_still_gets_every_article(tmp_path):
    database = sqlite_url(tmp_path)
    faults = [
        FaultRule(kind="503", share=0.1, times=2, retry_after=1),
        FaultRule(kind="reset", share=0.05, times=1),
        FaultRule(kind="stall", share=0.03, times=1, seconds=3),
    ]
    settings = {"DOWNLOAD_TIMEOUT": 1, "RETRY_TIMES": 4}
    with MirrorServer(articles=120, layout="drupal_gavias", seed=8, faults=faults) as mirror:
        crawl(mirror.url, database, mode="full", settings=settings)
        truths = mirror.articles("live")
        injected = Counter(entry["fault"] for entry in mirror.log() if entry["fault"])
    assert set(injected) == {"503", "reset", "stall"}
    assert {a.url for a in articles(database)} == {t["url"] for t in truths}
    run = last_run(database)
    assert run.finish_reason == "finished"
    assert run.stats["retry/reason_count/503 Service Unavailable"] == injected["503"]
    assert run.stats["sotttt/retry_after/503"] == injected["503"]  # waited as the server asked
    assert run.stats["retry/reason_count/scrapy.exceptions.DownloadTimeoutError"] >= 1
    assert run.stats["downloader/exception_count"] >= 1


def test_incremental_crawl_without_a_sitemap_uses_the_feed_then_stops_at_known_listing_pages(tmp_path):
    """The 2018 layout has no sitemap: an unchanged feed costs nothing more; news walks only the
    listings' first pages (edits and take-downs there are found by the re-check schedule)."""
    database = sqlite_url(tmp_path)
    with MirrorServer(articles=ARTICLES, layout="wps2018", seed=9) as mirror:
        crawl(mirror.url, database, mode="full")
        full = last_run(database)
        crawl(mirror.url, database)
        unchanged = last_run(database)
        added = mirror.add(3)
        mirror.reset_log()
        crawl(mirror.url, database)
        news = last_run(database)
        listing_pages = [e["target"] for e in mirror.log() if "trang=" in e["target"]]
    assert unchanged.requests <= 0.02 * full.requests
    assert (unchanged.new, news.new) == (0, 3)
    assert {a["url"] for a in added} <= {a.url for a in articles(database)}
    assert len(listing_pages) <= 8  # second pages only where the first held something new
    assert news.requests < 0.1 * full.requests
