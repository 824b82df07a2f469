"""Scrapy's feed exports (``scrapy crawl sotttt -O items.jsonl``): one plain record per item.

The items the pipelines pass on are the dataclasses of ``scraper.items``: an article holds its parser
record and the facts derived from it (bytes, hashes, sketches), datetimes and tuples, which Scrapy's
exporters cannot write. The exporters here, registered for every built-in format in ``FEED_EXPORTERS``
(``scraper/settings.py``), hand Scrapy's own ones a plain record instead: only str, numbers, None,
lists and dicts, datetimes in ISO 8601 with the site's offset (+07:00), and a ``kind``:

``article`` (the record's content fields and its watchlist ``topics``; ``contacts`` are the article's
own, the site-wide directory is the ``site_contacts`` record; the facts and the body HTML are left
out), ``unchanged`` (304), ``gone`` (404/410), ``moved`` (301/308), ``attachment`` (a linked file's
headers), ``document`` (a linked document read: its hashes and what it says, not its bytes),
``document_unchanged`` (304) and ``site_contacts``.

CSV has one header for all kinds (the union of their fields, unless ``FEED_EXPORT_FIELDS`` says
otherwise) and writes lists and objects as JSON; XML leaves out what is None. The pipelines see the
items as they were: only what is written changes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import datetime
from typing import Any

from scrapy.exporters import (
    CsvItemExporter,
    JsonItemExporter,
    JsonLinesItemExporter,
    MarshalItemExporter,
    PickleItemExporter,
    XmlItemExporter,
)
from scrapy.item import Field

from scraper.content.facts import article_contacts
from scraper.content.times import iso
from scraper.items import (
    ArticleGone,
    ArticleMoved,
    ArticleUnchanged,
    AttachmentSeen,
    DocumentFetched,
    DocumentUnchanged,
    FetchedArticle,
    ResolvedArticle,
    SiteContacts,
)

# The record's fields an article record carries, in this order, after its kind; then its topics and
# when it was fetched. Left out: the body HTML, the parser's flags, everything derived for the store.
RECORD_FIELDS = (
    "url", "canonical_url", "title", "published_at", "updated_at", "summary", "body_text", "authors",
    "source", "category", "tags", "attachments", "images", "contacts", "profile", "extraction",
)  # fmt: skip
ARTICLE_FIELDS = ("kind", *RECORD_FIELDS, "topics", "fetched_at")
KINDS: dict[type, str] = {
    ArticleUnchanged: "unchanged",
    ArticleGone: "gone",
    ArticleMoved: "moved",
    AttachmentSeen: "attachment",
    DocumentFetched: "document",
    DocumentUnchanged: "document_unchanged",
    SiteContacts: "site_contacts",
}
LEFT_OUT = {"content"}  # a document's bytes: for the database (DOCUMENTS_KEEP_FILES), not a feed
# Every field some kind of record has: the CSV header.
KIND_FIELDS = [f.name for kind in KINDS for f in fields(kind) if f.name not in LEFT_OUT]
ALL_FIELDS = tuple(dict.fromkeys([*ARTICLE_FIELDS, *KIND_FIELDS]))


def plain_record(item: Any) -> Any:
    """The record ``item`` is written as: a dict of JSON-safe values with its ``kind``.

    An item of no kind known here (a dict, say) is returned as it is.
    """
    if isinstance(item, ResolvedArticle):
        return _article(item.fetched, item.topics)
    if isinstance(item, FetchedArticle):  # only when the dedupe pipeline is not enabled
        return _article(item, None)
    kind = KINDS.get(type(item))
    if kind is None:
        return item
    values = {f.name: getattr(item, f.name) for f in fields(item) if f.name not in LEFT_OUT}
    if isinstance(item, DocumentFetched):  # what it says, as ``python -m scraper.extract`` prints it
        values["document"] = {k: v for k, v in item.document.to_dict().items() if k != "kind"}
    return {"kind": kind, **{name: plain(value) for name, value in values.items()}}


def plain(value: Any) -> Any:
    """``value`` in JSON-safe form: datetimes as local ISO 8601, tuples as lists, dataclasses as dicts,
    bytes (no record written has any now) as hex."""
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, bytes):
        return value.hex()
    return value


def _article(fetched: FetchedArticle, topics: tuple[str, ...] | None) -> dict[str, Any]:
    record = fetched.record
    values = {name: getattr(record, name) for name in RECORD_FIELDS} | {"contacts": article_contacts(record)}
    return {
        "kind": "article",
        **{name: plain(value) for name, value in values.items()},
        "topics": plain(topics),
        "fetched_at": plain(fetched.fetched_at),
    }


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value if v is not None]
    return value


class JsonLinesExporter(JsonLinesItemExporter):
    def export_item(self, item: Any) -> None:
        super().export_item(plain_record(item))


class JsonExporter(JsonItemExporter):
    def export_item(self, item: Any) -> None:
        super().export_item(plain_record(item))


class XmlExporter(XmlItemExporter):
    """Nothing is written for None: ``<caption>None</caption>`` would read as a caption."""

    def export_item(self, item: Any) -> None:
        super().export_item(_without_none(plain_record(item)))


class CsvExporter(CsvItemExporter):
    """One header for every kind of record; lists and objects in a cell as JSON."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.fields_to_export:  # else FEED_EXPORT_FIELDS chose them
            self.fields_to_export = list(ALL_FIELDS)

    def export_item(self, item: Any) -> None:
        super().export_item(plain_record(item))

    def serialize_field(self, field: Mapping[str, Any] | Field, name: str, value: Any) -> Any:
        if "serializer" not in field and isinstance(value, list | dict):
            return json.dumps(value, ensure_ascii=False)
        return super().serialize_field(field, name, value)


class PickleExporter(PickleItemExporter):
    def export_item(self, item: Any) -> None:
        super().export_item(plain_record(item))


class MarshalExporter(MarshalItemExporter):
    def export_item(self, item: Any) -> None:
        super().export_item(plain_record(item))
