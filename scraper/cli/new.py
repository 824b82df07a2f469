"""``new --since 2021-12-01|7d|last-run | --seen-since WHEN [--site NAME] [--json]``: what is new since then.

A date or a duration: what was published since. ``last-run`` (the default) and ``--seen-since``:
what a crawl first saw since.
"""

from __future__ import annotations

import argparse
import sys

from scraper.cli.base import Subparsers, add_sites, add_window, reading, wanted_sites, window, write_out
from scraper.cli.listing import add_output, article_json, articles_table
from scraper.content.times import local
from scraper.content.untrusted import safe_json
from scraper.storage import queries
from scraper.storage.queries import Filters


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("new", help="articles published or first seen since a time, newest first")
    add_window(parser, "last-run", "articles")
    add_sites(parser)
    add_output(parser, limit=100)
    return parser


def run(args: argparse.Namespace) -> int:
    with reading(args.database_url) as session:
        filters = Filters(sites=wanted_sites(session, args))
        wanted = window(session, args, filters.sites)
        assert wanted is not None  # --since has a default
        found = queries.new_articles(session, wanted, args.limit, filters=filters)
        total = queries.count_new(session, wanted, filters) if len(found) == args.limit else len(found)
        topics = queries.topics(session, (a.id for a in found))
    what = "first seen" if wanted.seen else "published"
    if args.json:
        write_out(safe_json([article_json(a, topics.get(a.id, [])) for a in found], indent=2))
    elif found:
        write_out(articles_table(found, topics))
    else:
        write_out(f"nothing {what} since {local(wanted.start)}")
    if total > len(found):  # on stderr: the table or the JSON on stdout stays whole
        print(
            f"{len(found)} of {total} {what} since {local(wanted.start)}: use --limit for more",
            file=sys.stderr,
        )
    return 0
