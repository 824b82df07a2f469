"""The alert message of one topic for one crawl run: its new and changed articles, in one message."""

from __future__ import annotations

from collections.abc import Sequence

from scraper.content.times import local
from scraper.content.untrusted import one_line
from scraper.content.watchlist import Topic
from scraper.storage.models import Article
from scraper.storage.outbox import Alert

KINDS = {"created": "mới", "updated": "cập nhật"}  # as the press offices read it


def alerts(topic: Topic, found: Sequence[tuple[str, Article]], max_articles: int) -> list[Alert]:
    """One alert per notification URL of ``topic`` for these (kind, article); none without articles."""
    if not found or not topic.notify:
        return []
    new = sum(kind == "created" for kind, _ in found)
    title = f"{one_line(topic.title)}: {new} bài mới, {len(found) - new} bài cập nhật"
    lines = [
        f"• [{KINDS[kind]}] {local(a.published_at or a.first_seen)[:10]} {one_line(a.title)}\n  {a.url}"
        for kind, a in found[:max_articles]
    ]
    if len(found) > max_articles:
        lines.append(f"… và {len(found) - max_articles} bài khác")
    body = "\n".join(lines)
    ids = tuple(a.id for _, a in found)
    return [Alert(topic.name, url, title, body, ids) for url in topic.notify]
