"""``new --since 2021-12-01|7d|last-run [--json]``: what was published or first seen since then."""

from __future__ import annotations

import argparse

from scraper.cli.base import Subparsers, add_since, reading, since, write_out
from scraper.cli.listing import add_output, article_json, articles_table
from scraper.content.times import local
from scraper.content.untrusted import safe_json
from scraper.storage import queries


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("new", help="articles published or first seen since a time, newest first")
    add_since(parser, "last-run", "published or first seen")
    add_output(parser, limit=100)
    return parser


def run(args: argparse.Namespace) -> int:
    with reading(args.database_url) as session:
        start = since(session, args.since)
        found = queries.new_articles(session, start, args.limit)
        topics = queries.topics(session, (a.id for a in found))
    if args.json:
        write_out(safe_json([article_json(a, topics.get(a.id, [])) for a in found], indent=2))
    elif found:
        write_out(articles_table(found, topics))
    else:
        write_out(f"nothing published or first seen since {local(start)}")
    return 0
