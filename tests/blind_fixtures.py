"""The blind fixtures (``tests/blind/``): pages with the parse a reader expects, written without the parser.

``field_results()`` compares every expected field of every page with what the parsers return; the
test module and ``benchmarks/extract.py`` both score from it. The expected JSON is never edited to
make a parser pass.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scraper.parsers.article import parse_article
from scraper.parsers.listing import parse_listing

BLIND = Path(__file__).parent / "blind"
TEASER_FIELDS = ("url", "title", "published_at")


@dataclass(frozen=True)
class BlindPage:
    name: str
    html: bytes
    url: str
    charset: str | None
    expected: dict[str, Any]

    @property
    def is_listing(self) -> bool:
        return self.expected.get("kind") == "listing"

    def parsed(self) -> dict[str, Any]:
        """What the parsers make of the page, in the expected JSON's shape."""
        if self.is_listing:
            listing = parse_listing(self.html, self.url, self.charset).to_dict()
            teasers = [{key: teaser[key] for key in TEASER_FIELDS} for teaser in listing["teasers"]]
            return {
                "is_article": False,
                "url": listing["url"],
                "kind": "listing",
                **listing,
                "teasers": teasers,
            }
        return parse_article(self.html, self.url, self.charset).to_dict()


def blind_pages() -> list[BlindPage]:
    pages = []
    for expected_file in sorted(BLIND.glob("*.json")):
        expected = json.loads(expected_file.read_text(encoding="utf-8"))
        page = expected.pop("_page")
        html = expected_file.with_suffix(".html").read_bytes()
        pages.append(BlindPage(expected_file.stem, html, page["url"], page.get("charset"), expected))
    return pages


def field_results(pages: list[BlindPage] | None = None) -> Iterator[tuple[str, str, Any, Any]]:
    """``(page, field, expected, got)`` for every expected field of every blind page."""
    for page in pages if pages is not None else blind_pages():
        parsed = page.parsed()
        for field, expected in page.expected.items():
            yield page.name, field, expected, parsed.get(field)
