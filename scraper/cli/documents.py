"""``documents [WORDS] [--type Kế hoạch] [--issuer ...] [--year 2024] [--number 34/2024/QĐ-UBND]``.

The documents the department attached (read from their files) or cited (known from the articles'
text), newest issued first; words are searched in their text, folded as articles are (diacritics
and case ignored); a number is found however it is typed (``34/2024/qd-ubnd``). A type or an
issuer is named in part, without diacritics if need be (``--type ke hoach``, ``--issuer "so thong tin"``).
``--history`` adds each document's change log, ``--text`` its text.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from typing import Any

from scraper.cli.base import CliError, Subparsers, reading, write_out
from scraper.cli.listing import add_output, event_note
from scraper.cli.terminal import Style, table
from scraper.content.folding import Phrase
from scraper.content.times import iso, local
from scraper.content.untrusted import one_line, printable, safe_json
from scraper.outputs.labels import document_label, event_name
from scraper.parsers.document_metadata import METADATA_FIELDS
from scraper.parsers.text import fold
from scraper.storage import Session
from scraper.storage import document_queries as queries
from scraper.storage.document_queries import DocumentFilter, Link
from scraper.storage.models import ChangeEvent, Document
from scraper.storage.search import EmptyQuery, phrases


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "documents", help="attached and cited documents: by type, issuer, year, number"
    )
    parser.add_argument("words", nargs="?", help="words to find in their text, e.g. 'phong chong dich'")
    parser.add_argument(
        "--type", action="append", default=[], help="of this type, e.g. 'Kế hoạch' (repeatable)"
    )
    parser.add_argument(
        "--issuer", action="append", default=[], help="issued by a body so named (repeatable)"
    )
    parser.add_argument("--year", type=_year, help="issued in this year")
    parser.add_argument("--number", help="numbered so, however typed: 34/2024/QĐ-UBND, 34/2024/qd-ubnd")
    parser.add_argument("--history", action="store_true", help="each document's change log")
    parser.add_argument("--text", action="store_true", help="each document's text")
    add_output(parser, limit=50)
    return parser


def run(args: argparse.Namespace) -> int:
    try:
        words = phrases(args.words) if args.words else []
    except EmptyQuery as error:
        raise CliError(str(error)) from None
    with reading(args.database_url) as session:
        wanted = document_filter(session, args.type, args.issuer, args.year, args.number, words)
        hits = queries.documents(session, wanted, args.limit)
        found = [hit.document for hit in hits]
        links = queries.links(session, (d.id for d in found))
        events = {d.id: queries.history(session, d.id) for d in found} if args.history else {}
        texts = {d.id: d.text for d in found} if args.text else {}
    if args.json:
        rows = [document_json(d, links.get(d.id, []), events.get(d.id), texts.get(d.id)) for d in found]
        write_out(safe_json(rows, indent=2))
    elif not found:
        write_out("no document is known that fits")
    elif args.history or args.text:
        style = Style.of(args.color)
        write_out(
            "\n\n".join(
                _details(d, links.get(d.id, []), events.get(d.id), texts.get(d.id), style) for d in found
            )
        )
    else:
        write_out(_table(found, links))
    return 0


def document_json(
    document: Document, links: list[Link], events: list[ChangeEvent] | None = None, text: str | None = None
) -> dict[str, Any]:
    """A document as the JSON outputs give it: its metadata (dates ISO), how it was read, its articles."""
    metadata = {name: getattr(document, name) for name in METADATA_FIELDS}
    data: dict[str, Any] = {
        "id": document.id,
        "url": document.url,
        "name": document.name,
        **{k: v.isoformat() if isinstance(v, date) else v for k, v in metadata.items()},
        "format": document.format,
        "size": document.size,
        "text_quality": document.text_quality,
        "error": document.error,
        "first_seen": iso(document.first_seen),
        "last_changed": iso(document.last_changed),
        "articles": [
            {
                "id": link.article.id,
                "url": link.article.url,
                "title": link.article.title,
                "relation": link.relation,
            }
            for link in links
        ],
    }
    if events is not None:
        data["events"] = [
            {"occurred_at": iso(e.occurred_at), "kind": e.kind, "fields": e.fields, "diff": e.diff}
            for e in events
        ]
    if text is not None:
        data["text"] = text
    return data


def _table(found: list[Document], links: dict[int, list[Link]]) -> str:
    rows = [
        [
            str(d.id),
            d.issued_on.isoformat() if d.issued_on else "",
            d.doc_type or "",
            d.number or "",
            d.issuer or "",
            _quality(d),
            str(len({link.article.id for link in links.get(d.id, [])})),
            d.summary or d.name or "",
        ]
        for d in found
    ]
    return table(["id", "issued", "type", "number", "issuer", "text", "articles", "summary"], rows)


def _quality(document: Document) -> str:
    """How the document was read: ok, garbled, no_text; ``cited`` for one known only from an article."""
    return document.text_quality or "cited"


def _details(
    document: Document, links: list[Link], events: list[ChangeEvent] | None, text: str | None, style: Style
) -> str:
    d = document
    lines = [
        style.bold(f"[{d.id}] {document_label(d)}"),
        one_line(d.url or "(cited, no file seen)"),
        " · ".join(
            f"{name} {one_line(str(value))}"
            for name, value in (
                ("issued", d.issued_on),
                ("by", d.issuer),
                ("signed", d.signer and f"{d.signer} ({d.signer_title or ''})"),
                ("effective", d.effective_on),
                ("text", _quality(d)),
            )
            if value
        ),
    ]
    if d.summary:
        lines.append(style.bold(printable(d.summary)))
    if d.error:
        lines.append(f"not read: {one_line(d.error)}")
    lines += [f"{link.relation} by [{link.article.id}] {one_line(link.article.title)}" for link in links]
    for event in events or []:
        lines.append(f"{local(event.occurred_at)}  {event_name(event)}{event_note(event)}")
        if event.diff:
            lines += [f"    {style.diff_line(printable(line))}" for line in event.diff.splitlines()]
    if text:
        lines += ["", printable(text)]
    return "\n".join(lines)


def document_filter(
    session: Session,
    types: Sequence[str],
    issuers: Sequence[str],
    year: int | None,
    number: str | None,
    words: Sequence[Phrase],
) -> DocumentFilter:
    """The documents asked for, with the types and issuers named in part matched to the stored ones
    (``CliError`` for a name no document has)."""
    return DocumentFilter(
        types=_named(queries.doc_types(session), types, "type"),
        issuers=_named(queries.issuers(session), issuers, "issuer"),
        year=year,
        number=number,
        words=words,
    )


def _named(known: list[str], wanted: Sequence[str], what: str) -> list[str]:
    """The stored values that ``wanted`` names, in part, diacritics and case ignored."""
    chosen: list[str] = []
    for name in wanted:
        matching = [value for value in known if fold(name) in fold(value)]
        if not matching:
            raise CliError(f"no document has the {what} {name!r} (known: {', '.join(known) or 'none'})")
        chosen += matching
    return chosen


def _year(text: str) -> int:
    if not (text.isdigit() and 1945 <= int(text) <= 2100):
        raise argparse.ArgumentTypeError(f"a year such as 2024, not {text!r}")
    return int(text)


def documents_of(session: Session, article_id: int) -> list[dict[str, Any]]:
    """An article's documents as ``show`` gives them: how it names them, and what they say."""
    return [
        {"relation": relation, **document_json(document, [])}
        for relation, document in queries.of_articles(session, [article_id]).get(article_id, [])
    ]
