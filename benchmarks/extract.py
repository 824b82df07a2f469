"""Extractor speed and field accuracy against trafilatura: our fixtures, the blind pages, every dialect.

    python benchmarks/extract.py [--rounds N]

Both extractors run in this process on the same pages. Accuracy: for every field of every
fixture's expected JSON, is the extractor's value equal? trafilatura is scored on the fields
it has an equivalent for (title, date, authors, body text, category, tags, canonical URL).
Beyond our own fixtures: the blind pages (``tests/blind/``, written without the parser) and
the mirror's article pages in each markup dialect (``mirror/dialects.py``) against its truth.
Speed is reported as a ratio against trafilatura on all those pages, and as what a page costs
on the content path against a profile hit. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from mirror import Site, dialects  # noqa: E402
from scraper.parsers.article import parse_article  # noqa: E402
from scraper.parsers.decoding import decode_page  # noqa: E402
from scraper.parsers.text import clean  # noqa: E402
from tests.blind_fixtures import blind_pages, field_results  # noqa: E402

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


DIALECT_FIELDS = ("title", "published_at", "summary", "body_text", "authors", "source", "category", "tags")
LAYOUTS = {"wps2018": "wps", "drupal_gavias": "drupal"}


def dialect_cases(articles: int) -> dict[str, list[tuple[str, bytes, dict]]]:
    """Each dialect's article pages as (url, html, expected) with the expected record from the truth."""
    cases: dict[str, list[tuple[str, bytes, dict]]] = {}
    for layout, platform in LAYOUTS.items():
        for dialect in dialects.NAMES[platform]:
            site = Site(seed=3, articles=articles, layout=layout, dialect=dialect)  # type: ignore[arg-type]
            pages = []
            for truth in site.truths(status="live"):
                parts = urlsplit(truth["url"])
                known = {**truth, "body_text": "\n\n".join(truth["body"])}
                expected = {"is_article": True, **{f: known[f] for f in DIALECT_FIELDS}}
                expected["_page"] = {"url": truth["url"], "charset": "utf-8"}
                pages.append((truth["url"], site.resolve(parts.path, parts.query).body, expected))
            cases[dialect] = pages
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


def rates(cases, rounds: int) -> tuple[float, float]:
    """Pages a second of ours and of trafilatura, their rounds interleaved: a busy machine slows both."""
    spent = {ours: 0.0, theirs: 0.0}
    for _ in range(rounds):
        for function in spent:
            start = time.perf_counter()
            for _name, content, spec in cases:
                function(content, spec)
            spent[function] += time.perf_counter() - start
    pages = rounds * len(cases)
    return pages / spent[ours], pages / spent[theirs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--dialect-articles", type=int, default=20)
    args = parser.parse_args()
    cases = load_articles()
    by_dialect = dialect_cases(args.dialect_articles)
    blind = [
        (p.name, p.html, {**p.expected, "_page": {"url": p.url, "charset": p.charset}}) for p in blind_pages()
    ]
    blind_articles = [c for c in blind if c[2].get("is_article")]
    everything = cases + blind_articles + [c for pages in by_dialect.values() for c in pages]
    for _name, content, spec in everything:  # warm both (dateparser, lxml, trafilatura's caches)
        ours(content, spec)
        theirs(content, spec)
    right = total = their_right = their_total = 0
    for name, content, spec in cases:
        r, t = score_ours(ours(content, spec), spec)
        tr, tt = score_theirs(theirs(content, spec), spec)
        right, total, their_right, their_total = right + r, total + t, their_right + tr, their_total + tt
        print(f"{name:40s} ours {r}/{t}  trafilatura {tr}/{tt}", file=sys.stderr)
    results = list(field_results())
    blind_right = sum(expected == got for _page, _field, expected, got in results)
    blind_trafilatura = [score_theirs(theirs(content, spec), spec) for _n, content, spec in blind_articles]
    for page, field, expected, got in results:
        if expected != got:
            print(
                f"blind {page} {field}: expected {str(expected)[:80]!r}, got {str(got)[:80]!r}",
                file=sys.stderr,
            )
    dialect_scores = {}
    for dialect, pages in by_dialect.items():
        scores = [score_ours(ours(content, spec), spec) for _url, content, spec in pages]
        dialect_scores[dialect] = f"{sum(r for r, _ in scores)}/{sum(t for _, t in scores)}"
    extraction: dict[str, list[float]] = {"profile": [], "content": []}
    for _name, content, spec in everything:
        start = time.perf_counter()
        record = ours(content, spec)
        if record["extraction"] in extraction:
            extraction[record["extraction"]].append(time.perf_counter() - start)
    ours_rate, their_rate = rates(everything, args.rounds)
    mean_ms = {k: round(1000 * sum(v) / len(v), 2) if v else None for k, v in extraction.items()}
    print(
        json.dumps(
            {
                "pages": len(everything),
                "pages_per_s": round(ours_rate, 1),
                "trafilatura_pages_per_s": round(their_rate, 1),
                "speed_ratio": round(ours_rate / their_rate, 2),
                "ms_per_page_by_path": mean_ms,
                "pages_by_path": {k: len(v) for k, v in extraction.items()},
                "fixtures_fields_right": f"{right}/{total}",
                "fixtures_trafilatura_fields_right": f"{their_right}/{their_total}",
                "blind_fields_right": f"{blind_right}/{len(results)}",
                "blind_trafilatura_fields_right": (
                    f"{sum(r for r, _ in blind_trafilatura)}/{sum(t for _, t in blind_trafilatura)}"
                ),
                "dialect_fields_right": dialect_scores,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
