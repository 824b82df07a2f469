"""Metamorphic: one article in every markup dialect of the mirror parses to the same record.

The dialects (``mirror/dialects.py``) are markup drawn from real WebSphere Portal skins and Drupal
themes, written without reading the parser; the content is the mirror's truth. A field right in
one dialect and wrong in another is markup the parser depends on, not content.
"""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlsplit

import pytest

from mirror import Site, dialects
from scraper.parsers.article import parse_article

BASE = "http://127.0.0.1:8000"
ARTICLES = 24
LAYOUTS = {"wps2018": "wps", "drupal_gavias": "drupal"}
# What a reader sees of an article: the same whatever the markup. (``profile``, ``extraction`` and
# ``body_html`` say how the page was built, and may differ.)
FIELDS = (
    "is_article", "url", "title", "published_at", "published_precision", "summary", "body_text",
    "authors", "source", "category", "tags", "images", "attachments", "contacts",
)  # fmt: skip


@cache
def parsed(layout: str, dialect: str) -> list[dict[str, Any]]:
    site = Site(seed=11, articles=ARTICLES, layout=layout, base_url=BASE, dialect=dialect)  # type: ignore[arg-type]
    records = []
    for truth in site.truths(status="live"):
        parts = urlsplit(truth["url"])
        page = site.resolve(parts.path, parts.query)
        record = parse_article(page.body, truth["url"], "utf-8").to_dict()
        records.append({"truth": truth, **{field: record[field] for field in FIELDS}})
    return records


CASES = [(layout, d) for layout, platform in LAYOUTS.items() for d in dialects.NAMES[platform]]


@pytest.mark.parametrize(("layout", "dialect"), CASES)
def test_every_dialect_parses_to_the_same_records_as_the_classic_markup(layout: str, dialect: str) -> None:
    classic = parsed(layout, dialects.NAMES[LAYOUTS[layout]][0])
    other = parsed(layout, dialect)
    assert len(other) == len(classic) > 0
    for mine, theirs in zip(other, classic, strict=True):
        for field in FIELDS:
            if field == "contacts":  # listed in page order, and a theme may put the sidebar first
                assert _sorted(mine[field]) == _sorted(theirs[field]), mine["url"]
            else:
                assert mine[field] == theirs[field], (mine["url"], field)


def _sorted(contacts: list[dict[str, Any]]) -> list[str]:
    return sorted(repr(contact) for contact in contacts)


@pytest.mark.parametrize(("layout", "dialect"), CASES)
def test_every_dialect_parses_to_the_mirrors_truth(layout: str, dialect: str) -> None:
    for record in parsed(layout, dialect):
        truth = record["truth"]
        assert record["is_article"] is True
        assert record["title"] == truth["title"]
        assert record["published_at"] == truth["published_at"]
        assert record["summary"] == truth["summary"]
        assert record["body_text"] == "\n\n".join(truth["body"])
        assert record["authors"] == truth["authors"]
        assert record["source"] == truth["source"]
        assert record["category"] == truth["category"]
        assert record["tags"] == truth["tags"]
        assert [a["url"] for a in record["attachments"]] == [a["url"] for a in truth["attachments"]]
        assert [i["src"] for i in record["images"]] == [i["src"] for i in truth["images"]]
