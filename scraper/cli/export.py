"""``export --format csv|jsonl|json [--since ...] [--site NAME] -o FILE``: one record per article,
with the documents it attaches or cites by number (``documents --json`` gives the documents themselves).

CSV is UTF-8 with a byte order mark, so that Excel opens it with the Vietnamese intact; a cell
that Excel would read as a formula (``=``, ``+``, ``-``, ``@`` first) gets a leading apostrophe.
The file is written whole or not at all (a temporary file renamed into place).
"""

from __future__ import annotations

import argparse
import csv
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, TextIO

from scraper.cli.base import (
    Subparsers,
    add_sites,
    add_window,
    output_file,
    reading,
    wanted_sites,
    window,
    write_out,
)
from scraper.content.times import iso
from scraper.content.untrusted import printable, safe_json
from scraper.outputs.labels import document_label
from scraper.storage import Session, document_queries, queries
from scraper.storage.models import Article

FIELDS = [
    "id", "site", "url", "title", "published_at", "first_seen", "last_seen", "status", "category", "source",
    "authors", "tags", "topics", "documents", "summary", "body_text",
]  # fmt: skip
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 500


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("export", help="every article as CSV (Excel-ready), JSON lines or JSON")
    parser.add_argument("--format", choices=["csv", "jsonl", "json"], default="csv")
    add_window(parser, None, "only articles")
    add_sites(parser)
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write ('-': stdout)")
    return parser


def run(args: argparse.Namespace) -> int:
    with reading(args.database_url) as session:
        chosen = wanted_sites(session, args)
        start = window(session, args, chosen)
        with output_file(args.output, "utf-8-sig" if args.format == "csv" else "utf-8") as out:
            records = _Counted(_records(session, queries.articles(session, start, sites=chosen)))
            WRITERS[args.format](out, records)
    if args.output != "-":
        write_out(f"exported {records.count} articles to {args.output}")
    return 0


class _Counted:
    """An iterable that counts what went through it."""

    def __init__(self, items: Iterable[dict[str, Any]]) -> None:
        self.items = items
        self.count = 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for item in self.items:
            self.count += 1
            yield item


def _records(session: Session, articles: Iterator[Article]) -> Iterator[dict[str, Any]]:
    while chunk := list(islice(articles, CHUNK)):
        topics = queries.topics(session, (a.id for a in chunk))
        documents = document_queries.of_articles(session, (a.id for a in chunk))
        for article in chunk:
            yield {
                "id": article.id,
                "site": article.site,
                "url": article.url,
                "title": article.title,
                "published_at": iso(article.published_at),
                "first_seen": iso(article.first_seen),
                "last_seen": iso(article.last_seen),
                "status": article.status,
                "category": article.category,
                "source": article.source,
                "authors": article.authors,
                "tags": article.tags,
                "topics": topics.get(article.id, []),
                # The documents it attaches or cites: ``Kế hoạch 512/KH-STTTT`` (``documents`` has the rest).
                "documents": list(dict.fromkeys(document_label(d) for _, d in documents.get(article.id, []))),
                "summary": article.summary,
                "body_text": article.body_text,
            }


def _csv(out: TextIO, records: Iterable[dict[str, Any]]) -> None:
    writer = csv.writer(out)
    writer.writerow(FIELDS)
    writer.writerows([_cell(record[name]) for name in FIELDS] for record in records)


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        value = "; ".join(value)
    if not isinstance(value, str):
        return value
    value = printable(value)
    return "'" + value if value.startswith(FORMULA_START) else value


def _jsonl(out: TextIO, records: Iterable[dict[str, Any]]) -> None:
    out.writelines(safe_json(record) + "\n" for record in records)


def _json(out: TextIO, records: Iterable[dict[str, Any]]) -> None:
    """One JSON array, one article per line, written as it is read."""
    out.write("[")
    separator = "\n  "
    for record in records:
        out.write(separator + safe_json(record))
        separator = ",\n  "
    out.write("\n]\n")


WRITERS = {"csv": _csv, "jsonl": _jsonl, "json": _json}
