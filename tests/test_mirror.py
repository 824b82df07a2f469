"""The mirror over real HTTP: contract classes, addresses, paging, validators, mutations, faults."""

from __future__ import annotations

import http.client
import socket
import time
from collections.abc import Iterator
from datetime import datetime
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import pytest

from mirror import FaultRule, Site, generate_articles
from mirror.client import MirrorError
from mirror.files import MIME_TYPES
from mirror.testing import MirrorServer
from scraper.parsers.document import read_document
from tests.documents import needs_font
from tests.mirror_http import SITEMAP_NS, fetch, page, text

pytestmark = pytest.mark.crawl  # every test here serves a mirror over HTTP


def contact_block_present(doc: lxml.html.HtmlElement) -> None:
    rows = doc.cssselect("table.table-customize tr")
    assert len(rows) == 3
    assert [text(p) for p in rows[0].cssselect("p")] == [
        "Bà Phạm Thu Hồng (Chánh Văn phòng Sở)",
        "Điện thoại: 0296.6.522.225",
        "Email: sotttt@angiang.gov.vn",
    ]
    assert text(rows[1].cssselect("p")[1]) == "Điện thoại: 0296.3.957.049 - 0378.247.247"
    assert any(".table-customize" in (s.text or "") for s in doc.iter("style"))
    assert doc.xpath("//script")
    assert "Copyright © 2018 sotttt.angiang.gov.vn. All Rights Reserved ." in text(doc)


@pytest.fixture(scope="module")
def drupal() -> Iterator[MirrorServer]:
    with MirrorServer(articles=70, layout="drupal_gavias", seed=3) as server:
        yield server


@pytest.fixture(scope="module")
def wps() -> Iterator[MirrorServer]:
    with MirrorServer(articles=90, layout="wps2018", seed=4) as server:
        yield server


@pytest.fixture(scope="module")
def mixed() -> Iterator[MirrorServer]:
    with MirrorServer(articles=60, layout="mixed", seed=5) as server:
        yield server


@pytest.fixture
def fresh() -> Iterator[MirrorServer]:
    """A server of its own, for tests that change the site."""
    with MirrorServer(articles=45, layout="drupal_gavias", seed=6) as server:
        yield server


# ---- pages follow docs/layouts.md --------------------------------------------------------------
def test_drupal_article_page_matches_contract_and_truth(drupal: MirrorServer) -> None:
    truth = next(t for t in drupal.articles("live") if t["attachments"] and t["images"] and t["authors"])
    doc = page(truth["url"])
    assert text(doc.cssselect("article.node--type-article h1.post-title")[0]) == truth["title"]
    assert doc.cssselect('link[rel="canonical"]')[0].get("href") == truth["url"]
    assert doc.cssselect('link[rel="shortlink"]')[0].get("href") == truth["shortlink"]
    assert text(doc.cssselect(".post-meta .post-categories a")[0]) == truth["category"]
    published = datetime.fromisoformat(truth["published_at"])
    assert published.strftime("%d/%m/%Y - %H:%M") in text(doc.cssselect("span.post-created")[0])
    paragraphs = [text(p) for p in doc.cssselect("div.field--name-body > p") if text(p)]
    lead = paragraphs[0]
    assert lead.endswith(truth["summary"])
    if truth["dateline"]:
        assert lead.startswith(truth["dateline"])
    assert paragraphs[-1] == truth["byline"]
    assert truth["byline"] in {f" {dash} ".join(truth["authors"]) for dash in "–-"}
    assert paragraphs[1:-1] == truth["body"]
    assert text(doc.cssselect("figure figcaption")[0]) == truth["images"][-1]["caption"]
    pdf = doc.cssselect('div.field--name-field-file a[type="application/pdf"]')[0]
    assert urljoin(truth["url"], pdf.get("href")) == truth["attachments"][0]["url"]
    assert text(pdf) == truth["attachments"][0]["name"]
    assert [text(a) for a in doc.cssselect(".field--name-field-tags a")] == truth["tags"]
    assert f"Lượt xem: {truth['views']}" in text(doc)
    same_category = [t for t in drupal.articles("live") if t["category"] == truth["category"]]
    assert len(doc.cssselect(".views-block-tin-lien-quan li")) == min(5, len(same_category) - 1)
    assert text(doc.cssselect(".site-branding")[0]) == "sở thông tin & truyền thông tỉnh an giang"
    contact_block_present(doc)


def test_wps_article_page_matches_contract_and_truth(wps: MirrorServer) -> None:
    truth = next(t for t in wps.articles("live") if t["images"] and t["authors"])
    doc = page(truth["url"])
    assert text(doc.cssselect(".chitiettin h1.tieude")[0]) == truth["title"]
    assert text(doc.cssselect("h2.page-title")[0]) == truth["title"]
    assert text(doc.cssselect(".chitiettin .mota p")[0]) in {
        f"{truth['dateline']} {dash} {truth['summary']}" for dash in "–-"
    }
    body = [p for p in doc.cssselect(".chitiettin .noidung > p") if text(p)]
    assert text(body[-1]) == truth["byline"]
    assert body[-1].get("style") == "text-align:right"
    captions = [text(p) for p in body if p.xpath("./em") and not p.xpath("./text()[normalize-space()]")]
    assert captions == [truth["images"][0]["caption"]]
    plain = [text(p) for p in body[:-1] if not p.xpath(".//img|./em|.//a")]
    assert plain == truth["body"]
    assert text(doc.cssselect("ul.breadcrumb li a")[-1]) == truth["category"]
    base = doc.cssselect("base")[0].get("href")
    assert base.startswith(truth["url"] + "/!ut/p/z1/") and base.endswith("/dz/d5/L2dBISEvZ0FBIS9nQSEh/")
    assert len(doc.cssselect(".tinlienquan li")) == 5
    contact_block_present(doc)


def test_wps_state_variant_serves_the_same_article(wps: MirrorServer) -> None:
    truth = wps.article(10)
    plain, variant = truth["urls"]
    assert "/!ut/p/z1/" in variant and variant.startswith(plain)
    first, second = fetch(plain), fetch(variant)
    assert first[0] == second[0] == 200
    assert first[2] == second[2] and first[1]["etag"] == second[1]["etag"]
    listing = page(wps.info()["categories"][0]["listings"][0])
    item = listing.cssselect(".danhsachtin .tin-item")[0]
    href, alt = item.cssselect("h3.tieude a")[0].get("href"), item.cssselect("a.anh")[0].get("href")
    assert alt.startswith(href + "/!ut/p/z1/")
    assert fetch(urljoin(wps.url, alt))[2] == fetch(urljoin(wps.url, href))[2]


def test_wps_root_redirects_to_the_portal_home(wps: MirrorServer) -> None:
    status, headers, _ = fetch(wps.url + "/")
    assert (status, headers["location"]) == (302, wps.url + "/wps/portal/Home")
    assert wps.info()["sitemap"] is None and fetch(wps.url + "/sitemap.xml")[0] == 404


def test_node_shortlink_serves_the_alias_page_and_is_linked(drupal: MirrorServer) -> None:
    truth = drupal.article(30)
    assert fetch(truth["shortlink"])[2] == fetch(truth["url"])[2]
    related = page(truth["url"]).cssselect(".views-block-tin-lien-quan li a")
    node_href = related[0].get("href")
    assert node_href.startswith("/node/")
    linked = next(t for t in drupal.articles() if t["shortlink"] == drupal.url + node_href)
    assert fetch(drupal.url + node_href)[2] == fetch(linked["url"])[2]


# ---- listings ------------------------------------------------------------------------------------
def walk_listing(first: str, teaser_css: str, next_css: str) -> list[list[str]]:
    """Every page's teaser links (absolute), following the pager's next link."""
    pages, url = [], first
    while url:
        doc = page(url)
        base = doc.cssselect("base")[0].get("href") if doc.cssselect("base") else url
        pages.append([urljoin(base, a.get("href")) for a in doc.cssselect(teaser_css)])
        nxt = doc.cssselect(next_css)
        url = urljoin(base, nxt[0].get("href")) if nxt else None
        assert len(pages) < 50
    return pages


@pytest.mark.parametrize(
    ("layout", "teaser_css", "next_css"),
    [
        ("drupal", ".view-content .views-row h3.post-title a[rel=bookmark]", "li.pager__item--next a"),
        ("wps", ".danhsachtin .tin-item h3.tieude a", "ul.phantrang li.next a"),
    ],
)
def test_pagination_has_20_a_page_and_covers_every_article_once(
    request: pytest.FixtureRequest, layout: str, teaser_css: str, next_css: str
) -> None:
    server: MirrorServer = request.getfixturevalue(layout)
    seen: list[str] = []
    paged = 0
    for category in server.info()["categories"]:
        pages = walk_listing(category["listings"][0], teaser_css, next_css)
        assert all(len(p) == 20 for p in pages[:-1]) and 0 <= len(pages[-1]) <= 20
        paged += len(pages) > 1
        seen += [urlsplit(u)._replace(query="").geturl() for p in pages for u in p]
    assert paged >= 1
    live = [t["url"] for t in server.articles("live")]
    assert len(seen) == len(set(seen)) == len(live)
    assert set(seen) == set(live)


def test_listing_is_newest_first_with_dates(drupal: MirrorServer) -> None:
    doc = page(drupal.url + "/tin-tuc-su-kien")
    dates = [datetime.strptime(text(s), "%d/%m/%Y") for s in doc.cssselect(".views-row span.post-created")]
    assert len(dates) == 20 and dates == sorted(dates, reverse=True)
    assert fetch(drupal.url + "/tin-tuc-su-kien?page=0")[2] == fetch(drupal.url + "/tin-tuc-su-kien")[2]
    assert fetch(drupal.url + "/tin-tuc-su-kien?page=99")[0] == 404


def test_mixed_site_has_both_layouts_and_both_listings(mixed: MirrorServer) -> None:
    truths = mixed.articles()
    assert {t["layout"] for t in truths[:30]} == {"wps2018"}
    assert {t["layout"] for t in truths[30:]} == {"drupal_gavias"}
    home = page(mixed.url + "/")
    assert home.cssselect('nav.gva-navigation a[href="/wps/portal/Home"]')
    old = page(mixed.url + "/wps/portal/Home")
    assert old.cssselect(".danhsachtin .tin-item")
    old_urls = {t["url"] for t in truths if t["layout"] == "wps2018"}
    for category in mixed.info()["categories"]:
        drupal_listing, wps_listing = category["listings"]
        assert urlsplit(drupal_listing).path.count("/") == 1 and "/wps/" in wps_listing
        wps_links = walk_listing(wps_listing, ".tin-item h3.tieude a", "li.next a")
        assert {u for p in wps_links for u in p} <= old_urls
    assert page(truths[0]["url"]).cssselect(".chitiettin h1.tieude")
    assert page(truths[-1]["url"]).cssselect("article.node--type-article h1.post-title")


# ---- validators ---------------------------------------------------------------------------------
def test_conditional_requests_answer_304(drupal: MirrorServer) -> None:
    url = drupal.url_of(5)
    status, headers, body = fetch(url)
    assert (
        status == 200
        and body
        and headers["etag"].startswith('"')
        and headers["last-modified"].endswith("GMT")
    )
    status, again, body = fetch(url, {"If-None-Match": headers["etag"]})
    assert (status, body, again["etag"]) == (304, b"", headers["etag"])
    assert fetch(url, {"If-Modified-Since": headers["last-modified"]})[0] == 304
    assert fetch(url, {"If-Modified-Since": "Mon, 01 Jan 2018 00:00:00 GMT"})[0] == 200
    assert fetch(url, {"If-None-Match": '"other"', "If-Modified-Since": headers["last-modified"]})[0] == 200
    for path in ("/", "/robots.txt", "/rss.xml", "/sitemap.xml", "/thong-bao"):
        status, headers, _ = fetch(drupal.url + path)
        assert status == 200 and "etag" in headers and "last-modified" in headers


def test_head_gives_headers_without_body(drupal: MirrorServer) -> None:
    _, get_headers, body = fetch(drupal.url_of(2))
    status, headers, empty = fetch(drupal.url_of(2), method="HEAD")
    assert (status, empty) == (200, b"")
    assert headers["content-length"] == str(len(body)) and headers["etag"] == get_headers["etag"]


def test_unknown_address_is_a_404_page(drupal: MirrorServer) -> None:
    status, headers, body = fetch(drupal.url + "/khong-co-trang-nay")
    assert status == 404 and headers["content-type"].startswith("text/html")
    assert "Không tìm thấy trang" in body.decode()


# ---- robots, feeds, files -------------------------------------------------------------------------
def test_robots_txt_and_trap_link(drupal: MirrorServer, wps: MirrorServer) -> None:
    robots = fetch(drupal.url + "/robots.txt")[2].decode()
    for rule in ("/admin/", "/search/", "/user/", "/node/add/", "/*?q="):
        assert f"Disallow: {rule}\n" in robots
    assert f"Sitemap: {drupal.url}/sitemap.xml" in robots
    assert page(drupal.url + "/").cssselect('a[href="/user/login"]')
    assert "Disallow: /wps/myportal/\n" in fetch(wps.url + "/robots.txt")[2].decode()
    assert page(wps.url + "/wps/portal/Home").cssselect('a[href="/wps/myportal/Home"]')
    assert drupal.info()["traps"] == [drupal.url + "/user/login"]


def test_sitemap_lists_every_live_article_with_lastmod(drupal: MirrorServer) -> None:
    root = lxml.etree.fromstring(fetch(drupal.url + "/sitemap.xml")[2])
    lastmod = {
        u.findtext("s:loc", namespaces=SITEMAP_NS): u.findtext("s:lastmod", namespaces=SITEMAP_NS)
        for u in root
    }
    live = drupal.articles("live")
    for truth in live:
        assert lastmod[truth["url"]] == (truth["updated_at"] or truth["published_at"])
    assert set(lastmod) == {t["url"] for t in live} | {drupal.url + "/"}


def test_rss_has_the_20_newest(drupal: MirrorServer) -> None:
    root = lxml.etree.fromstring(fetch(drupal.url + "/rss.xml")[2])
    links = [item.findtext("link") for item in root.iter("item")]
    newest = sorted(drupal.articles("live"), key=lambda t: (t["published_at"], t["index"]), reverse=True)
    assert links == [t["url"] for t in newest[:20]]


@needs_font
def test_attachments_are_official_documents_of_the_stated_size(drupal: MirrorServer) -> None:
    with_files = [t for t in drupal.articles() if t["attachments"]]
    assert with_files
    formats = set()
    for truth in with_files:
        attachment = truth["attachments"][0]
        status, headers, body = fetch(attachment["url"])
        named = MIME_TYPES[attachment["name"][attachment["name"].rfind(".") :]]
        assert (status, headers["content-type"], len(body)) == (200, named, attachment["size"])
        document = read_document(body)
        formats.add(document.format)
        assert document.format == truth["document"]["format"]
        assert document.text_quality == "ok"
        found = {k: v for k, v in document.to_dict().items() if k in truth["document"] and k != "format"}
        assert found == {k: v for k, v in truth["document"].items() if k != "format"}
        assert f"số {truth['document']['number']} ngày" in truth["body"][-1]
    assert formats == {"pdf", "docx"}


@needs_font
def test_a_replaced_document_changes_its_bytes_and_its_text_only_when_corrected(drupal: MirrorServer) -> None:
    truth = [t for t in drupal.articles() if t["attachments"]][-1]
    url = truth["attachments"][0]["url"]
    before = fetch(url)[2]
    drupal.replace_document(truth["index"], "bytes")
    reencoded = fetch(url)[2]
    drupal.replace_document(truth["index"], "text")
    corrected = fetch(url)[2]
    assert len({before, reencoded, corrected}) == 3
    assert read_document(reencoded).text == read_document(before).text
    assert "đính chính lần 1" in read_document(corrected).text


def test_20000_articles_generate_in_seconds_with_unique_titles_and_slugs() -> None:
    started = time.perf_counter()
    _, articles = generate_articles(1, 20_000, "mixed")
    assert time.perf_counter() - started < 15
    assert len({a.title for a in articles}) == len({a.slug for a in articles}) == 20_000
    assert len({a.path for a in articles}) == len({a.nid for a in articles}) == 20_000


def test_same_seed_gives_the_same_bytes() -> None:
    one = Site(seed=7, articles=40, layout="mixed", base_url="http://127.0.0.1:1")
    two = Site(seed=7, articles=40, layout="mixed", base_url="http://127.0.0.1:1")
    other = Site(seed=8, articles=40, layout="mixed", base_url="http://127.0.0.1:1")
    assert one.routes.keys() == two.routes.keys()
    assert all(one.routes[k].body == two.routes[k].body for k in one.routes)
    assert one.routes["/"].body != other.routes["/"].body
    assert generate_articles(7, 40, "mixed")[1][12].title == one.articles[12].title


def test_same_seed_over_http_serves_the_same_pages() -> None:
    with MirrorServer(articles=20, seed=9) as one, MirrorServer(articles=20, seed=9) as two:
        for index in (0, 19):
            first, second = fetch(one.url_of(index))[2], fetch(two.url_of(index))[2]
            assert first.replace(one.url.encode(), b"BASE") == second.replace(two.url.encode(), b"BASE")


# ---- mutations ----------------------------------------------------------------------------------
def test_edit_changes_page_etag_last_modified_and_sitemap(fresh: MirrorServer) -> None:
    newest = len(fresh.articles()) - 1
    before = fetch(fresh.url_of(newest))
    truth = fresh.edit(newest, title="Tiêu đề đã sửa về biên giới", body=["Đoạn một.", "Đoạn hai."])
    after = fetch(truth["url"])
    assert after[1]["etag"] != before[1]["etag"]
    assert http_time(after[1]["last-modified"]) > http_time(before[1]["last-modified"])
    assert fetch(truth["url"], {"If-None-Match": before[1]["etag"]})[0] == 200
    doc = lxml.html.fromstring(after[2])
    assert text(doc.cssselect("h1.post-title")[0]) == "Tiêu đề đã sửa về biên giới"
    assert [text(p) for p in doc.cssselect(".field--name-body > p") if text(p)][1:3] == [
        "Đoạn một.",
        "Đoạn hai.",
    ]
    sitemap = lxml.etree.fromstring(fetch(fresh.url + "/sitemap.xml")[2])
    lastmod = {
        u.findtext("s:loc", namespaces=SITEMAP_NS): u.findtext("s:lastmod", namespaces=SITEMAP_NS)
        for u in sitemap
    }
    assert lastmod[truth["url"]] == truth["updated_at"]
    listing = page(fresh.url + "/" + truth["category_slug"])
    assert text(listing.cssselect("h3.post-title a")[0]) == "Tiêu đề đã sửa về biên giới"
    assert truth["updated_at"] > truth["published_at"] and "updated" in truth["features"]


def test_take_down_answers_404_or_410_and_leaves_listings(fresh: MirrorServer) -> None:
    newest = fresh.articles()[-1]
    gone = fresh.take_down(newest["index"], 410)
    assert (gone["status"], gone["http_status"]) == ("gone", 410)
    assert fetch(newest["url"])[0] == 410 and fetch(newest["shortlink"])[0] == 410
    assert newest["url"] not in fetch(fresh.url + "/rss.xml")[2].decode()
    assert urlsplit(newest["url"]).path not in fetch(fresh.url + "/" + newest["category_slug"])[2].decode()
    other = fresh.take_down(3)
    assert fetch(other["url"])[0] == 404


def test_move_answers_301_to_the_new_address(fresh: MirrorServer) -> None:
    old = fresh.article(12)
    moved = fresh.move(12, path="/tin-tuc-su-kien/bai-viet-da-chuyen")
    assert moved["url"] == fresh.url + "/tin-tuc-su-kien/bai-viet-da-chuyen"
    assert moved["redirects_from"] == [old["url"]] and moved["status"] == "live"
    status, headers, _ = fetch(old["url"])
    assert (status, headers["location"]) == (301, moved["url"])
    doc = page(moved["url"])
    assert doc.cssselect('link[rel="canonical"]')[0].get("href") == moved["url"]
    again = fresh.move(12)
    assert again["url"] == old["url"] + "-2"
    assert again["redirects_from"] == [old["url"], moved["url"]]
    assert fetch(old["url"])[1]["location"] == fetch(moved["url"])[1]["location"] == again["url"]


def test_added_articles_come_first_everywhere(fresh: MirrorServer) -> None:
    count = len(fresh.articles())
    added = fresh.add(3, category="thong-bao")
    assert [a["index"] for a in added] == [count, count + 1, count + 2]
    assert fresh.url_of(count + 2) == added[2]["url"]
    top = page(fresh.url + "/thong-bao").cssselect("h3.post-title a")
    assert [fresh.url + a.get("href") for a in top[:3]] == [a["url"] for a in reversed(added)]
    rss = fetch(fresh.url + "/rss.xml")[2].decode()
    assert rss.index(added[2]["url"]) < rss.index(added[0]["url"])
    assert added[0]["url"] in fetch(fresh.url + "/sitemap.xml")[2].decode()
    assert fetch(added[1]["url"])[0] == 200


def test_set_layout_rerenders_one_article(fresh: MirrorServer) -> None:
    shortlink = fresh.article(20)["shortlink"]
    truth = fresh.set_layout(20, "wps2018")
    doc = page(truth["url"])
    assert text(doc.cssselect(".chitiettin h1.tieude")[0]) == truth["title"]
    assert not doc.cssselect("article.node--type-article")
    expected = "minute" if "dateline_time_first" in truth["features"] else "day"
    assert (truth["layout"], truth["published_precision"]) == ("wps2018", expected)
    assert truth["shortlink"] is None and fetch(shortlink)[0] == 404


def test_bad_control_requests_are_refused(fresh: MirrorServer) -> None:
    with pytest.raises(MirrorError, match="404"):
        fresh.article(10_000)
    with pytest.raises(MirrorError, match="400"):
        fresh.take_down(1, 500)
    with pytest.raises(MirrorError, match="400"):
        fresh.set_layout(1, "joomla")


# ---- log, faults, latency ----------------------------------------------------------------------
def test_request_log_records_requests_but_not_control_calls(fresh: MirrorServer) -> None:
    fresh.reset_log()
    url = fresh.url_of(4)
    fetch(url, {"User-Agent": "sotttt-test/1.0", "If-None-Match": '"x"'})
    fetch(fresh.url + "/user/login")
    fresh.articles()
    entries = fresh.log()
    assert [(e["method"], e["target"], e["status"]) for e in entries] == [
        ("GET", urlsplit(url).path, 200),
        ("GET", "/user/login", 200),
    ]
    assert entries[0]["headers"] == {
        "user-agent": "sotttt-test/1.0",
        "if-none-match": '"x"',
        "accept-encoding": "identity",
    }
    assert [e["disallowed"] for e in entries] == [False, True]
    fresh.reset_log()
    assert fresh.log() == []


def test_503_with_retry_after_for_the_first_requests_of_a_path(fresh: MirrorServer) -> None:
    url = fresh.url_of(6)
    fresh.set_faults([FaultRule("503", path=urlsplit(url).path, times=2)])
    try:
        first, second, third = fetch(url), fetch(url), fetch(url)
        assert (first[0], first[1]["retry-after"], second[0], third[0]) == (503, "1", 503, 200)
        assert fetch(fresh.url_of(7))[0] == 200
    finally:
        fresh.clear_faults()


def test_reset_stall_and_500_faults(fresh: MirrorServer) -> None:
    fresh.set_faults(
        [
            FaultRule("reset", path="/thong-bao"),
            FaultRule("stall", path="/van-ban", seconds=3),
            FaultRule("500", share=1.0),
        ]
    )
    try:
        with pytest.raises((ConnectionError, http.client.RemoteDisconnected)):
            fetch(fresh.url + "/thong-bao")
        started = time.monotonic()
        with pytest.raises((TimeoutError, socket.timeout)):
            fetch(fresh.url + "/van-ban", timeout=0.5)
        assert time.monotonic() - started < 2
        assert fetch(fresh.url_of(1))[0] == 500
        assert fetch(fresh.url + "/robots.txt")[0] == 200
        faults = [(e["target"], e["fault"]) for e in fresh.log()[-4:]]
        assert ("/thong-bao", "reset") in faults and ("/van-ban", "stall") in faults
    finally:
        fresh.clear_faults()
    assert fetch(fresh.url + "/thong-bao")[0] == 200


def test_faults_and_latency_given_on_the_command_line() -> None:
    rule = FaultRule("503", prefix="/thong-bao", times=1, retry_after=2)
    with MirrorServer(articles=20, faults=[rule], latency_ms=50) as server:
        assert server.info()["faults"] == [rule.to_dict()] and server.info()["latency_ms"] == 50
        first = fetch(server.url + "/thong-bao")
        assert (first[0], first[1]["retry-after"]) == (503, "2")
        assert fetch(server.url + "/thong-bao")[0] == 200


def test_share_of_pages_is_stable_and_roughly_that_share(fresh: MirrorServer) -> None:
    fresh.set_faults([FaultRule("503", share=0.3)])
    try:
        urls = [t["url"] for t in fresh.articles("live")]
        first = [fetch(u)[0] for u in urls]
        assert first == [fetch(u)[0] for u in urls]
        assert 0.1 < first.count(503) / len(first) < 0.5 and set(first) == {200, 503}
    finally:
        fresh.clear_faults()


def test_latency_is_added_to_every_response(fresh: MirrorServer) -> None:
    fresh.set_latency(150)
    try:
        started = time.monotonic()
        assert fetch(fresh.url + "/robots.txt")[0] == 200
        assert time.monotonic() - started >= 0.15
    finally:
        fresh.set_latency(0)


def http_time(value: str) -> datetime:
    return datetime.strptime(value, "%a, %d %b %Y %H:%M:%S GMT")
