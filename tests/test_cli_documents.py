"""The documents a crawl read, as analysts ask for them: ``documents``, ``search`` by their text and
number, ``show``, ``changes``, ``export``, ``feed`` and ``report``."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser
import pytest

from mirror.testing import MirrorServer
from tests.crawling import crawl
from tests.documents import needs_font

pytestmark = [pytest.mark.crawl, needs_font]
MEDIA = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


# A topic every article citing its attached document matches ("Chi tiết xem tại văn bản đính kèm").
WATCHLIST = """
[topics.documents]
title = "Văn bản đính kèm"
keywords = ["văn bản đính kèm"]
"""


@dataclass(frozen=True)
class Crawled:
    database_url: str
    watchlist: str
    truths: list[dict[str, Any]]  # the mirror's articles that attach a document, as it says
    corrected: dict[str, Any]  # the article whose document was corrected after the first crawl


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawled]:
    folder = tmp_path_factory.mktemp("documents")
    database_url = f"sqlite:///{folder / 'db.sqlite3'}"
    watchlist = folder / "watchlist.toml"
    watchlist.write_text(WATCHLIST, encoding="utf-8")
    settings = {"WATCHLIST_PATH": str(watchlist)}
    with MirrorServer(articles=40, layout="mixed", seed=5) as mirror:
        crawl(mirror.url, database_url, mode="full", settings=settings)
        truths = [t for t in mirror.articles("live") if t["document"]]
        corrected = truths[0]
        mirror.replace_document(corrected["index"], "text")
        crawl(mirror.url, database_url, mode="full", settings=settings)
        yield Crawled(database_url, str(watchlist), truths, corrected)


def cli(crawled: Crawled, *args: str) -> str:
    command = [sys.executable, "-m", "scraper.cli", *args, "--database-url", crawled.database_url]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def as_json(crawled: Crawled, *args: str) -> Any:
    return json.loads(cli(crawled, *args, "--json"))


def test_documents_lists_every_document_read_with_its_metadata(crawled: Crawled) -> None:
    found = as_json(crawled, "documents", "--limit", "500")
    by_url = {d["url"]: d for d in found}
    assert set(by_url) == {t["attachments"][0]["url"] for t in crawled.truths}
    for truth in crawled.truths:
        document = by_url[truth["attachments"][0]["url"]]
        expected = {k: v for k, v in truth["document"].items() if k != "format"}
        assert {k: document[k] for k in expected} == expected
        assert document["text_quality"] == "ok"
        assert {(a["url"], a["relation"]) for a in document["articles"]} == {
            (truth["url"], "attached"),
            (truth["url"], "cited"),
        }
    issued = [d["issued_on"] for d in found]
    assert issued == sorted(issued, reverse=True)  # the newest issued first


def test_documents_by_type_year_and_issuer_named_without_diacritics(crawled: Crawled) -> None:
    plans = [t for t in crawled.truths if t["document"]["doc_type"] == "Kế hoạch"]
    assert plans
    year = int(plans[0]["document"]["issued_on"][:4])
    found = as_json(
        crawled, "documents", "--type", "ke hoach", "--year", str(year), "--issuer", "so thong tin"
    )
    wanted = {t["document"]["number"] for t in plans if t["document"]["issued_on"].startswith(str(year))}
    assert {d["number"] for d in found} == wanted
    assert all(d["doc_type"] == "Kế hoạch" and d["issued_on"].startswith(str(year)) for d in found)


def test_a_number_is_found_however_it_is_typed(crawled: Crawled) -> None:
    truth = crawled.truths[1]
    number = truth["document"]["number"]  # e.g. 1064/QĐ-STTTT
    typed = number.lower().replace("đ", "d").replace("/", " / ")
    [found] = as_json(crawled, "documents", "--number", typed)
    assert found["number"] == number
    hits = as_json(crawled, "search", typed)
    assert hits[0]["url"] == truth["url"]


def test_search_finds_an_article_by_the_text_of_its_document_alone(crawled: Crawled) -> None:
    # Every document ends its signature block with "Lưu: VT."; no article's own text says "luu vt".
    hits = as_json(crawled, "search", "luu vt", "--limit", "500")
    assert {h["url"] for h in hits} == {t["url"] for t in crawled.truths}
    assert as_json(crawled, "documents", "luu vt", "--limit", "500") != []


def test_a_corrected_document_is_a_document_change_with_its_diff(crawled: Crawled) -> None:
    url = crawled.corrected["attachments"][0]["url"]
    [document] = [d for d in as_json(crawled, "documents", "--history", "--limit", "500") if d["url"] == url]
    assert [e["kind"] for e in document["events"]] == ["created", "updated"]
    assert "+Văn bản này thay thế văn bản đã ban hành (đính chính lần 1)." in document["events"][1]["diff"]
    text = cli(crawled, "changes", "--since", "2000-01-01")
    line = next(line for line in text.splitlines() if "document changed" in line)
    assert crawled.corrected["document"]["number"] in line
    changes = as_json(crawled, "changes", "--since", "2000-01-01")
    assert [c["url"] for c in changes if c["subject"] == "document" and c["kind"] == "updated"] == [url]


def test_show_lists_the_documents_of_an_article(crawled: Crawled) -> None:
    truth = crawled.truths[2]
    shown = as_json(crawled, "show", truth["url"])
    assert {(d["relation"], d["number"]) for d in shown["documents"]} == {
        ("attached", truth["document"]["number"]),
        ("cited", truth["document"]["number"]),
    }
    text = cli(crawled, "show", truth["url"])
    assert f"document (attached): {truth['document']['doc_type']} {truth['document']['number']}" in text


def test_exports_feeds_and_the_report_name_the_documents(crawled: Crawled, tmp_path: Path) -> None:
    rows = list(
        csv.DictReader(io.StringIO(cli(crawled, "export", "--format", "csv", "-o", "-").lstrip("\ufeff")))
    )
    by_url = {row["url"]: row for row in rows}
    for truth in crawled.truths:
        document = truth["document"]
        assert by_url[truth["url"]]["documents"] == f"{document['doc_type']} {document['number']}"
    report = tmp_path / "report.html"
    cli(crawled, "report", "-o", str(report))
    page = report.read_text(encoding="utf-8")
    assert "<h2>Văn bản mới</h2>" in page
    assert "document changed" in page and crawled.corrected["document"]["number"] in page


def test_a_topic_feed_carries_attached_documents_as_enclosures(crawled: Crawled, tmp_path: Path) -> None:
    out = tmp_path / "feed.xml"
    cli(
        crawled,
        "feed",
        "--topic",
        "documents",
        "--watchlist",
        crawled.watchlist,
        "-o",
        str(out),
        "--limit",
        "500",
    )
    entries = feedparser.parse(out.read_bytes()).entries
    sizes = {d["url"]: d["size"] for d in as_json(crawled, "documents", "--limit", "500")}
    assert {e.link for e in entries} == {t["url"] for t in crawled.truths}
    by_url = {t["url"]: t for t in crawled.truths}
    for entry in entries:
        truth, enclosures = by_url[entry.link], [link for link in entry.links if link.rel == "enclosure"]
        document = truth["document"]
        url = truth["attachments"][0]["url"]
        assert [(e.href, int(e.length), e.type) for e in enclosures] == [
            (url, sizes[url], MEDIA[document["format"]])
        ]
        assert enclosures[0].title == f"{document['doc_type']} {document['number']} – {document['summary']}"
