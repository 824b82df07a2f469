"""The mirror's successor host (``--successor``, 127.0.0.2) over real HTTP: Bartik pages at slug
and node addresses, the migration's effect on the old host, move_site, sitemaps, truth, own posts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import lxml.etree
import lxml.html
import pytest

from mirror.slugs import pathauto_slug, unique_slug
from mirror.testing import MirrorServer
from tests.mirror_http import SITEMAP_NS, fetch, page, text

pytestmark = pytest.mark.crawl  # every test here but the first serves a mirror over HTTP

LEAD = re.compile(r"^\(sokhcn\.angiang\.gov\.vn\) - (Sáng|Trưa|Chiều|Tối) ngày \d{1,2}/\d{1,2}, ")


def sitemap(url: str) -> dict[str, str]:
    status, _, body = fetch(url)
    assert status == 200
    root = lxml.etree.fromstring(body)
    return {
        u.findtext("s:loc", namespaces=SITEMAP_NS): u.findtext("s:lastmod", namespaces=SITEMAP_NS)
        for u in root.findall("s:url", SITEMAP_NS)
    }


def test_pathauto_slugs() -> None:
    assert pathauto_slug("Hội nghị tỉnh An Giang") == "hoi-nghi-tinh-giang"
    assert pathauto_slug("Đảm bảo an toàn thông tin, đường truyền!") == "dam-bao-toan-thong-tin-duong-truyen"
    assert len(pathauto_slug("Chuyển đổi số " * 20)) <= 100
    taken: set[str] = set()
    assert [unique_slug("tin", taken) for _ in range(3)] == ["tin", "tin-0", "tin-1"]


def test_without_successor() -> None:
    server = MirrorServer(articles=5)
    try:
        assert server.successor_url is None
    finally:
        server._stderr.close()  # never started


@pytest.fixture(scope="module")
def mirror() -> Iterator[MirrorServer]:
    with MirrorServer(articles=30, layout="mixed", successor=True) as server:
        yield server


def pick(mirror: MirrorServer, taken: set[int], attachment: bool = False) -> dict:
    """A live, unmigrated article (one with an attached file when asked) not used by another test."""
    for record in mirror.articles("live"):
        if record["index"] in taken or record["migrated"] or (attachment and not record["attachments"]):
            continue
        taken.add(record["index"])
        return record
    raise AssertionError("no article left")


@pytest.fixture(scope="module")
def used() -> set[int]:
    return set()


def test_hosts_and_info(mirror: MirrorServer) -> None:
    assert mirror.successor_url is not None and mirror.successor_url.startswith("http://127.0.0.2:")
    assert mirror.url.startswith("http://127.0.0.1:")
    assert mirror.info()["successor_url"] == mirror.successor_url
    info = mirror.successor_info()
    assert info["mode"] is None and info["own_posts"] == 8
    record = mirror.article(0)
    assert (record["host"], record["migrated"], record["successor_url"]) == ("old", False, None)


def test_own_posts(mirror: MirrorServer) -> None:
    posts = mirror.successor_articles()
    assert len(posts) == 8
    for post in posts:
        assert post["published_at"].startswith("2026-") and post["host"] == "successor"
        lead = f"{post['dateline']} - {post['summary']}"
        assert LEAD.match(lead) and not re.search(r"20\d\d", lead)
        doc = page(post["url"])
        assert text(doc.cssselect("h1#page-title")[0]) == post["title"]
        body = doc.cssselect("div.node.node-article div.field-name-body div.field-item")[0]
        assert text(body.cssselect("p strong")[0]) == lead
        created = doc.cssselect("div.meta.submitted span[property='dc:date dc:created']")[0]
        assert created.get("content") == post["published_at"]
        assert page(post["shortlink"]).cssselect("h1#page-title")
    assert doc.cssselect("#sidebar-first #block-node-recent li a")


def test_bartik_markup_and_node_address(mirror: MirrorServer, used: set[int]) -> None:
    record = mirror.migrate([pick(mirror, used)["index"]])[0]
    url, nid = record["url"], record["nid"]
    assert re.fullmatch(re.escape(mirror.successor_url or "") + r"/tin-tuc/[a-z0-9-]+", url)
    status, _, slug_body = fetch(url)
    node_status, _, node_body = fetch(f"{mirror.successor_url}/node/{nid}")
    assert status == node_status == 200 and slug_body == node_body
    doc = lxml.html.fromstring(slug_body)
    assert doc.cssselect('meta[name="Generator"]')[0].get("content") == "Drupal 7 (http://drupal.org)"
    assert doc.cssselect('link[rel="shortlink"]')[0].get("href") == f"/node/{nid}"
    assert mirror.successor_url + doc.cssselect('link[rel="canonical"]')[0].get("href") == url
    assert doc.cssselect("#page-wrapper #page #header #main-menu ul#main-menu-links.links")
    assert doc.cssselect("#main-wrapper #main #content div.region.region-content #block-system-main")
    node = doc.cssselect(f"div#node-{nid}.node.node-article")[0]
    assert node.cssselect("div.meta.submitted") and node.cssselect("div.content.clearfix")
    assert node.cssselect("div.field.field-name-body.field-type-text-with-summary.field-label-hidden")
    assert "node-type-article" in doc.body.get("class")
    assert "gva-body-page" not in slug_body.decode() and "node--type-article" not in slug_body.decode()
    assert text(doc.cssselect("h1#page-title")[0]) == record["title"]
    paragraphs = [text(p) for p in node.cssselect("div.field-name-body div.field-item > p")]
    for paragraph in record["body"]:
        assert paragraph in paragraphs
    lead = paragraphs[0]
    assert lead.endswith(record["summary"])
    if record["dateline"]:
        assert lead.startswith(record["dateline"])
    status, _, _ = fetch(f"{mirror.successor_url}/tin-tuc/khong-co-bai-nay")
    assert status == 404


def test_migrate_redirect(mirror: MirrorServer, used: set[int]) -> None:
    before = pick(mirror, used, attachment=True)
    old_sitemap = sitemap(mirror.url + "/sitemap.xml")
    record = mirror.migrate([before["index"]], old="redirect")[0]
    assert record["host"] == "successor" and record["migrated"] is True
    assert record["successor_url"] == record["url"] and record["old_url"] == before["url"]
    assert record["old_http_status"] == 301 and record["title"] == before["title"]
    assert record["published_at"][:10] == before["published_at"][:10]
    assert record["summary"] == before["summary"] and record["body"] == before["body"]
    for old in before["urls"]:
        status, headers, _ = fetch(old)
        assert status == 301 and headers["location"] == record["url"], old
    assert set(before["urls"]) <= set(record["redirects_from"])
    # the old host's lists drop it; the successor's have it, dated
    assert before["url"] not in sitemap(mirror.url + "/sitemap.xml")
    listings = next(
        c["listings"] for c in mirror.info()["categories"] if c["slug"] == before["category_slug"]
    )
    old_path = urlsplit(before["url"]).path.encode()
    shown = [listing for listing in listings if old_path in fetch(listing)[2]]
    assert shown == [] and (old_path in fetch(listings[-1])[2]) is False
    if not before["url"].startswith(mirror.url + "/wps/"):
        assert before["url"] in old_sitemap
    assert before["url"].encode() not in fetch(mirror.url + "/rss.xml")[2]
    assert sitemap(mirror.successor_url + "/sitemap.xml")[record["url"]].startswith(
        (record["updated_at"] or record["published_at"])[:10]
    )
    assert record["url"].encode() in fetch(mirror.successor_url + "/rss.xml")[2]
    # the attached file, under /sites/default/files/YYYY-MM/, the same bytes
    new_file, old_file = record["attachments"][0], before["attachments"][0]
    assert re.match(
        re.escape(mirror.successor_url or "") + r"/sites/default/files/\d{4}-\d\d/", new_file["url"]
    )
    assert new_file["name"] == old_file["name"]
    status, _, content = fetch(new_file["url"])
    assert status == 200 and content == fetch(old_file["url"])[2] and len(content) == new_file["size"]
    link = page(record["url"]).cssselect("div.field-name-field-file span.file a")[0]
    assert mirror.successor_url + link.get("href") == new_file["url"]


@pytest.mark.parametrize("status", [410, 404])
def test_migrate_gone(mirror: MirrorServer, used: set[int], status: int) -> None:
    before = pick(mirror, used)
    record = mirror.migrate([before["index"]], old="gone", status=status)[0]
    assert record["old_http_status"] == status and record["host"] == "successor"
    assert fetch(before["url"])[0] == status
    assert fetch(record["url"])[0] == 200
    assert before["url"] not in sitemap(mirror.url + "/sitemap.xml")
    assert before["url"] not in record["redirects_from"]


def test_migrate_keep(mirror: MirrorServer, used: set[int]) -> None:
    before = pick(mirror, used)
    record = mirror.migrate([before["index"]], old="keep")[0]
    assert record["old_http_status"] == 200
    assert fetch(before["url"])[0] == 200 and fetch(record["url"])[0] == 200
    assert before["url"] in record["urls"] and record["url"] in record["urls"]
    if not before["url"].startswith(mirror.url + "/wps/"):
        assert before["url"] in sitemap(mirror.url + "/sitemap.xml")
    assert record["url"] in sitemap(mirror.successor_url + "/sitemap.xml")


def test_migrate_refusals(mirror: MirrorServer, used: set[int]) -> None:
    from mirror.client import MirrorError

    index = pick(mirror, used)["index"]
    with pytest.raises(MirrorError):
        mirror.migrate([index], old="sideways")
    mirror.migrate([index], old="keep")
    with pytest.raises(MirrorError):
        mirror.migrate([index])


def test_listing_front_robots_and_log(mirror: MirrorServer) -> None:
    base = mirror.successor_url
    mirror.reset_log()
    total = mirror.successor_info()["migrated"] + 8
    rows: list[str] = []
    pages = -(-total // 10)
    for n in range(pages):
        doc = page(f"{base}/tin-tuc" + (f"?page={n}" if n else ""))
        teasers = doc.cssselect("div.view-tin-tuc div.views-row div.node.node-teaser h2 a")
        assert len(teasers) == (10 if n < pages - 1 else total - 10 * n)
        rows += [t.get("href") for t in teasers]
        assert bool(doc.cssselect("ul.pager li.pager-next a")) == (n < pages - 1)
    assert len(set(rows)) == total
    in_sitemap = {urlsplit(u).path for u in sitemap(base + "/sitemap.xml")}
    assert set(rows) <= in_sitemap
    front = page(base + "/")
    assert len(front.cssselect("div.node.node-teaser")) == 10 and "front" in front.body.get("class")
    status, _, robots = fetch(base + "/robots.txt")
    assert status == 200 and f"Sitemap: {base}/sitemap.xml".encode() in robots
    fetch(mirror.url + "/")
    hosts = {(e["target"], e["host"]) for e in mirror.log()}
    assert ("/tin-tuc?page=1", "successor") in hosts and ("/", "old") in hosts and ("/", "successor") in hosts


def test_move_site_redirect() -> None:
    with MirrorServer(articles=30, layout="mixed", successor=True) as mirror:
        before = mirror.articles("live")
        gone = before[3]
        mirror.take_down(gone["index"], status=410)
        kept = mirror.migrate([before[5]["index"]], old="keep")[0]
        info = mirror.move_site("redirect")
        assert info["mode"] == "redirect" and info["migrated"] == len(before) - 1
        after = {r["index"]: r for r in mirror.articles()}
        for record in before:
            if record["index"] == gone["index"]:
                assert after[gone["index"]]["host"] == "old"
                continue
            moved = after[record["index"]]
            assert moved["host"] == "successor" and moved["migrated"] and moved["old_http_status"] == 301
            for old in record["urls"]:
                status, headers, _ = fetch(old)
                assert status == 301 and headers["location"] == moved["url"], old
        assert fetch(kept["old_url"])[1]["location"] == kept["url"]
        base = mirror.successor_url
        for path, target in [
            ("/thong-bao", "/"),
            ("/wps/portal/Home", "/"),
            ("/robots.txt", "/robots.txt"),
            ("/sitemap.xml", "/sitemap.xml"),
            ("/no-such-page", "/"),
            (urlsplit(gone["url"]).path, "/"),
        ]:
            status, headers, _ = fetch(mirror.url + path)
            assert status == 301 and headers["location"] == f"{base}{target}", path
        with_file = next(r for r in before if r["attachments"] and r["index"] != gone["index"])
        status, headers, _ = fetch(with_file["attachments"][0]["url"])
        assert status == 301 and headers["location"] == after[with_file["index"]]["attachments"][0]["url"]
        assert len(sitemap(base + "/sitemap.xml")) == 2 + 8 + len(before) - 1
        assert all(e["status"] == 301 for e in mirror.log() if e["host"] == "old")


def test_move_site_down() -> None:
    with MirrorServer(articles=30, successor=True) as mirror:
        old_url, record = mirror.url, mirror.article(2)
        assert fetch(record["url"])[0] == 200
        info = mirror.move_site("down")
        assert info["mode"] == "down" and mirror.control_url == mirror.successor_url
        with pytest.raises(OSError):
            fetch(old_url + "/")
        moved = mirror.article(2)  # the control endpoint answers through the successor
        assert moved["host"] == "successor" and moved["old_http_status"] is None
        assert fetch(moved["url"])[0] == 200 and moved["url"] not in moved["urls"][2:]
        assert record["url"] not in moved["urls"]
        assert mirror.info()["successor_url"] == mirror.successor_url
