"""The department's move, end to end: a crawl before it, during it (some articles republished on the
successor host, their old addresses redirecting, gone or kept), and after it (the old host
redirecting everything, then answering nothing), against the mirror's two hosts over real HTTP.

Measured against the mirror's truth: every article stays the one article it was (one ``moved``
event each, no spurious ``created`` or ``removed``), the successor's own posts are new, and the
whole-site move is said once, with the new address, in the stats and by the monitors.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mirror.testing import MirrorServer
from scraper.storage.models import Article, ArticleUrl
from scraper.urls import identity
from tests.crawling import (
    articles,
    crawl,
    event_counts,
    events_per_article,
    failed_monitors,
    last_run,
    session,
    write_profile,
)

pytestmark = pytest.mark.crawl

SITE = "agmirror"
REDIRECTED, GONE, KEPT = [3, 4, 5, 6], [7, 8, 9], [10, 11]


@pytest.fixture(scope="module")
def mirror() -> Iterator[MirrorServer]:
    with MirrorServer(articles=30, successor=True) as server:
        yield server


@pytest.fixture(scope="module")
def profiles(mirror: MirrorServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user's profile folder: the mirror's site, its successor on the second loopback address."""
    folder = tmp_path_factory.mktemp("profiles")
    write_profile(folder, SITE, mirror.url, successor_url=mirror.successor_url)
    return folder


def crawl_site(profiles: Path, database_url: str, mode: str, expect_status: int = 0) -> int:
    """A crawl of the profile's site (no base_url: the profile's own hosts); the run's id."""
    crawl(
        None,
        database_url,
        mode,
        settings={"SITE_PROFILES_DIR": profiles},
        expect_status=expect_status,
        args=["-a", f"site={SITE}"],
    )
    return last_run(database_url).id


def article_ids_by_old_url(database_url: str, mirror: MirrorServer, indexes: list[int]) -> list[int]:
    with session(database_url) as db:
        owners = select(ArticleUrl.identity, ArticleUrl.article_id)
        by_identity = dict(db.execute(owners).all())
    return [by_identity[identity(mirror.url_of(i))] for i in indexes]


def test_the_move_keeps_every_article_and_its_history(mirror, profiles, tmp_path) -> None:
    database = f"sqlite:///{tmp_path / 'move.sqlite3'}"
    before = crawl_site(profiles, database, "full")
    live, own_posts = mirror.articles("live"), mirror.successor_articles()
    assert len(own_posts) == 8  # the successor publishes already: its posts are the site's too
    assert event_counts(database, before) == {"created": len(live) + len(own_posts)}

    # During: some articles republished on the successor, the old host redirecting, gone or kept.
    mirror.migrate(REDIRECTED, old="redirect")
    mirror.migrate(GONE, old="gone", status=410)
    mirror.migrate(KEPT, old="keep")
    during = crawl_site(profiles, database, "full")
    counts = event_counts(database, during)
    assert counts.get("removed", 0) == 0 and counts.get("restored", 0) == 0
    assert counts.get("created", 0) == 0 and counts.get("updated", 0) == 0
    migrated = article_ids_by_old_url(database, mirror, REDIRECTED + GONE + KEPT)
    assert events_per_article(database, during, "moved") == dict.fromkeys(migrated, 1)
    stored = {a.id: a for a in articles(database)}
    for index, article_id in zip(REDIRECTED + GONE + KEPT, migrated, strict=True):
        truth = mirror.article(index)
        article = stored[article_id]
        assert (article.title, article.status, article.site) == (truth["title"], "live", SITE)
        assert article.published_at == datetime.fromisoformat(truth["published_at"])
        with session(database) as db:
            seen = set(db.scalars(select(ArticleUrl.identity).where(ArticleUrl.article_id == article_id)))
        assert {identity(truth["successor_url"]), identity(mirror.url_of(index))} <= seen
    assert len(stored) == len(live) + len(own_posts)

    # After: the old host sends every address to the successor.
    mirror.move_site("redirect")
    after = crawl_site(profiles, database, "full", expect_status=3)  # the monitors fail: the site moved
    counts = event_counts(database, after)
    assert counts.get("created", 0) == 0 and counts.get("removed", 0) == 0
    moved_now = events_per_article(database, after, "moved")
    assert set(moved_now.values()) == {1}
    assert len(moved_now) == len(live) - len(migrated)  # every article not moved before, once
    run = last_run(database)
    assert run.stats["sotttt/site/moved_to"].startswith(mirror.successor_url or "?")
    assert "test_site_has_not_moved" in failed_monitors(database)  # the site moved: the run says so
    with session(database) as db:
        assert db.scalar(select(func.count()).select_from(Article).where(Article.status != "live")) == 0

    # An unchanged incremental run across both hosts: a handful of requests, nothing written.
    mirror.reset_log()
    again = crawl_site(profiles, database, "incremental", expect_status=3)
    assert event_counts(database, again) == {}
    requests = sorted((entry["host"], entry["target"]) for entry in mirror.log())
    assert len(requests) <= 8, requests
    assert ("old", "/sitemap.xml") in requests and ("successor", "/sitemap.xml") in requests

    # The old host answers nothing now: the successor still does, and the move is said again.
    mirror.move_site("down")
    down = crawl_site(profiles, database, "incremental", expect_status=3)
    assert event_counts(database, down) == {}
    assert last_run(database).stats["sotttt/site/moved_to"].startswith(mirror.successor_url or "?")
    assert "test_site_has_not_moved" in failed_monitors(database)
