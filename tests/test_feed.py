"""``feed --topic``: Atom that a feed reader accepts, with real ids, +07:00 times, summaries, links;
crawled text cannot put markup or control characters into it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import feedparser
import pytest
from conftest import HOSTILE_TITLE, CrawledSite
from lxml import etree

from scraper.cli import main
from scraper.items import ArticleGone
from scraper.outputs.feed import atom
from scraper.storage.models import Article
from tests.store_factories import T0, crawl, fetched, record

ATOM = "{http://www.w3.org/2005/Atom}"
BORDER = "Bộ đội Biên phòng tuyên truyền về chủ quyền biên giới quốc gia."


def make_feed(capsys: pytest.CaptureFixture[str], database_url: str, target: Path, *args: str) -> bytes:
    status = main(["feed", "--topic", "border", "-o", str(target), *args, "--database-url", database_url])
    out, err = capsys.readouterr()
    assert (status, err) == (0, ""), err
    assert out.endswith(f" of topic border in {target}\n")
    return target.read_bytes()


def test_the_topic_feed_is_atom_a_reader_accepts(capsys, database_url: str, tmp_path: Path) -> None:
    crawl(
        database_url,
        fetched(record(1, body_text=BORDER, updated_at=T0 + timedelta(hours=2))),
        fetched(record(2, body_text="Hội nghị chuyển đổi số.")),
        fetched(record(3, body_text=BORDER, summary=None)),
    )
    xml = make_feed(capsys, database_url, tmp_path / "border.xml")
    parsed = feedparser.parse(xml)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.id == "tag:sotttt.angiang.gov.vn,2018:topic/border"
    assert parsed.feed.title.startswith("Biên giới, biển đảo và thông tin đối ngoại")
    assert [e.title for e in parsed.entries] == [record(1).title, record(3).title]  # newest first, no 2
    first, third = parsed.entries
    assert first.id == "tag:sotttt.angiang.gov.vn,2018:article/sotttt.angiang.gov.vn/tin-tuc/thong-bao-so-1"
    assert first.link == record(1).canonical_url
    assert first.summary == "Tóm tắt thông báo số 1."
    assert third.summary == BORDER  # no summary: the body's beginning
    assert [a.name for a in first.authors] == ["Quách Vân", "Thúy Hằng"]
    assert {t.term for t in first.tags} == {"Tin tức", "border"}

    root = etree.fromstring(xml)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}updated") for e in entries] == [
        "2025-05-09T17:25:00+07:00",
        "2025-05-06T15:25:00+07:00",
    ]
    assert entries[0].findtext(f"{ATOM}published") == "2025-05-08T15:25:00+07:00"
    assert root.findtext(f"{ATOM}updated") == "2025-05-09T17:25:00+07:00"


def test_the_feed_has_only_live_articles_and_respects_the_limit(
    capsys, database_url: str, tmp_path: Path
) -> None:
    crawl(database_url, *(fetched(record(n, body_text=BORDER)) for n in range(1, 5)))
    crawl(database_url, ArticleGone(record(1).url, 410, T0 + timedelta(days=1)))
    parsed = feedparser.parse(make_feed(capsys, database_url, tmp_path / "b.xml", "--limit", "2"))
    assert [e.title for e in parsed.entries] == [record(2).title, record(3).title]


def test_an_unknown_topic_is_one_line(capsys, tmp_path: Path) -> None:
    status = main(["feed", "--topic", "sea", "-o", str(tmp_path / "x.xml")])
    out, err = capsys.readouterr()
    assert (status, out) == (2, "")
    assert (
        err
        == "python -m scraper.cli: error: unknown topic 'sea' (topics in scraper/watchlists.toml: border)\n"
    )
    assert not (tmp_path / "x.xml").exists()


def test_crawled_markup_and_escapes_stay_text_in_the_feed(
    capsys, crawled_site: CrawledSite, tmp_path: Path
) -> None:
    xml = make_feed(capsys, crawled_site.database_url, tmp_path / "border.xml", "--limit", "100")
    assert b"\x1b" not in xml and "\x9b".encode() not in xml
    root = etree.fromstring(xml)
    assert not [e for e in root.iter() if etree.QName(e).localname in {"script", "img"}]
    [hostile] = [e for e in root.iter(f"{ATOM}entry") if "alert(" in e.findtext(f"{ATOM}title")]
    title = hostile.find(f"{ATOM}title")
    assert title.get("type") in (None, "text")
    assert title.text == "<script>alert('tiêu đề')</script> Biên giới [31mĐỎ[0m 2J"
    assert HOSTILE_TITLE.startswith(title.text[:30])
    summary = hostile.find(f"{ATOM}summary")
    assert summary.get("type") in (None, "text")
    assert summary.text == "Tóm tắt <b onmouseover=alert(2)>đậm</b> về biên giới 5m nhấp nháy"
    assert feedparser.parse(xml).bozo == 0


def test_only_http_addresses_become_links() -> None:
    article = Article(
        id=1, identity="x", url="javascript:alert(1)", title="Tiêu đề", summary="Tóm tắt",
        body_text="Nội dung", authors=[], published_at=T0, updated_at=None, first_seen=T0, category=None,
    )  # fmt: skip
    entry = etree.fromstring(atom("topic/x", "X", "https://sotttt.angiang.gov.vn", [article], {}, T0)).find(
        f"{ATOM}entry"
    )
    assert entry.findtext(f"{ATOM}title") == "Tiêu đề"
    assert entry.findall(f"{ATOM}link") == []
    assert entry.findtext(f"{ATOM}content") == "Nội dung"
