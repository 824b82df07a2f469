"""Scrapy's own feed exports, as a user runs them: ``scrapy crawl sotttt ... -O items.jsonl`` against
the mirror over HTTP, then the file read back (``scraper/exports.py``)."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from mirror.testing import MirrorServer
from scraper.exports import ALL_FIELDS
from scraper.settings import RECHECK_PERIOD_DAYS
from tests.crawling import crawl

pytestmark = pytest.mark.crawl  # every test here serves a mirror over HTTP

ARTICLES = 30
KINDS = {
    "article",
    "unchanged",
    "gone",
    "moved",
    "attachment",
    "document",
    "document_unchanged",
    "site_contacts",
}
SITE_OFFSET = timedelta(hours=7)


@pytest.fixture(scope="module")
def mirror() -> Iterator[MirrorServer]:
    with MirrorServer(articles=ARTICLES, layout="drupal_gavias", seed=41) as server:
        yield server


def export(mirror: MirrorServer, database: Path, *args: str, **options: Any) -> str:
    """Crawl the mirror with ``args`` (``-O FILE`` ...); it must succeed, with no exporter error logged."""
    result = crawl(mirror.url, f"sqlite:///{database}", args=args, **{"mode": "full", **options})
    assert "TypeError" not in result.stderr, result.stderr[-3000:]
    assert "Error caught on signal handler" not in result.stderr, result.stderr[-3000:]
    return result.stderr


def known(mirror: MirrorServer) -> dict[str, Any]:
    """The mirror's truth of one article with an attachment, an image and a byline."""
    truths = mirror.articles("live")
    return next(t for t in truths if t["attachments"] and t["images"] and t["authors"])


def expected_record(truth: dict[str, Any]) -> dict[str, Any]:
    """What the export must say of the article, field by field."""
    return {
        "kind": "article",
        "url": truth["url"],
        "canonical_url": truth["url"],
        "title": truth["title"],
        "published_at": truth["published_at"],
        "updated_at": truth["updated_at"],
        "summary": truth["summary"],
        "body_text": "\n\n".join(truth["body"]),
        "authors": truth["authors"],
        "source": truth["source"],
        "category": truth["category"],
        "tags": truth["tags"],
        "attachments": [{k: a[k] for k in ("url", "name", "type")} for a in truth["attachments"]],
        "profile": truth["layout"],
        "extraction": "profile",  # the mirror's classic markup: what the layout profiles were written from
    }


def assert_local_times(records: list[dict[str, Any]]) -> None:
    times = [value for r in records for name, value in r.items() if name.endswith("_at") and value]
    assert times
    for value in times:
        assert value.endswith("+07:00"), value
        assert datetime.fromisoformat(value).utcoffset() == SITE_OFFSET


def test_jsonl_export_writes_one_plain_record_per_article_and_item(mirror, tmp_path):
    out = tmp_path / "items.jsonl"
    log = export(mirror, tmp_path / "db.sqlite3", "-O", str(out))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert f"Stored jsonl feed ({len(records)} items) in: {out}" in log

    assert {r["kind"] for r in records} <= KINDS
    articles = {r["url"]: r for r in records if r["kind"] == "article"}
    truths = mirror.articles("live")
    assert len(articles) == len([r for r in records if r["kind"] == "article"]) == ARTICLES == len(truths)
    assert set(articles) == {t["url"] for t in truths}

    truth = known(mirror)
    record = articles[truth["url"]]
    expected = expected_record(truth)
    assert {name: record[name] for name in expected} == expected
    assert [i["src"] for i in record["images"]] == [i["src"] for i in truth["images"]]
    assert record["published_at"].endswith("+07:00")

    # contacts: the article's own in each article, the site-wide directory once, as plain objects
    contact_keys = {"name", "role", "phones", "emails", "scope"}
    for article in articles.values():
        assert all(c.keys() == contact_keys and c["scope"] == "article" for c in article["contacts"])
    (directory,) = [r for r in records if r["kind"] == "site_contacts"]
    assert directory["contacts"] and all(c["scope"] == "site" for c in directory["contacts"])

    # The mirror's files are all documents: fetched and read, each a "document" record with its size.
    files = {r["url"]: r for r in records if r["kind"] in ("attachment", "document")}
    sized = {a["url"]: (t["url"], a["size"]) for t in truths for a in t["attachments"]}
    assert {url: (r["article_url"], r["size"]) for url, r in files.items()} == sized
    assert {r["kind"] for r in files.values()} == {"document"}
    assert_local_times(records)


def test_csv_json_and_xml_exports_write_the_same_records_readably(mirror, tmp_path):
    paths = {fmt: tmp_path / f"items.{fmt}" for fmt in ("csv", "json", "xml")}
    export(mirror, tmp_path / "db.sqlite3", *[a for path in paths.values() for a in ("-o", str(path))])
    truth = known(mirror)
    expected = expected_record(truth)

    with paths["csv"].open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        rows = list(reader)
    assert reader.fieldnames == list(ALL_FIELDS)  # one header for every kind of record
    articles = {row["url"]: row for row in rows if row["kind"] == "article"}
    assert len(articles) == len([row for row in rows if row["kind"] == "article"]) == ARTICLES
    row = articles[truth["url"]]
    nested = {"authors", "tags", "attachments"}
    assert {name: json.loads(row[name]) for name in nested} == {name: expected[name] for name in nested}
    assert {name: row[name] for name in expected.keys() - nested} == {
        name: "" if value is None else value for name, value in expected.items() if name not in nested
    }
    for name in ("images", "contacts"):
        assert isinstance(json.loads(row[name]), list)
    assert not [cell for row in rows for cell in row.values() if "{'" in cell or "('" in cell]  # no reprs

    records = json.loads(paths["json"].read_text(encoding="utf-8"))
    by_url = {r["url"]: r for r in records if r["kind"] == "article"}
    assert len(by_url) == ARTICLES
    assert {name: by_url[truth["url"]][name] for name in expected} == expected
    assert_local_times(records)

    items = ET.parse(paths["xml"]).getroot().findall("item")
    assert len(items) == len(records)
    element = next(i for i in items if i.findtext("kind") == "article" and i.findtext("url") == truth["url"])
    assert element.findtext("title") == truth["title"]
    assert element.findtext("published_at") == truth["published_at"]
    assert [v.text for v in element.findall("authors/value")] == truth["authors"]
    assert [v.findtext("name") for v in element.findall("attachments/value")] == [
        a["name"] for a in truth["attachments"]
    ]
    assert not [e for i in items for e in i.iter() if e.text == "None"]


def test_a_later_crawl_exports_unchanged_gone_and_moved_articles_by_kind(tmp_path):
    database = tmp_path / "db.sqlite3"
    out = tmp_path / "changes.jsonl"
    with MirrorServer(articles=20, layout="drupal_gavias", seed=42) as mirror:
        crawl(mirror.url, f"sqlite:///{database}", mode="full")
        gone = mirror.take_down(5, status=410)
        moved = mirror.move(7)
        # a week later: every known article is due for its conditional re-check
        later = datetime.now(UTC) + timedelta(days=RECHECK_PERIOD_DAYS + 1)
        settings = {"CRAWL_NOW": later.isoformat()}
        export(mirror, database, "-O", str(out), mode="incremental", settings=settings)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        by_kind.setdefault(record["kind"], []).append(record)
    assert set(by_kind) <= KINDS

    assert [(r["url"], r["status"]) for r in by_kind["gone"]] == [(gone["url"], 410)]
    assert [(r["old_url"], r["new_url"]) for r in by_kind["moved"]] == [
        (*moved["redirects_from"], moved["url"])
    ]
    assert moved["url"] in {r["url"] for r in by_kind["article"]}  # fetched at its new address
    unchanged = by_kind["unchanged"]
    assert unchanged and all(r.keys() == {"kind", "url", "fetched_at"} for r in unchanged)
    assert_local_times(records)
