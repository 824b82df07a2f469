"""``changes --since ...``: the change log, newest first: created, updated (which fields), removed,
restored, moved; documents changed (their text) or re-encoded (their bytes only); and the contact
directory's changes."""

from __future__ import annotations

import argparse
from typing import Any

from scraper.cli.base import Subparsers, add_since, add_sites, reading, since, wanted_sites, write_out
from scraper.cli.listing import add_output, event_note
from scraper.cli.terminal import fit, table
from scraper.content.times import iso, local
from scraper.content.untrusted import safe_json
from scraper.outputs.labels import document_label, event_name
from scraper.storage import queries
from scraper.storage.queries import Change

WHAT_COLUMNS = 60


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("changes", help="the change log since a time, newest first")
    add_since(parser, "last-run", "changes")
    add_sites(parser, "changes")
    add_output(parser, limit=500)
    return parser


def run(args: argparse.Namespace) -> int:
    with reading(args.database_url) as session:
        chosen = wanted_sites(session, args)
        start = since(session, args.since, chosen)
        found = queries.changes(session, start, args.limit, sites=chosen)
    if args.json:
        write_out(safe_json([change_json(c) for c in found], indent=2))
    elif found:
        rows = [
            [local(c.event.occurred_at), c.event.site, event_name(c.event), *_subject(c), _what(c)]
            for c in found
        ]
        write_out(table(["when", "site", "change", "id", "subject", "what"], rows, flex=4))
    else:
        write_out(f"no change since {local(start)}")
    return 0


def _subject(change: Change) -> list[str]:
    if change.document is not None:
        return [f"d{change.document.id}", document_label(change.document)]
    if change.article is None:
        return ["-", "(contact directory)"]
    return [str(change.article.id), change.article.title]


def _what(change: Change) -> str:
    return fit(event_note(change.event).removeprefix(": ").strip(), WHAT_COLUMNS)


def change_json(change: Change) -> dict[str, Any]:
    event, article, document = change.event, change.article, change.document
    return {
        "occurred_at": iso(event.occurred_at),
        "site": event.site,
        "kind": event.kind,
        "subject": event.subject,
        "article_id": article.id if article else None,
        "url": article.url if article else document.url if document else None,
        "title": article.title if article else document_label(document) if document else None,
        "document_id": document.id if document else None,
        "fields": event.fields,
        "details": event.details,
        "run_id": event.run_id,
    }
