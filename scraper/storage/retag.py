"""Re-apply a watchlist to the stored articles (``Store.retag``), one chunk per transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from scraper.storage.models import Article, ArticleTopic

Tagger = Callable[[str], tuple[str, ...]]  # search text -> topic names


def retag_chunk(session: Session, after_id: int, size: int, topics_of: Tagger) -> tuple[int | None, int]:
    """Tag the ``size`` articles after ``after_id``: the last id done (None when none was left), and
    how many articles' topics changed."""
    rows = session.execute(
        select(Article.id, Article.search_text).where(Article.id > after_id).order_by(Article.id).limit(size)
    ).all()
    if not rows:
        return None, 0
    ids = [row.id for row in rows]
    current: defaultdict[int, set[str]] = defaultdict(set)
    for article_id, topic in session.execute(
        select(ArticleTopic.article_id, ArticleTopic.topic).where(ArticleTopic.article_id.in_(ids))
    ):
        current[article_id].add(topic)
    wanted = {row.id: set(topics_of(row.search_text)) for row in rows}
    changed = [i for i in ids if wanted[i] != current[i]]
    if changed:
        session.execute(delete(ArticleTopic).where(ArticleTopic.article_id.in_(changed)))
        tags = [{"article_id": i, "topic": t} for i in changed for t in sorted(wanted[i])]
        if tags:
            session.execute(insert(ArticleTopic), tags)
    return ids[-1], len(changed)
