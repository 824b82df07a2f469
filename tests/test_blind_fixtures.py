"""The blind fixtures as tests: every expected field of every page written without the parser.

A field the parsers still get wrong is listed in ``STILL_WRONG`` and fails strictly as expected:
when a change makes it right, the test says so and the entry must go. The expected JSON is never
edited to pass (``tests/blind/README.md``).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.blind_fixtures import BlindPage, blind_pages

PAGES = {page.name: page for page in blind_pages()}
# (page, field): what the parsers still get wrong, with why.
STILL_WRONG: dict[tuple[str, str], str] = {}
_parsed: dict[str, dict[str, Any]] = {}


def parsed(page: BlindPage) -> dict[str, Any]:
    if page.name not in _parsed:
        _parsed[page.name] = page.parsed()
    return _parsed[page.name]


def _cases() -> list[Any]:
    cases = []
    for page in PAGES.values():
        for field in page.expected:
            reason = STILL_WRONG.get((page.name, field))
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            cases.append(pytest.param(page.name, field, marks=marks, id=f"{page.name}-{field}"))
    return cases


def test_the_blind_set_covers_both_layouts_listings_and_non_articles() -> None:
    names = set(PAGES)
    assert len([n for n in names if n.startswith("wps")]) >= 5
    assert len([n for n in names if n.startswith("drupal")]) >= 5
    assert any(page.is_listing for page in PAGES.values())
    assert any(page.expected["is_article"] is False and not page.is_listing for page in PAGES.values())


def test_every_still_wrong_entry_names_a_real_field() -> None:
    for name, field in STILL_WRONG:
        assert field in PAGES[name].expected, (name, field)


@pytest.mark.parametrize(("name", "field"), _cases())
def test_field(name: str, field: str) -> None:
    page = PAGES[name]
    assert parsed(page).get(field) == page.expected[field]
