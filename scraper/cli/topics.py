"""``topics [--retag]``: the watchlist's topics and how many stored articles each has.

``--retag`` applies the watchlist as it is now to every stored article (after editing it); new and
changed articles are tagged as they are stored (``pipelines.topics``).
"""

from __future__ import annotations

import argparse
from typing import TypedDict

from scraper.cli.base import Subparsers, add_watchlist, opened, write_out
from scraper.cli.terminal import table
from scraper.content.untrusted import safe_json
from scraper.content.watchlist import load
from scraper.storage import queries


class TopicRow(TypedDict):
    topic: str
    title: str
    articles: int
    keywords: list[str]
    alerts: int


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "topics", help="watchlist topics and their articles; --retag after an edit"
    )
    add_watchlist(parser)
    parser.add_argument("--retag", action="store_true", help="re-apply the watchlist to every stored article")
    parser.add_argument("--json", action="store_true", help="print JSON")
    return parser


def run(args: argparse.Namespace) -> int:
    topics = load(args.watchlist)
    with opened(args.database_url) as store:
        changed = store.retag(topics.topics_of) if args.retag else None
        with store.reading() as session:
            counts = queries.topic_counts(session)
    rows: list[TopicRow] = [
        {
            "topic": t.name,
            "title": t.title,
            "articles": counts.get(t.name, 0),
            "keywords": list(t.keywords),
            "alerts": len(t.notify),
        }
        for t in topics.topics
    ]
    if args.json:
        write_out(safe_json({"topics": rows, "retagged": changed}, indent=2))
        return 0
    lines = [
        [r["topic"], str(r["articles"]), str(r["alerts"]), r["title"], ", ".join(r["keywords"])] for r in rows
    ]
    write_out(table(["topic", "articles", "alert URLs", "title", "keywords"], lines))
    if changed is not None:
        write_out(f"re-tagged: the topics of {changed} articles changed")
    return 0
