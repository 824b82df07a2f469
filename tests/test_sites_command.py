"""``python -m scraper.sites``: the profiles listed and checked, and every site crawled in one run,
each with its own politeness, into one database, as a scheduler runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mirror.testing import MirrorServer
from tests.crawling import ROOT, articles, runs, write_profile

QUICK = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "LOG_LEVEL=WARNING"]


def sites(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scraper.sites", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_list_shows_the_shipped_profile_with_its_successors() -> None:
    result = sites("list")
    assert result.returncode == 0, result.stderr
    name, platform, hosts, display, source = result.stdout.splitlines()[0].split("\t")
    assert (name, platform, display) == ("sotttt", "detect", "Sở Thông tin và Truyền thông tỉnh An Giang")
    assert hosts == (
        "sotttt.angiang.gov.vn, www.sotttt.angiang.gov.vn -> sokhcn.angiang.gov.vn, skhcn.angiang.gov.vn"
    )
    assert source.endswith("scraper/sites/sotttt.toml")


def test_a_malformed_profile_is_one_line_naming_its_file(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text('name = "bad"\nhosts = ["a.example"]\nstart_urls = ["ftp://a"]\n')
    result = sites("--profiles", str(tmp_path), "check")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"python -m scraper.sites: site profile {tmp_path / 'bad.toml'}: "
        "start URL 'ftp://a' is not an http(s) address"
    )
    assert sites("crawl", "--site", "nowhere").stderr.strip() == "no site profile 'nowhere' (known: sotttt)"


@pytest.mark.crawl
def test_one_run_crawls_every_site_into_one_database(tmp_path: Path) -> None:
    folder = tmp_path / "profiles"
    folder.mkdir()
    database = f"sqlite:///{tmp_path / 'all.sqlite3'}"
    with (
        MirrorServer(articles=20) as drupal,
        MirrorServer(articles=20, layout="wordpress", seed=1) as wordpress,
    ):
        politeness = {"download_delay": 0.0, "concurrent_requests_per_domain": 8}
        write_profile(folder, "drupalsite", drupal.url, feeds=[], politeness=politeness)
        write_profile(
            folder, "wpsite", wordpress.url, platform="wordpress", sitemaps=["/wp-sitemap.xml"], feeds=[],
            politeness=politeness,
        )  # fmt: skip
        checked = sites("--profiles", str(folder), "check")
        assert checked.stdout.strip() == "3 site profiles read: sotttt, drupalsite, wpsite"
        env = {"DATABASE_URL": database}
        command = ["--profiles", str(folder), "crawl", "--site", "drupalsite", "--site", "wpsite"]
        result = sites(*command, "--mode", "full", "--", *QUICK, env=env)
        assert result.returncode == 0, result.stderr[-3000:]
        said = [line for line in result.stderr.splitlines() if " crawl exited " in line]
        assert said == ["drupalsite: full crawl exited 0", "wpsite: full crawl exited 0"]
        stored = articles(database)
        by_site = {site: {a.url for a in stored if a.site == site} for site in ("drupalsite", "wpsite")}
        assert by_site == {
            "drupalsite": {t["url"] for t in drupal.articles("live")},
            "wpsite": {t["url"] for t in wordpress.articles("live")},
        }
        assert [(run.site, run.mode) for run in runs(database)] == [
            ("drupalsite", "full"),
            ("wpsite", "full"),
        ]
        # Each site's politeness is its profile's (no -s given for them).
        politeness = [
            (
                run.stats["sotttt/politeness/concurrent_requests_per_domain"],
                run.stats["sotttt/politeness/download_delay"],
            )
            for run in runs(database)
        ]
        assert politeness == [(8, 0.0), (8, 0.0)]
