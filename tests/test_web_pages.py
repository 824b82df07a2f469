"""The pages as HTML from the running server: what the database holds, found, highlighted, diffed,
paged, announced feeds, hostile text inert, plain error pages, a 503 for a database that is not there."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import httpx
import pytest
from conftest import EDITED_TITLE, CrawledSite
from lxml import html

from scraper.content.untrusted import printable
from scraper.storage import Store, queries
from scraper.storage.queries import Window
from scraper.timezone import SITE_TZ
from tests.web_server import free_port, serving

UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FEEDS = ["/feeds/changes.atom", "/feeds/topics/border.atom"]
EVER = Window(datetime(2000, 1, 1, tzinfo=SITE_TZ))


def page(web_url: str, path: str, status: int = 200) -> html.HtmlElement:
    response = httpx.get(f"{web_url}{path}", timeout=10)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "Traceback" not in response.text
    return html.fromstring(response.text)


def texts(tree: html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in tree.xpath(xpath)]


def rows(tree: html.HtmlElement, table: str) -> list[list[str]]:
    """The cells of each row of the body of the table at ``table`` (an XPath)."""
    return [texts(row, "td") for row in tree.xpath(f"{table}/tbody/tr")]


def shown(title: str) -> str:
    """A title as a page shows it: without control characters, its spaces collapsed."""
    return " ".join(printable(title).split())


@pytest.fixture(scope="module")
def stored(crawled_site: CrawledSite) -> dict[str, list[str]]:
    """What the database holds: every title newest first, the border topic's newest, two articles' ids."""
    with Store.open(crawled_site.database_url, upgrade=False) as store, store.reading() as session:
        edited = queries.article(session, crawled_site.edited_url)
        hostile = queries.article(session, crawled_site.hostile_url)
        assert edited is not None and hostile is not None
        return {
            "titles": [shown(a.title) for a in queries.new_articles(session, EVER, 100)],
            "border": [shown(a.title) for a in queries.topic_articles(session, "border", 5)],
            "ids": [str(edited.id), str(hostile.id)],
            "urls": queries.urls(session, edited.id),
        }


def test_what_is_new_lists_the_articles_newest_first_page_by_page(web_url: str, stored) -> None:
    first = page(web_url, "/?since=2000-01-01")
    assert texts(first, "//table[@class='list']/tbody/tr/td[2]/a") == stored["titles"][:20]
    assert "40 bài đăng từ 2000-01-01 00:00" in texts(first, "//p[@class='meta']")[0]
    [following] = first.xpath("//a[@rel='next']/@href")
    assert following == "/?since=2000-01-01&offset=20" and not first.xpath("//a[@rel='prev']")
    second = page(web_url, following)
    assert texts(second, "//table[@class='list']/tbody/tr/td[2]/a")[:20] == stored["titles"][20:40]
    assert second.xpath("//a[@rel='prev']/@href") == ["/?since=2000-01-01&offset=0"]
    border = page(web_url, "/?since=2000-01-01&topic=border&limit=100")
    listed = texts(border, "//table[@class='list']/tbody/tr/td[2]/a")
    assert set(stored["border"]) <= set(listed) and 5 < len(listed) < 40
    assert border.xpath("//select[@name='topic']/option[@selected]/@value") == ["border"]


def test_search_without_diacritics_highlights_the_words(web_url: str) -> None:
    found = page(web_url, "/search?q=bien+gioi")
    assert found.xpath("//input[@name='q']/@value") == ["bien gioi"]
    marks = {m.lower() for m in texts(found, "//li[@class='hit']//mark")}
    assert marks == {"biên giới"}
    assert len(found.xpath("//li[@class='hit']")) == 20 and found.xpath("//a[@rel='next']")
    titles = texts(found, "//li[@class='hit']/a[@class='title']")
    assert EDITED_TITLE in titles
    none = page(web_url, "/search?q=khong+co+tu+nay")
    assert "Không bài nào có “khong co tu nay”" in texts(none, "//main/p")[-1]


def test_an_article_shows_its_fields_versions_diff_log_and_addresses(web_url: str, stored) -> None:
    article = page(web_url, f"/articles/{stored['ids'][0]}")
    assert texts(article, "//h1") == [EDITED_TITLE]
    versions = texts(article, "//h3")
    assert [v.rsplit(" ", 2)[0] for v in versions] == [
        "Phiên bản 2, thấy lần đầu",
        "Phiên bản 1, thấy lần đầu",
    ]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", " ".join(v.rsplit(" ", 2)[1:])) for v in versions)
    inserted, deleted = (
        texts(article, "//div[@class='diff']//ins"),
        texts(article, "//div[@class='diff']//del"),
    )
    assert "(đã sửa)" in " ".join(inserted) and "Tăng cường" in " ".join(inserted)
    assert "giao lưu hữu nghị" in " ".join(deleted)
    log = rows(article, "//h2[text()='Nhật ký thay đổi']/following-sibling::table[1]")
    assert [row[1:] for row in log] == [["created", ""], ["updated", "title"]]
    assert texts(article, "//h2[text()='Các địa chỉ đã thấy']/following-sibling::ul[1]/li") == stored["urls"]
    assert len(stored["urls"]) >= 2


def test_hostile_text_is_inert_on_every_page(web_url: str, stored) -> None:
    hostile = stored["ids"][1]
    for path in (
        f"/articles/{hostile}",
        "/?since=2000-01-01",
        "/search?q=tieu+de",
        "/topics",
        "/changes?since=2000-01-01&limit=100",
    ):
        raw = httpx.get(f"{web_url}{path}").text
        assert "&lt;script&gt;alert(" in raw, path  # shown, as text
        assert (
            "<script" not in raw
            and "<img" not in raw
            and "onmouseover=alert" not in raw.replace("&lt;b onmouseover=alert", "")
        ), path
        assert not UNSAFE.search(raw.replace("\n", "")), path
    tree = page(web_url, f"/articles/{hostile}")
    assert texts(tree, "//h1")[0].startswith("<script>alert('tiêu đề')</script> Biên giới")
    assert all(href.startswith(("/", "http://", "https://")) for href in tree.xpath("//a/@href"))


def test_every_page_announces_the_feeds(web_url: str, stored) -> None:
    for path in (
        "/",
        "/search?q=bien",
        f"/articles/{stored['ids'][0]}",
        "/changes",
        "/topics",
        "/topics/border",
        "/runs",
        "/articles/99999",
    ):
        tree = html.fromstring(httpx.get(f"{web_url}{path}").text)
        assert tree.xpath("//head/link[@rel='alternate'][@type='application/atom+xml']/@href") == FEEDS, path
        assert tree.xpath("//head/link[@rel='stylesheet']/@href") == ["/static/style.css"]
        assert not tree.xpath("//style | //script | //*[@style]"), path  # the CSP allows none inline


def test_topics_changes_and_runs(web_url: str, stored, crawled_site: CrawledSite) -> None:
    topics = page(web_url, "/topics")
    assert texts(topics, "//section/ul/li/a") == stored["border"]
    changes = page(web_url, "/changes?since=2000-01-01&limit=100")
    listed = rows(changes, "//table[@class='list']")
    kinds = [row[1] for row in listed if row[2] != "Danh bạ liên hệ"]  # the articles', not the directory's
    assert kinds.count("created") == 40 and kinds.count("updated") == kinds.count("removed") == 1
    assert [row[2:] for row in listed if row[1] == "updated"] == [[EDITED_TITLE, "title", "sotttt"]]
    runs = page(web_url, "/runs")
    assert texts(runs, "//p[contains(@class, 'health')]")[0].endswith("finished · 9 passed")
    assert "✓ test_layout_still_known" in texts(runs, "//ul[@class='monitors']/li")
    listed = rows(runs, "//table[contains(@class, 'runs')]")
    assert [(r[0], r[3], r[7]) for r in listed] == [
        ("2", "incremental", "finished"),
        ("1", "full", "finished"),
    ]


def test_the_stylesheet_keeps_vietnamese_letters_in_one_font(web_url: str) -> None:
    css = httpx.get(f"{web_url}/static/style.css").text
    assert "font-family:system-ui,'DejaVu Sans',sans-serif" in css
    assert not re.search(r"font-family:[^;}]*monospace", css)


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/?since=tomorrow", 400, "malformed since 'tomorrow'"),
        ("/?limit=1000", 400, "limit: Input should be less than or equal to 100"),
        ("/search?q=%2C%2C", 400, "nothing to search for"),
        ("/articles/99999", 404, "no article 99999"),
        ("/articles/x", 400, "article_id: Input should be a valid integer"),
        ("/topics/nope", 404, "unknown topic 'nope'"),
        ("/nothing/here", 404, "no such page"),
    ],
)
def test_errors_are_plain_pages(web_url: str, path: str, status: int, message: str) -> None:
    tree = page(web_url, path, status)
    assert texts(tree, "//h1") == [f"Lỗi {status}"] and message in texts(tree, "//p[@class='error']")[0]


@pytest.mark.parametrize(
    "database",
    ["postgresql+psycopg://postgres@127.0.0.1:{port}/test", "sqlite:///{tmp}/no/such/folder/db.sqlite3"],
)
def test_a_database_that_cannot_be_read_is_a_503(tmp_path: Path, database: str) -> None:
    url = database.format(port=free_port(), tmp=tmp_path)
    with serving(url) as web_url:
        for path in ("/", "/articles/1", "/api/new", "/feeds/changes.atom"):
            response = httpx.get(f"{web_url}{path}")
            assert response.status_code == 503, path
            assert response.headers["retry-after"] == "60"
            assert (
                "the database cannot be read just now" in response.text and "Traceback" not in response.text
            )
        assert httpx.get(f"{web_url}/static/style.css").status_code == 200
    assert not (tmp_path / "no").exists()  # nothing made where the database should have been
