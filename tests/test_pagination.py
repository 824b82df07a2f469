"""Pagination that always ends: the mirror's endless archive, crawled by the real spider over HTTP.

Every page of the archive, past the last article too, links a next page; a page past the end says
"Không có bài viết nào." and lists nothing. The spider must stop there (scraper/crawling/pagination.py).
"""

from __future__ import annotations

import re
from collections import Counter
from math import ceil
from urllib.parse import urlsplit

import lxml.html
import pytest

from mirror.addresses import strip_portal_state
from mirror.render_drupal import ARCHIVE_EMPTY
from mirror.testing import MirrorServer
from scraper import stats as stat
from tests.crawling import articles, crawl, last_run
from tests.test_mirror import fetch

pytestmark = pytest.mark.crawl  # every test here serves a mirror over HTTP

ARTICLES = 200
DRUPAL_ARCHIVE = "/luu-tru"
WPS_ARCHIVE = "/wps/portal/Home/2018/luu-tru"
PAGE_NUMBER = re.compile(r"(?:^|&)(page|trang)=(\d+)")


def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'crawl.sqlite3'}"


def path_of(target: str) -> str:
    """A logged request's path, without its query and WebSphere portal state."""
    return strip_portal_state(target.partition("?")[0])


def page_number(target: str) -> int:
    """The 0-based page a listing request asked for: Drupal ``?page=N``, WebSphere ``?trang=N+1``."""
    found = PAGE_NUMBER.search(target.partition("?")[2])
    if found is None:
        return 0
    return int(found.group(2)) - 1 if found.group(1) == "trang" else int(found.group(2))


def archive_requests(log: list[dict], archive: str) -> list[int]:
    """The pages of ``archive`` (a path) fetched with GET, 0-based, in the order asked."""
    return [page_number(e["target"]) for e in log if e["method"] == "GET" and path_of(e["target"]) == archive]


def real_pages(truths: list[dict], archive: str, page_size: int) -> int:
    """How many pages of the archive list articles: the Drupal one lists every live article, the
    WebSphere one those at WebSphere addresses (all of them on a wps2018 site)."""
    members = [t for t in truths if archive == DRUPAL_ARCHIVE or "/wps/" in urlsplit(t["url"]).path]
    return max(1, ceil(len(members) / page_size))


def test_the_mirrors_archive_never_ends_and_says_so_past_the_last_article() -> None:
    with MirrorServer(articles=45, layout="mixed", seed=2, endless_archive=True) as mirror:
        info = mirror.info()
        assert info["endless_archive"] is True
        assert info["archives"] == [mirror.url + DRUPAL_ARCHIVE, mirror.url + WPS_ARCHIVE]
        home = lxml.html.fromstring(fetch(mirror.url + "/")[2])
        assert home.cssselect(f'ul.gva_menu a[href="{DRUPAL_ARCHIVE}"]')
        old_home = lxml.html.fromstring(fetch(mirror.url + "/wps/portal/Home")[2])
        assert old_home.cssselect(f'nav.wpthemeMainNav a[href="{WPS_ARCHIVE}"]')
        live = {t["url"] for t in mirror.articles("live")}
        listed: list[str] = []
        for n in range(6):  # 45 articles: pages 0, 1 and 2, then empty ones
            status, _, body = fetch(f"{mirror.url}{DRUPAL_ARCHIVE}?page={n}")
            doc = lxml.html.fromstring(body)
            teasers = [a.get("href") for a in doc.cssselect(".view-content h3.post-title a")]
            assert status == 200
            assert [a.get("href") for a in doc.cssselect("li.pager__item--next a")] == [f"?page={n + 1}"]
            assert (ARCHIVE_EMPTY in doc.text_content()) == (n >= 3)
            assert len(teasers) == [20, 20, 5, 0, 0, 0][n]
            listed += [mirror.url + href for href in teasers]
        assert len(listed) == len(set(listed)) and set(listed) == live
        status, _, body = fetch(f"{mirror.url}{WPS_ARCHIVE}?trang=40")
        doc = lxml.html.fromstring(body)
        assert status == 200 and ARCHIVE_EMPTY in doc.text_content()
        assert not doc.cssselect(".tin-item") and doc.cssselect("ul.phantrang li.next a")
        assert fetch(f"{mirror.url}{DRUPAL_ARCHIVE}?trang=2")[0] == 404  # the other platform's pager
    with MirrorServer(articles=45, layout="drupal_gavias", seed=2) as plain:
        assert plain.info()["archives"] == []
        assert fetch(plain.url + DRUPAL_ARCHIVE)[0] == 404  # only with endless_archive


@pytest.mark.parametrize("layout", ["drupal_gavias", "wps2018", "mixed"])
def test_a_full_crawl_stops_at_the_first_empty_archive_page(layout: str, tmp_path) -> None:
    database = sqlite_url(tmp_path)
    with MirrorServer(articles=ARTICLES, layout=layout, seed=5, endless_archive=True) as mirror:
        # A timeout only so that a regression fails the test instead of crawling for ever.
        crawl(mirror.url, database, mode="full", settings={"CLOSESPIDER_TIMEOUT": 120})
        info = mirror.info()
        truths = mirror.articles("live")
        log = mirror.log()
    assert [urlsplit(url).path for url in info["archives"]] == {
        "drupal_gavias": [DRUPAL_ARCHIVE],
        "wps2018": [WPS_ARCHIVE],
        "mixed": [DRUPAL_ARCHIVE, WPS_ARCHIVE],
    }[layout]
    for url in info["archives"]:
        archive = urlsplit(url).path
        pages = real_pages(truths, archive, info["page_size"])
        asked = archive_requests(log, archive)
        past_the_end = [n for n in asked if n >= pages]
        assert len(past_the_end) <= 2, (archive, pages, past_the_end)
        # Walked to its end all the same: pagers do not cut each other short.
        assert set(range(pages)) <= set(asked), (archive, pages, sorted(asked))
        assert max(Counter(asked).values()) == 1
    assert {a.url for a in articles(database)} == {t["url"] for t in truths}
    run = last_run(database)
    assert (run.new, run.finish_reason) == (ARTICLES, "finished")
    assert run.stats[stat.pager_ended("empty")] == len(info["archives"])
    assert stat.LISTING_PAGE_CAP_REACHED not in run.stats


def test_the_page_cap_stops_every_pager_and_is_counted(tmp_path) -> None:
    database = sqlite_url(tmp_path)
    with MirrorServer(articles=ARTICLES, layout="drupal_gavias", seed=5, endless_archive=True) as mirror:
        result = crawl(mirror.url, database, mode="full", settings={"LISTING_MAX_PAGES": 2})
        info = mirror.info()
        truths = mirror.articles("live")
        log = mirror.log()
    listings = {urlsplit(url).path for url in info["archives"]}
    listings |= {urlsplit(url).path for c in info["categories"] for url in c["listings"]}
    asked = Counter(path_of(e["target"]) for e in log if e["method"] == "GET")
    pages = {path: asked[path] for path in listings}
    assert max(pages.values()) == 2, pages
    # Capped: the archive (it never ends) and each category with more than two pages of articles.
    long_categories = [
        c for c in info["categories"] if sum(t["category_slug"] == c["slug"] for t in truths) > 2 * 20
    ]
    run = last_run(database)
    assert run.stats[stat.LISTING_PAGE_CAP_REACHED] == 1 + len(long_categories) >= 2
    assert result.stderr.count("reached LISTING_MAX_PAGES (2)") == 1  # logged once, counted always
    # The sitemap still lists every article: the cap costs listing pages, not articles.
    assert {a.url for a in articles(database)} == {t["url"] for t in truths}
    assert run.finish_reason == "finished"


def test_incremental_walk_stops_at_stored_articles_and_finds_more_news_than_the_feed_shows(tmp_path) -> None:
    """No sitemap (wps2018): the listings are where news beyond the feed's 20 is found. The pagers
    compare a page with their own earlier pages only, not with what the feed asked for: the 21st to
    25th new articles are on the second pages of the category and the archive."""
    database = sqlite_url(tmp_path)
    with MirrorServer(articles=ARTICLES, layout="wps2018", seed=9, endless_archive=True) as mirror:
        crawl(mirror.url, database, mode="full")
        added = mirror.add(25, category="thong-bao")
        mirror.reset_log()
        crawl(mirror.url, database)
        log = mirror.log()
    news = last_run(database)
    assert news.new == 25 and news.finish_reason == "finished"
    assert {a["url"] for a in added} <= {a.url for a in articles(database)}
    # 25 new articles: pages 1 and 2 hold news, page 3 only stored articles and ends the walk.
    assert sorted(archive_requests(log, WPS_ARCHIVE)) == [0, 1, 2]
    assert news.stats[stat.pager_ended("known")] >= 1
