"""``report -o report.html``: one self-contained HTML page to look at (``scraper.outputs.report``)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from scraper.cli.base import (
    Subparsers,
    add_sites,
    add_watchlist,
    output_file,
    reading,
    wanted_sites,
    write_out,
)
from scraper.cli.feed import feed_home
from scraper.content.versions import compare
from scraper.content.watchlist import Watchlist, load
from scraper.outputs.report import ReportData, ShownChange, TopicHits, render
from scraper.sites.profiles import default_site
from scraper.storage import Session, document_queries, queries
from scraper.storage.queries import Change

TOPIC_ARTICLES = 10


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("report", help="a self-contained HTML report: charts, topics, changes")
    add_watchlist(parser)
    add_sites(parser, "articles, topics and changes")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write ('-': stdout)")
    parser.add_argument("--changes", type=int, default=20, help="latest changes shown (default: %(default)s)")
    return parser


def run(args: argparse.Namespace) -> int:
    watchlist = load(args.watchlist)
    with reading(args.database_url) as session:
        page = render(_data(session, watchlist, args.changes, wanted_sites(session, args)))
    with output_file(args.output) as out:
        out.write(page)
    if args.output != "-":
        write_out(f"report written to {args.output}")
    return 0


def _data(session: Session, watchlist: Watchlist, changes: int, sites: list[str]) -> ReportData:
    """What the report shows, of these sites (none named: of every site)."""
    counts = queries.topic_counts(session, sites)
    status = queries.status_counts(session, sites)
    return ReportData(
        site=feed_home(sites).name if sites else default_site().hosts[0],
        generated_at=datetime.now(UTC),
        articles=sum(status.values()),
        removed=status.get("removed", 0),
        last_run=queries.last_run_start(session, sites),
        months=queries.monthly_counts(session, sites),
        categories=queries.category_counts(session, sites),
        topics=[
            TopicHits(
                t.name,
                t.title,
                counts.get(t.name, 0),
                queries.topic_articles(session, t.name, TOPIC_ARTICLES, sites=sites),
            )
            for t in watchlist.topics
        ],
        documents=document_queries.newest(session, TOPIC_ARTICLES),
        changes=[shown_change(session, c) for c in queries.latest_changes(session, changes, sites)],
    )


def shown_change(session: Session, change: Change) -> ShownChange:
    """A change with, for an update, what changed between the version before and this one."""
    event = change.event
    if change.document is not None:
        return ShownChange(event, None, [], change.document)
    if event.kind != "updated" or event.article_id is None:
        return ShownChange(event, change.article, [])
    stored = queries.versions(session, event.article_id)
    hashes = [v.content_hash for v in stored]
    if event.content_hash not in hashes or hashes.index(event.content_hash) == 0:
        return ShownChange(event, change.article, [])
    position = hashes.index(event.content_hash)
    return ShownChange(event, change.article, compare(stored[position - 1].record, stored[position].record))
