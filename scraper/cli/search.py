"""``search "bien gioi" [--since ...] [--category ...] [--site ...]``: ranked full-text search with snippets.

Diacritics and case do not matter; commas separate phrases that must all be there
(``scraper.storage.search``). Each hit shows where the words are, highlighted.
"""

from __future__ import annotations

import argparse
from typing import Any

from scraper.cli.base import (
    CliError,
    Subparsers,
    add_sites,
    add_window,
    reading,
    wanted_sites,
    window,
    write_out,
)
from scraper.cli.listing import add_output, article_json
from scraper.cli.terminal import Style
from scraper.content.folding import Phrase, Snippet, snippet
from scraper.content.times import local
from scraper.content.untrusted import one_line, safe_json
from scraper.parsers.text import fold
from scraper.storage import queries
from scraper.storage.queries import Filters, Hit
from scraper.storage.search import EmptyQuery, phrases


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("search", help="full-text search, diacritics and case ignored, ranked")
    parser.add_argument(
        "query", help="words to find, e.g. 'bien gioi'; commas separate phrases that must all be there"
    )
    add_window(parser, None, "only articles")
    parser.add_argument("--category", action="append", default=[], help="only this category (repeatable)")
    add_sites(parser)
    add_output(parser, limit=20)
    return parser


def run(args: argparse.Namespace) -> int:
    try:
        wanted = phrases(args.query)
    except EmptyQuery as error:
        raise CliError(str(error)) from None
    with reading(args.database_url) as session:
        filters = Filters(
            categories=chosen_categories(queries.categories(session), args.category),
            sites=wanted_sites(session, args),
        )
        start = window(session, args, filters.sites)
        hits = queries.search(session, wanted, start, filters, args.limit)
        topics = queries.topics(session, (h.article.id for h in hits))
        found = [(hit, hit_snippet(hit, wanted)) for hit in hits]
    if args.json:
        write_out(
            safe_json([hit_json(hit, text, topics.get(hit.article.id, [])) for hit, text in found], indent=2)
        )
        return 0
    if not found:
        write_out(f"no article has {' + '.join(repr(' '.join(p)) for p in wanted)}")
        return 0
    style = Style.of(args.color)
    for position, (hit, text) in enumerate(found, 1):
        article = hit.article
        heading = f"{position}. [{article.id}] {local(article.published_at or article.first_seen)}"
        about = f"{article.site}  {one_line(article.category)}"
        write_out(f"{heading}  {about}  {style.bold(one_line(article.title))}")
        write_out(f"   {style.snippet(text) if text else ''}")
        write_out(f"   {style.dim(one_line(article.url))}")
    return 0


def chosen_categories(known: list[str], wanted: list[str]) -> list[str]:
    """The categories of ``known`` (the stored ones) named by ``--category`` (diacritics and case ignored)."""
    chosen = []
    for name in wanted:
        matching = [c for c in known if fold(c) == fold(name)]
        if not matching:
            raise CliError(f"unknown category {name!r} (categories: {', '.join(known) or 'none'})")
        chosen += matching
    return chosen


def hit_snippet(hit: Hit, wanted: list[Phrase]) -> Snippet | None:
    article = hit.article
    body = "\n".join(t for t in (article.summary, article.body_text) if t)
    return snippet(body, wanted) or snippet(article.title, wanted)


def hit_json(hit: Hit, text: Snippet | None, topics: list[str]) -> dict[str, Any]:
    return {
        **article_json(hit.article, topics),
        "rank": hit.rank,
        "snippet": text.text if text else None,
        "matches": [part for part, matched in text.parts if matched] if text else [],
    }
