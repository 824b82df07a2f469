"""Saved pages in, expected JSON out: every field of every fixture is its own test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scraper.parsers.article import parse_article
from scraper.parsers.listing import parse_listing

PAGES = Path(__file__).parent / "fixtures" / "pages"
CHECKS = {"body_html_contains", "body_html_excludes", "body_text_excludes"}


def _cases() -> list[tuple[str, str]]:
    cases = []
    for spec_path in sorted(PAGES.glob("*.json")):
        spec = json.loads(spec_path.read_text(encoding="utf-8"))
        cases += [(spec_path.stem, key) for key in spec if not key.startswith("_")]
    return cases


def _load(name: str) -> tuple[dict, dict]:
    spec = json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))
    content = (PAGES / f"{name}.html").read_bytes()
    page = spec["_page"]
    if spec.get("kind") == "listing":
        return spec, parse_listing(content, page["url"], page.get("charset")).to_dict()
    return spec, parse_article(content, page["url"], page.get("charset")).to_dict()


_parsed: dict[str, tuple[dict, dict]] = {}


def parsed(name: str) -> tuple[dict, dict]:
    if name not in _parsed:
        _parsed[name] = _load(name)
    return _parsed[name]


def test_there_are_fixtures_of_both_layouts_and_the_hard_cases():
    specs = [json.loads(p.read_text(encoding="utf-8")) for p in PAGES.glob("*.json")]
    profiles = {s.get("profile") for s in specs}
    assert {"wps2018", "drupal_gavias", "generic"} <= profiles
    assert any(s.get("kind") == "listing" for s in specs)
    assert any(s.get("is_article") is False for s in specs)


@pytest.mark.parametrize(("name", "field"), _cases())
def test_field(name: str, field: str) -> None:
    spec, record = parsed(name)
    if field == "kind":
        assert spec["kind"] == "listing" and "teasers" in record
    elif field == "body_html_contains":
        for snippet in spec[field]:
            assert snippet in record["body_html"], snippet
    elif field == "body_html_excludes":
        for snippet in spec[field]:
            assert snippet not in record["body_html"], snippet
    elif field == "body_text_excludes":
        for snippet in spec[field]:
            assert snippet not in record["body_text"], snippet
    else:
        assert record[field] == spec[field]
