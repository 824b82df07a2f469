"""Lists of articles, as a table for people or JSON for programs (``new``, ``search``, ``feed``...)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from scraper.cli.base import positive_count
from scraper.cli.terminal import add_color, table
from scraper.content.times import iso, local
from scraper.content.untrusted import one_line
from scraper.storage.models import Article, ChangeEvent


def add_output(parser: argparse.ArgumentParser, limit: int) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument(
        "--limit", type=positive_count, default=limit, help="at most this many (default: %(default)s)"
    )
    add_color(parser)


def article_json(article: Article, topics: Sequence[str]) -> dict[str, Any]:
    """An article as the JSON outputs give it: times ISO 8601 in +07:00."""
    return {
        "id": article.id,
        "site": article.site,
        "url": article.url,
        "title": article.title,
        "published_at": iso(article.published_at),
        "first_seen": iso(article.first_seen),
        "category": article.category,
        "status": article.status,
        "summary": article.summary,
        "topics": list(topics),
    }


def articles_table(articles: Sequence[Article], topics: dict[int, list[str]]) -> str:
    """One line per article: id, site, publication and first-seen times, category, topics, title."""
    rows = [
        [
            str(a.id),
            a.site,
            local(a.published_at),
            local(a.first_seen),
            a.category or "",
            ",".join(topics.get(a.id, [])),
            a.title + (" [removed]" if a.status == "removed" else ""),
        ]
        for a in articles
    ]
    return table(["id", "site", "published", "first seen", "category", "topics", "title"], rows)


def event_note(event: ChangeEvent) -> str:
    """What an event adds to its kind: the fields that changed, where it moved, the HTTP status."""
    if event.fields:
        return ": " + ", ".join(event.fields)
    details = event.details or {}
    if "from" in details:
        return f": {one_line(details['from'])} -> {one_line(details['to'])}"
    return f" (HTTP {details['status']})" if "status" in details else ""
