"""Adding a site is adding a profile file: a WordPress site (a platform no layout profile of the code
knows) crawled with a profile in a user's folder and no code change, compared with the mirror's truth."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from mirror.testing import MirrorServer
from tests.crawling import articles, crawl, event_counts, failed_monitors, last_run, write_profile

pytestmark = pytest.mark.crawl


@pytest.fixture(scope="module")
def mirror() -> Iterator[MirrorServer]:
    with MirrorServer(articles=30, layout="wordpress") as server:
        yield server


def test_a_wordpress_site_added_by_a_profile_file_is_crawled_whole(mirror, tmp_path: Path) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    politeness = {"download_delay": 0.0, "concurrent_requests_per_domain": 8}
    write_profile(
        folder, "wpsite", mirror.url, platform="wordpress", sitemaps=["/wp-sitemap.xml"], feeds=["/feed/"],
        politeness=politeness,
    )  # fmt: skip
    database = f"sqlite:///{tmp_path / 'wp.sqlite3'}"
    settings = {"SITE_PROFILES_DIR": folder}
    crawl(None, database, "full", settings=settings, args=["-a", "site=wpsite"])
    run = last_run(database)
    assert run.site == "wpsite" and failed_monitors(database) == set()
    assert run.stats["sotttt/platform/wordpress"] > 0 and "sotttt/platform/drupal" not in run.stats

    live = {t["url"]: t for t in mirror.articles("live")}
    stored = {a.url: a for a in articles(database)}
    assert set(stored) == set(live)  # every post, at its permalink, and nothing else
    for url, truth in live.items():
        article = stored[url]
        assert (article.site, article.title, article.category) == (
            "wpsite",
            truth["title"],
            truth["category"],
        )
        assert article.published_at == datetime.fromisoformat(truth["published_at"])
        assert article.body_text.split("\n\n")[0] == truth["body"][0]
    assert event_counts(database, run.id) == {"created": len(live)}

    crawl(None, database, "incremental", settings=settings, args=["-a", "site=wpsite"])
    assert event_counts(database, last_run(database).id) == {}  # unchanged: nothing written
