"""``feed --topic border -o border.xml``: an Atom feed of the newest articles of a watchlist topic."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from scraper.cli.base import Subparsers, add_watchlist, output_file, positive_count, reading, write_out
from scraper.content.watchlist import load
from scraper.outputs.feed import atom
from scraper.sites.profiles import default_site
from scraper.storage import document_queries, queries
from scraper.storage.models import ATTACHED


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("feed", help="an Atom feed of a topic's newest articles")
    parser.add_argument("--topic", required=True, help="a topic of the watchlist, e.g. border")
    add_watchlist(parser)
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write ('-': stdout)")
    parser.add_argument("--limit", type=positive_count, default=50, help="entries (default: %(default)s)")
    return parser


def run(args: argparse.Namespace) -> int:
    topic = load(args.watchlist).topic(args.topic)
    with reading(args.database_url) as session:
        found = queries.topic_articles(session, topic.name, args.limit)
        topics = queries.topics(session, (a.id for a in found))
        named = document_queries.of_articles(session, (a.id for a in found))
    attached = {i: [d for relation, d in docs if relation == ATTACHED] for i, docs in named.items()}
    xml = atom(
        f"topic/{topic.name}",
        f"{topic.title} – {default_site().base_url}",
        default_site().base_url,
        found,
        topics,
        datetime.now(UTC),
        attached,
    )
    with output_file(args.output) as out:
        out.write(xml.decode("utf-8"))
    if args.output != "-":
        write_out(f"{len(found)} articles of topic {topic.name} in {args.output}")
    return 0
