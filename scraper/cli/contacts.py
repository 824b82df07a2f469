"""``contacts [--history]``: the site's contact directory, and with ``--history`` how it changed."""

from __future__ import annotations

import argparse
from typing import Any

from scraper.cli.base import Subparsers, reading, write_out
from scraper.cli.terminal import Style, add_color, table
from scraper.content.times import iso, local
from scraper.content.untrusted import one_line, printable, safe_json
from scraper.storage import queries
from scraper.storage.models import ChangeEvent, Contact, ContactVersion


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("contacts", help="the contact directory; --history: how it changed")
    parser.add_argument("--history", action="store_true", help="every version of the directory and the diffs")
    parser.add_argument("--json", action="store_true", help="print JSON")
    add_color(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    with reading(args.database_url) as session:
        current = queries.directory(session)
        versions = queries.directory_versions(session) if args.history else []
        events = queries.directory_history(session) if args.history else []
    if args.json:
        data: dict[str, Any] = {"contacts": [_contact(c) for c in current]}
        if args.history:
            data["versions"] = [_version(v) for v in versions]
            data["events"] = [_event(e) for e in events]
        write_out(safe_json(data, indent=2))
        return 0
    if not current:
        write_out("no contact directory seen yet")
    else:
        rows = [
            [str(c.position + 1), c.name, c.role, ", ".join(c.phones), ", ".join(c.emails)] for c in current
        ]
        write_out(table(["#", "name", "role", "phones", "emails"], rows, flex=1))
    if args.history:
        write_out(_history(versions, events, Style.of(args.color)))
    return 0


def _history(versions: list[ContactVersion], events: list[ChangeEvent], style: Style) -> str:
    lines = ["", style.bold("Versions")]
    lines += [
        f"{local(v.seen_at)}  {len(v.contacts)} contacts, seen on {one_line(v.page_url)}" for v in versions
    ]
    lines += ["", style.bold("Changes")]
    for event in events:
        lines.append(f"{local(event.occurred_at)}  {event.kind}")
        lines += [f"    {style.diff_line(printable(line))}" for line in (event.diff or "").splitlines()[2:]]
    return "\n".join(lines)


def _contact(contact: Contact) -> dict[str, Any]:
    return {"name": contact.name, "role": contact.role, "phones": contact.phones, "emails": contact.emails}


def _version(version: ContactVersion) -> dict[str, Any]:
    return {"seen_at": iso(version.seen_at), "page_url": version.page_url, "contacts": version.contacts}


def _event(event: ChangeEvent) -> dict[str, Any]:
    return {"occurred_at": iso(event.occurred_at), "kind": event.kind, "diff": event.diff}
