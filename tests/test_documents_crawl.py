"""Attachments read as documents by a real crawl of the mirror: fetched, read, stored, linked to the
articles that attach and cite them, and their changes logged."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from mirror.testing import MirrorServer
from scraper.storage.models import Article, ArticleDocument, ChangeEvent, Document
from tests.crawling import crawl, event_counts, last_run, session
from tests.documents import needs_font

pytestmark = [pytest.mark.crawl, needs_font]

FIELDS = ("number", "doc_type", "issuer", "issued_on", "summary", "signer", "signer_title", "effective_on")


def _documents(database_url: str) -> dict[str, Document]:
    with session(database_url) as db:
        return {d.url: d for d in db.scalars(select(Document).where(Document.url.is_not(None)))}


def _found(document: Document) -> dict[str, Any]:
    values = {name: getattr(document, name) for name in FIELDS}
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}


def test_a_crawl_reads_every_attached_document_and_links_it(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'docs.sqlite3'}"
    with MirrorServer(articles=60, layout="mixed", seed=5) as mirror:
        truths = [t for t in mirror.articles("live") if t["document"]]
        assert len(truths) >= 5
        crawl(mirror.url, database_url, mode="full")
        documents = _documents(database_url)
        assert set(documents) == {t["attachments"][0]["url"] for t in truths}
        for truth in truths:
            document = documents[truth["attachments"][0]["url"]]
            expected = {k: v for k, v in truth["document"].items() if k != "format"}
            assert (document.format, document.text_quality) == (truth["document"]["format"], "ok")
            assert _found(document) == expected
            assert document.size == truth["attachments"][0]["size"]
            assert document.content is None  # the file stays on the site (DOCUMENTS_KEEP_FILES)
            assert len(document.content_hash or "") == len(document.text_hash or "") == 64
        with session(database_url) as db:
            links = db.execute(
                select(Article.url, ArticleDocument.relation, Document.url)
                .join(ArticleDocument, ArticleDocument.article_id == Article.id)
                .join(Document, Document.id == ArticleDocument.document_id)
            ).all()
        # Each article attaches its document and cites it ("Chi tiết xem tại văn bản đính kèm: ...
        # số N ngày ..."): the citation is the same document, not a second one.
        relations = ("attached", "cited")
        assert set(links) == {(t["url"], r, t["attachments"][0]["url"]) for t in truths for r in relations}
        first = last_run(database_url)
        assert event_counts(database_url, first.id, "document") == {"created": len(truths)}
        assert first.stats["sotttt/documents/quality/ok"] == len(truths)

        crawl(mirror.url, database_url, mode="full")  # the same site again: nothing changes
        again = last_run(database_url)
        assert event_counts(database_url, again.id, "document") == {}
        assert again.stats["sotttt/documents/unchanged"] == len(truths)  # conditional GETs: 304
        assert _documents(database_url).keys() == documents.keys()

        corrected, reencoded = truths[0], truths[1]
        mirror.replace_document(corrected["index"], "text")
        mirror.replace_document(reencoded["index"], "bytes")
        crawl(mirror.url, database_url, mode="full")
        third = last_run(database_url)
        assert event_counts(database_url, third.id, "document") == {"updated": 1, "reencoded": 1}
        with session(database_url) as db:
            [update] = db.scalars(select(ChangeEvent).where(ChangeEvent.kind == "updated"))
            changed = db.get(Document, update.document_id)
            assert changed is not None and changed.url == corrected["attachments"][0]["url"]
            assert update.fields == ["text"]
            assert "+Văn bản này thay thế văn bản đã ban hành (đính chính lần 1)." in (update.diff or "")
            [bytes_only] = db.scalars(select(ChangeEvent).where(ChangeEvent.kind == "reencoded"))
            same = db.get(Document, bytes_only.document_id)
            assert same is not None and same.url == reencoded["attachments"][0]["url"]
            assert same.text_hash == documents[same.url].text_hash
            assert same.content_hash != documents[same.url].content_hash


def test_documents_over_the_size_cap_are_counted_not_read(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'cap.sqlite3'}"
    with MirrorServer(articles=30, layout="drupal_gavias", seed=5) as mirror:
        count = sum(1 for t in mirror.articles("live") if t["document"])
        crawl(mirror.url, database_url, mode="full", settings={"DOCUMENT_MAX_BYTES": 1000})
    run = last_run(database_url)
    assert run.stats["sotttt/documents/too_large"] == count
    assert run.finish_reason == "finished"
    assert _documents(database_url) == {}


def test_documents_kept_only_when_asked_and_exported_by_scrapy(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'keep.sqlite3'}"
    out = tmp_path / "items.jsonl"
    with MirrorServer(articles=30, layout="drupal_gavias", seed=5) as mirror:
        truths = {t["attachments"][0]["url"]: t for t in mirror.articles("live") if t["document"]}
        crawl(
            mirror.url,
            database_url,
            mode="full",
            settings={"DOCUMENTS_KEEP_FILES": True},
            args=["-O", str(out)],
        )
    documents = _documents(database_url)
    assert documents and all(d.content and len(d.content) == d.size for d in documents.values())
    exported = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    read = {item["url"]: item for item in exported if item.get("kind") == "document"}
    assert read.keys() == truths.keys()
    for url, item in read.items():
        assert item["document"]["number"] == truths[url]["document"]["number"]
        assert "content" not in item  # the bytes are for the database, not the feed
