"""``show URL|ID [--history]``: an article, and with ``--history`` every version and what changed."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from typing import Any

from scraper.cli.base import CliError, Subparsers, reading, write_out
from scraper.cli.documents import documents_of
from scraper.cli.listing import event_note
from scraper.cli.terminal import Style, add_color
from scraper.content.times import iso, local
from scraper.content.untrusted import one_line, printable, safe_json
from scraper.content.versions import FieldChange, compare
from scraper.storage import Session, queries
from scraper.storage.models import Article, ArticleVersion, Attachment, ChangeEvent


@dataclass
class Shown:
    article: Article
    urls: list[str]
    topics: list[str]
    attachments: list[Attachment]
    documents: list[dict[str, Any]]
    versions: list[tuple[ArticleVersion, list[FieldChange]]] = field(default_factory=list)
    events: list[ChangeEvent] = field(default_factory=list)


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("show", help="one article; --history: its versions and their differences")
    parser.add_argument("article", help="the article's id, or any URL it was seen under")
    parser.add_argument("--history", action="store_true", help="every version, the change log, the diffs")
    parser.add_argument("--json", action="store_true", help="print JSON")
    add_color(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    with reading(args.database_url) as session:
        article = queries.article(session, args.article)
        if article is None:
            raise CliError(f"no article known as {one_line(args.article)!r}")
        shown = gather(session, article, args.history)
    write_out(safe_json(shown_json(shown), indent=2) if args.json else _text(shown, Style.of(args.color)))
    return 0


def gather(session: Session, article: Article, history: bool) -> Shown:
    shown = Shown(
        article,
        queries.urls(session, article.id),
        queries.topics(session, [article.id]).get(article.id, []),
        queries.attachments(session, article.id),
        documents_of(session, article.id),
    )
    if history:
        stored = queries.versions(session, article.id)
        shown.versions = [
            (version, compare(stored[n - 1].record, version.record) if n else [])
            for n, version in enumerate(stored)
        ]
        shown.events = queries.history(session, article.id)
    return shown


def shown_json(shown: Shown) -> dict[str, Any]:
    a = shown.article
    data: dict[str, Any] = {
        "id": a.id,
        "site": a.site,
        "url": a.url,
        "urls": shown.urls,
        "title": a.title,
        "status": a.status,
        "published_at": iso(a.published_at),
        "updated_at": iso(a.updated_at),
        "first_seen": iso(a.first_seen),
        "last_seen": iso(a.last_seen),
        "category": a.category,
        "source": a.source,
        "authors": a.authors,
        "tags": a.tags,
        "topics": shown.topics,
        "summary": a.summary,
        "body_text": a.body_text,
        "attachments": [
            {"name": f.name, "url": f.url, "type": f.type, "size": f.size} for f in shown.attachments
        ],
        "documents": shown.documents,
    }
    if shown.versions:
        data["versions"] = [
            {
                "seen_at": iso(version.seen_at),
                "run_id": version.run_id,
                "content_hash": version.content_hash,
                "changes": [{"field": c.field, "diff": c.diff} for c in changes],
            }
            for version, changes in shown.versions
        ]
        data["events"] = [
            {"occurred_at": iso(e.occurred_at), "kind": e.kind, "fields": e.fields, "details": e.details}
            for e in shown.events
        ]
    return data


def _document_line(document: dict[str, Any]) -> str:
    """``document (attached): Kế hoạch 512/KH-STTTT · of 2024-05-01 · by Sở ... · text ok``."""
    name = " ".join(p for p in (document["doc_type"], document["number"] or document["name"]) if p)
    about = _labelled(
        ("of", document["issued_on"]),
        ("by", one_line(document["issuer"])),
        ("text", document["text_quality"] or "cited"),
    )
    return f"document ({document['relation']}): {one_line(name)} · {about}"


def _labelled(*fields: tuple[str, str]) -> str:
    """``label value · label value``, leaving out what the article does not have."""
    return " · ".join(f"{label} {value}" for label, value in fields if value) or "-"


def _text(shown: Shown, style: Style) -> str:
    a = shown.article
    status = "" if a.status == "live" else f"  [{a.status}]"
    lines = [
        style.bold(f"[{a.id}] {one_line(a.title)}") + status,
        one_line(a.url),
        *(f"  also: {one_line(u)}" for u in shown.urls if u != a.url),
        _labelled(
            ("published", local(a.published_at)),
            ("category", one_line(a.category)),
            ("source", one_line(a.source)),
            ("by", one_line(", ".join(a.authors))),
        ),
        f"first seen {local(a.first_seen)} · last seen {local(a.last_seen)}"
        f" · topics {', '.join(shown.topics) or '-'} · tags {one_line(', '.join(a.tags)) or '-'}",
        "",
    ]
    if a.summary:
        lines += [style.bold(printable(a.summary)), ""]
    lines.append(printable(a.body_text))
    lines += [f"attachment: {one_line(f.name)} ({f.type}) {one_line(f.url)}" for f in shown.attachments]
    lines += [_document_line(d) for d in shown.documents]
    if shown.versions:
        lines += ["", style.bold("Change log")]
        lines += [f"{local(e.occurred_at)}  {e.kind}{event_note(e)}" for e in shown.events]
        for number, (version, changes) in enumerate(shown.versions, 1):
            lines += ["", style.bold(f"Version {number}, first seen {local(version.seen_at)}")]
            for change in changes:
                lines.append(f"  {change.field}:")
                lines += [f"    {style.diff_line(printable(line))}" for line in change.diff.splitlines()]
    return "\n".join(lines)
