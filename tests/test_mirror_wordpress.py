"""The mirror's ``wordpress`` layout over real HTTP: WordPress's own markers and addresses,
the same content as the other layouts, and mutations reflected."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import pytest

from mirror import Site
from mirror.client import MirrorError
from mirror.files import attachment_file
from mirror.testing import MirrorServer
from mirror.vntext import slugify
from mirror.wordpress_site import WordPressSite
from scraper.parsers.platform import WORDPRESS, detect_platform
from tests.mirror_http import fetch, page, text

pytestmark = pytest.mark.crawl  # every test here serves a mirror over HTTP

ARTICLES = 30
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
MONTHS = ("Một", "Hai", "Ba", "Tư", "Năm", "Sáu", "Bảy", "Tám", "Chín", "Mười", "Mười Một", "Mười Hai")


def shown_date(iso: str) -> str:
    when = datetime.fromisoformat(iso)
    return f"{when.day} Tháng {MONTHS[when.month - 1]}, {when.year}"


@pytest.fixture(scope="module")
def site() -> Iterator[MirrorServer]:
    with MirrorServer(articles=ARTICLES, layout="wordpress") as server:
        yield server


@pytest.fixture(scope="module")
def live(site: MirrorServer) -> list[dict]:
    return sorted(site.articles("live"), key=lambda t: (t["published_at"], t["index"]), reverse=True)


@pytest.fixture
def fresh() -> Iterator[MirrorServer]:
    with MirrorServer(articles=ARTICLES, layout="wordpress") as server:
        yield server


def walk(first: str) -> list[str]:
    """The post permalinks an archive lists, following ``a.next.page-numbers`` to its last page."""
    seen, url, pages = [], first, 0
    while url:
        doc = page(url)
        posts = doc.cssselect("main article.hentry")
        assert len(posts) <= 10
        seen += [p.cssselect("h2.entry-title a")[0].get("href") for p in posts]
        following = doc.cssselect("nav.pagination a.next.page-numbers")
        url = urljoin(url, following[0].get("href")) if following else ""
        pages += 1
        assert pages < 100
    return seen


def test_article_page_carries_wordpress_markup_and_the_truth(site: MirrorServer) -> None:
    truth = next(t for t in site.articles("live") if t["tags"] and t["updated_at"])
    status, headers, body = fetch(truth["url"])
    assert status == 200 and headers["content-type"].startswith("text/html")
    html = body.decode()
    assert '<meta name="generator" content="WordPress 6.4.3" />' in html
    assert f'<link rel="https://api.w.org/" href="{site.url}/wp-json/" />' in html
    assert f"<link rel='shortlink' href='{site.url}/?p={truth['nid']}' />" in html
    assert "/wp-content/themes/twentyseventeen/style.css?ver=" in html
    assert detect_platform(body, truth["url"]).name == WORDPRESS
    assert set(detect_platform(body, truth["url"]).evidence) == {WORDPRESS}
    doc = lxml.html.fromstring(body)
    assert doc.cssselect("link[rel=canonical]")[0].get("href") == truth["url"]
    classes = doc.cssselect("body")[0].get("class").split()
    assert {"post-template-default", "single", "single-post", f"postid-{truth['nid']}"} <= set(classes)
    article = doc.cssselect(f"article#post-{truth['nid']}")[0]
    assert {"post", "type-post", "status-publish", "format-standard", "hentry"} <= set(article.classes)
    assert f"category-{truth['category_slug']}" in article.classes
    assert text(article.cssselect("header.entry-header h1.entry-title")[0]) == truth["title"]
    published = article.cssselect(".entry-meta .posted-on a time.entry-date.published")[0]
    assert published.get("datetime") == truth["published_at"]
    assert text(published) == shown_date(truth["published_at"])
    updated = article.cssselect(".entry-meta .posted-on time.updated")[0]
    assert updated.get("datetime") == truth["updated_at"]
    content = text(article.cssselect("div.entry-content")[0])
    assert truth["summary"] in content and all(p in content for p in truth["body"])
    footer = article.cssselect("footer.entry-footer")[0]
    assert [text(a) for a in footer.cssselect(".cat-links a")] == [truth["category"]]
    assert [text(a) for a in footer.cssselect(".tags-links a[rel=tag]")] == truth["tags"]
    assert doc.cssselect("table.table-customize") and doc.cssselect(f"a[href='{site.url}/wp-login.php']")


def test_permalinks_are_dated_slugs_and_the_shortlink_redirects(site: MirrorServer, live: list[dict]) -> None:
    for truth in live:
        when = datetime.fromisoformat(truth["published_at"])
        path = urlsplit(truth["url"]).path
        assert re.fullmatch(rf"/{when:%Y/%m/%d}/{slugify(truth['title'])}/", path), path
        assert truth["urls"] == [truth["url"]] and site.url_of(truth["index"]) == truth["url"]
        assert truth["shortlink"] == f"{site.url}/?p={truth['nid']}"
    truth = live[3]
    status, headers, _ = fetch(truth["shortlink"])
    assert status == 301 and headers["location"] == truth["url"]
    status, headers, _ = fetch(truth["url"].rstrip("/"))
    assert status == 301 and headers["location"] == truth["url"]
    assert fetch(f"{site.url}/?p=999999")[0] == 404
    assert fetch(f"{site.url}/2020/01/01/khong-co/")[0] == 404


def test_category_and_front_page_pagination(site: MirrorServer, live: list[dict]) -> None:
    info = site.info()
    assert info["layout"] == "wordpress" and info["page_size"] == 10 and info["home"] == site.url + "/"
    assert walk(site.url + "/") == [t["url"] for t in live]
    assert fetch(f"{site.url}/page/2/")[0] == 200
    front = page(site.url + "/")
    assert front.cssselect("nav.pagination .nav-links a.next.page-numbers")[0].get("href") == (
        f"{site.url}/page/2/"
    )


def test_category_pagination_has_10_a_page(fresh: MirrorServer) -> None:
    fresh.add(12, category="van-ban")  # past two pages
    live = sorted(fresh.articles("live"), key=lambda t: (t["published_at"], t["index"]), reverse=True)
    (category,) = [c for c in fresh.info()["categories"] if c["slug"] == "van-ban"]
    (listing,) = category["listings"]
    assert listing == f"{fresh.url}/category/van-ban/"
    expected = [t["url"] for t in live if t["category_slug"] == "van-ban"]
    assert len(expected) > 10  # two pages
    assert walk(listing) == expected
    assert fetch(f"{listing}page/2/")[0] == 200
    assert fetch(f"{listing}page/{len(expected) // 10 + 2}/")[0] == 404
    second = page(f"{listing}page/2/")
    classes = set(second.cssselect("body")[0].get("class").split())
    assert {"archive", "category", "paged", "paged-2"} <= classes


def test_feed_is_wordpress_rss2_with_permalinks(site: MirrorServer, live: list[dict]) -> None:
    assert site.info()["rss"] == f"{site.url}/feed/"
    status, headers, body = fetch(f"{site.url}/feed/")
    assert status == 200 and headers["content-type"].startswith("application/rss+xml")
    rss = lxml.etree.fromstring(body)
    assert rss.get("version") == "2.0"
    assert rss.findtext("channel/generator") == "https://wordpress.org/?v=6.4.3"
    items = rss.findall("channel/item")
    assert [i.findtext("link") for i in items] == [t["url"] for t in live[:10]]
    for item, truth in zip(items, live, strict=False):
        assert item.findtext("title") == truth["title"]
        published = parsedate_to_datetime(item.findtext("pubDate"))
        assert published == datetime.fromisoformat(truth["published_at"])
        assert item.findtext("guid") == truth["shortlink"]


def test_sitemap_index_and_posts_sitemap_with_lastmod(site: MirrorServer, live: list[dict]) -> None:
    _, _, robots = fetch(f"{site.url}/robots.txt")
    assert f"Sitemap: {site.url}/wp-sitemap.xml" in robots.decode()
    assert "Disallow: /wp-admin/" in robots.decode()
    status, headers, _ = fetch(f"{site.url}/sitemap.xml")
    assert status == 301 and headers["location"] == f"{site.url}/wp-sitemap.xml"
    status, headers, body = fetch(f"{site.url}/wp-sitemap.xml")
    assert status == 200 and headers["content-type"].startswith("application/xml")
    index = lxml.etree.fromstring(body)
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    locs = index.xpath("//s:sitemap/s:loc/text()", namespaces=SITEMAP)
    assert locs[0] == f"{site.url}/wp-sitemap-posts-post-1.xml"
    assert all(fetch(loc)[0] == 200 for loc in locs)
    urlset = lxml.etree.fromstring(fetch(locs[0])[2])
    lastmods = {
        u.findtext("s:loc", namespaces=SITEMAP): u.findtext("s:lastmod", namespaces=SITEMAP)
        for u in urlset.findall("s:url", namespaces=SITEMAP)
    }
    assert lastmods == {t["url"]: t["updated_at"] or t["published_at"] for t in live}


def test_attachments_are_file_blocks_with_the_other_layouts_bytes(site: MirrorServer) -> None:
    truths = [t for t in site.articles("live") if t["attachments"]]
    assert truths
    drupal = Site(articles=ARTICLES, layout="drupal_gavias")
    for truth in truths[:3]:
        (attachment,) = truth["attachments"]
        assert re.match(rf"{site.url}/wp-content/uploads/\d{{4}}/\d{{2}}/[^/ ]+$", attachment["url"])
        block = page(truth["url"]).cssselect("div.entry-content div.wp-block-file")[0]
        link, button = block.cssselect("a:not([download])")[0], block.cssselect("a.wp-block-file__button")[0]
        assert link.get("href") == button.get("href") == attachment["url"]
        assert text(link) == attachment["name"] and button.get("download") is not None
        status, headers, body = fetch(attachment["url"])
        other = drupal.article(truth["index"]).attachment
        assert other is not None and other.name == attachment["name"]
        expected, content_type = attachment_file(other)
        assert status == 200 and body == expected and headers["content-type"] == content_type
        assert attachment["size"] == len(body)


def test_truth_has_the_other_layouts_fields_and_content(site: MirrorServer) -> None:
    drupal = Site(articles=ARTICLES, layout="drupal_gavias")
    truth = site.article(7)
    other = drupal.truth(7)
    assert set(truth) == set(other)
    assert truth["layout"] == "wordpress" and truth["dialect"] == "wordpress-twentyseventeen"
    assert truth["published_precision"] == "minute"
    same = ("id", "nid", "title", "published_at", "updated_at", "category", "summary", "body", "authors")
    assert {k: truth[k] for k in same} == {k: other[k] for k in same}
    assert truth["url"] != other["url"] and urlsplit(truth["url"]).path.startswith("/20")


def test_trap_is_disallowed_and_logged(site: MirrorServer) -> None:
    site.reset_log()
    status, _, body = fetch(f"{site.url}/wp-login.php")
    assert status == 200 and b'id="loginform"' in body
    assert site.info()["traps"] == [f"{site.url}/wp-login.php"]
    assert [e["disallowed"] for e in site.log()] == [True]


def test_add_edit_take_down_and_move_are_reflected(fresh: MirrorServer) -> None:
    (added,) = fresh.add(1, category="thong-bao")
    assert added["layout"] == "wordpress" and urlsplit(added["url"]).path.startswith("/20")
    assert page(added["url"]).cssselect("h1.entry-title")[0].text_content() == added["title"]
    assert walk(fresh.url + "/")[0] == added["url"]
    assert walk(f"{fresh.url}/category/thong-bao/")[0] == added["url"]
    feed = lxml.etree.fromstring(fetch(f"{fresh.url}/feed/")[2])
    assert feed.findtext("channel/item/link") == added["url"]

    _, before, _ = fetch(added["url"])
    edited = fresh.edit(added["index"], title="Tiêu đề đã sửa trên WordPress")
    status, after, body = fetch(added["url"])
    assert status == 200 and after["etag"] != before["etag"]
    assert text(lxml.html.fromstring(body).cssselect("h1.entry-title")[0]) == "Tiêu đề đã sửa trên WordPress"
    sitemap = fetch(f"{fresh.url}/wp-sitemap-posts-post-1.xml")[2].decode()
    assert f"<loc>{added['url']}</loc><lastmod>{edited['updated_at']}</lastmod>" in sitemap

    gone = fresh.take_down(3, status=410)
    assert fetch(gone["url"])[0] == 410 and fetch(gone["shortlink"])[0] == 410
    assert gone["url"] not in walk(fresh.url + "/")

    old = fresh.article(5)
    moved = fresh.move(5)
    assert moved["url"] != old["url"] and moved["redirects_from"] == [old["url"]]
    status, headers, _ = fetch(old["url"])
    assert status == 301 and headers["location"] == moved["url"]
    status, headers, _ = fetch(moved["shortlink"])
    assert status == 301 and headers["location"] == moved["url"]
    assert fetch(moved["url"])[0] == 200


def test_site_api_and_refusals(fresh: MirrorServer) -> None:
    site = Site(articles=5, layout="wordpress")
    assert isinstance(site, WordPressSite) and site.info()["sitemap"].endswith("/wp-sitemap.xml")
    with pytest.raises(ValueError):
        Site(articles=5, layout="wordpress", dialect="drupal-olivero")
    with pytest.raises(ValueError):
        Site(articles=5, layout="wordpress", endless_archive=True)
    with pytest.raises(MirrorError):
        fresh.set_layout(1, "drupal_gavias")
