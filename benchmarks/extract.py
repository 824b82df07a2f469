"""Extractor speed and field accuracy against trafilatura, on the saved fixture pages.

    python benchmarks/extract.py [--rounds N]

Both extractors run in this process on the same pages. Accuracy: for every field of every
fixture's expected JSON, is the extractor's value equal? trafilatura is scored on the fields
it has an equivalent for (title, date, authors, body text, category, tags, canonical URL).
The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from scraper.parsers.article import parse_article  # noqa: E402
from scraper.parsers.decoding import decode_page  # noqa: E402
from scraper.parsers.text import clean  # noqa: E402

PAGES = ROOT / "tests" / "fixtures" / "pages"
NOT_FIELDS = {"_page", "kind", "body_html_contains", "body_html_excludes", "body_text_excludes"}


def load_articles() -> list[tuple[str, bytes, dict]]:
    cases = []
    for spec_path in sorted(PAGES.glob("*.json")):
        spec = json.loads(spec_path.read_text(encoding="utf-8"))
        if spec.get("kind") == "listing" or spec.get("is_article") is False:
            continue
        cases.append((spec_path.stem, spec_path.with_suffix(".html").read_bytes(), spec))
    return cases


def ours(content: bytes, spec: dict) -> dict:
    page = spec["_page"]
    return parse_article(content, page["url"], page.get("charset")).to_dict()


def theirs(content: bytes, spec: dict) -> dict:
    page = spec["_page"]
    text = decode_page(content, page.get("charset"))
    doc = trafilatura.bare_extraction(text, url=page["url"], with_metadata=True) or {}
    return doc if isinstance(doc, dict) else doc.as_dict()


def score_ours(record: dict, spec: dict) -> tuple[int, int]:
    fields = [k for k in spec if k not in NOT_FIELDS]
    return sum(record.get(k) == spec[k] for k in fields), len(fields)


def score_theirs(doc: dict, spec: dict) -> tuple[int, int]:
    """trafilatura on the fields it has an equivalent for."""
    checks = {
        "title": lambda: clean(doc.get("title")) == spec["title"],
        "published_at": lambda: (doc.get("date") or "")[:10] == (spec["published_at"] or "")[:10],
        "authors": lambda: _names(doc.get("author")) == spec["authors"],
        "body_text": lambda: _paragraphs(doc.get("text")) == _paragraphs(spec["body_text"]),
        "category": lambda: clean(doc.get("categories") or "") == (spec["category"] or ""),
        "tags": lambda: _names(doc.get("tags")) == spec["tags"],
        "canonical_url": lambda: doc.get("url") == spec["canonical_url"],
    }
    fields = [k for k in checks if k in spec]
    return sum(bool(checks[k]()) for k in fields), len(fields)


def _names(value: str | None) -> list[str]:
    return [clean(v) for v in re.split(r";|,", value or "") if clean(v)]


def _paragraphs(text: str | None) -> list[str]:
    return [clean(p) for p in (text or "").split("\n") if clean(p)]


def rate(function, cases, rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        for _name, content, spec in cases:
            function(content, spec)
    return rounds * len(cases) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    cases = load_articles()
    for _name, content, spec in cases:  # warm both (dateparser, lxml, trafilatura's caches)
        ours(content, spec)
        theirs(content, spec)
    right = total = their_right = their_total = 0
    for name, content, spec in cases:
        r, t = score_ours(ours(content, spec), spec)
        tr, tt = score_theirs(theirs(content, spec), spec)
        right, total, their_right, their_total = right + r, total + t, their_right + tr, their_total + tt
        print(f"{name:40s} ours {r}/{t}  trafilatura {tr}/{tt}", file=sys.stderr)
    ours_rate = rate(ours, cases, args.rounds)
    their_rate = rate(theirs, cases, args.rounds)
    print(
        json.dumps(
            {
                "pages": len(cases),
                "pages_per_s": round(ours_rate, 1),
                "trafilatura_pages_per_s": round(their_rate, 1),
                "speed_ratio": round(ours_rate / their_rate, 2),
                "fields_right": right,
                "fields_total": total,
                "trafilatura_fields_right": their_right,
                "trafilatura_fields_total": their_total,
            }
        )
    )


if __name__ == "__main__":
    main()
