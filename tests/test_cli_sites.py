"""``--site NAME``: on a database holding two sites, every command that lists articles, changes or runs
keeps only the sites named; the outputs say each row's site; an unknown site is one line, exit 2."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import feedparser
import pytest

from scraper.cli import main
from scraper.sites.profiles import default_site
from scraper.storage import Store, queries
from tests.store_factories import (
    OTHER,
    other_record,
    record,
    store_two_sites,
)


@pytest.fixture
def two_sites(database_url: str) -> str:
    """sotttt: articles 1-3 (1 and 3 of the border topic); sonnptnt: articles 11-12 (11 border), then
    a second run of sonnptnt that removes 12."""
    store_two_sites(database_url)
    return database_url


def run(capsys: pytest.CaptureFixture[str], database_url: str, *args: str) -> tuple[int, str, str]:
    status = main([*args, "--database-url", database_url])
    out, err = capsys.readouterr()
    return status, out, err


def run_json(capsys: pytest.CaptureFixture[str], database_url: str, *args: str) -> object:
    status, out, err = run(capsys, database_url, *args, "--json")
    assert (status, err) == (0, ""), err
    return json.loads(out)


def titles(listed: object) -> list[str]:
    assert isinstance(listed, list)
    return [a["title"] for a in listed]


def test_the_stored_sites_are_those_of_articles_and_runs(two_sites: str) -> None:
    with Store.open(two_sites) as store, store.reading() as session:
        assert queries.sites(session) == ["sonnptnt", "sotttt"]
        assert queries.crawl_runs(session, ["sonnptnt"]) == 2
        assert [r.site for r in queries.recent_runs(session, 10)] == ["sonnptnt", "sonnptnt", "sotttt"]
        assert [r.site for r in queries.recent_runs(session, 10, sites=["sotttt"])] == ["sotttt"]
        # --since last-run with --site: since the last run of those sites began.
        ours, theirs = (
            queries.last_run_start(session, ["sotttt"]),
            queries.last_run_start(session, ["sonnptnt"]),
        )
        assert ours is not None and theirs is not None and ours < theirs
        assert queries.last_run_start(session) == theirs


def test_new_keeps_the_sites_named_and_shows_each_articles_site(capsys, two_sites: str) -> None:
    every = run_json(capsys, two_sites, "new", "--seen-since", "2000-01-01")
    assert sorted((a["site"], a["title"]) for a in every) == sorted(
        [("sotttt", record(n).title) for n in (1, 3)]
        + [
            ("sotttt", "Hội nghị chuyển đổi số"),
            ("sonnptnt", other_record(11).title),
            ("sonnptnt", "Mùa lúa mới"),
        ]
    )
    other = run_json(capsys, two_sites, "new", "--seen-since", "2000-01-01", "--site", "sonnptnt")
    assert titles(other) == [other_record(11).title, "Mùa lúa mới"]
    assert {a["site"] for a in other} == {"sonnptnt"}
    both = run_json(
        capsys, two_sites, "new", "--seen-since", "2000-01-01", "--site", "sonnptnt", "--site", "sotttt"
    )
    assert both == every
    status, out, _ = run(capsys, two_sites, "new", "--seen-since", "2000-01-01", "--site", "sonnptnt")
    lines = out.splitlines()
    assert status == 0 and lines[0].split()[:2] == ["id", "site"]
    assert [line.split()[1] for line in lines[1:]] == ["sonnptnt", "sonnptnt"]


def test_an_unknown_site_is_one_line_naming_the_stored_ones(capsys, two_sites: str, tmp_path: Path) -> None:
    for command in (
        ["new"],
        ["search", "bien gioi"],
        ["changes"],
        ["export", "-o", str(tmp_path / "x.csv")],
        ["status"],
        ["feed", "--topic", "border", "-o", str(tmp_path / "x.xml")],
    ):
        status, out, err = run(capsys, two_sites, *command, "--site", "nope")
        assert (status, out) == (2, ""), command
        assert err == "python -m scraper.cli: error: unknown site 'nope' (sites: sonnptnt, sotttt)\n", command
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "x.xml").exists()


def test_search_by_site(capsys, two_sites: str) -> None:
    found = run_json(capsys, two_sites, "search", "bien gioi")
    assert sorted(h["site"] for h in found) == ["sonnptnt", "sotttt", "sotttt"]
    other = run_json(capsys, two_sites, "search", "bien gioi", "--site", "sonnptnt")
    assert [(h["site"], h["title"]) for h in other] == [("sonnptnt", other_record(11).title)]
    ours = run_json(capsys, two_sites, "search", "bien gioi", "--site", "sotttt", "--category", "tin tuc")
    assert sorted(h["title"] for h in ours) == sorted([record(1).title, record(3).title])
    assert (
        run_json(capsys, two_sites, "search", "bien gioi", "--site", "sotttt", "--category", "nong nghiep")
        == []
    )
    status, out, _ = run(capsys, two_sites, "search", "bien gioi", "--site", "sonnptnt", "--color", "never")
    assert status == 0 and "  sonnptnt  Nông nghiệp  " in out.splitlines()[0]


def test_changes_by_site(capsys, two_sites: str) -> None:
    every = run_json(capsys, two_sites, "changes", "--since", "2000-01-01")
    assert {c["site"] for c in every} == {"sotttt", "sonnptnt"}
    other = run_json(capsys, two_sites, "changes", "--since", "2000-01-01", "--site", "sonnptnt")
    assert [c["site"] for c in other] == ["sonnptnt"] * len(other)
    assert sorted((c["kind"], c["url"]) for c in other if c["subject"] == "article") == sorted(
        [
            ("created", other_record(11).url),
            ("created", other_record(12).url),
            ("removed", other_record(12).url),
        ]
    )
    ours = run_json(capsys, two_sites, "changes", "--since", "2000-01-01", "--site", "sotttt")
    assert len(ours) + len(other) == len(every)
    assert run_json(capsys, two_sites, "changes", "--site", "sonnptnt") == []  # none since its last run
    status, out, _ = run(capsys, two_sites, "changes", "--since", "2000-01-01", "--site", "sonnptnt")
    lines = out.splitlines()
    assert status == 0 and lines[0].split()[:3] == ["when", "site", "change"]
    assert [line.split()[2] for line in lines[1:]] == ["sonnptnt"] * len(other)


def test_export_by_site(capsys, two_sites: str, tmp_path: Path) -> None:
    status, out, _ = run(capsys, two_sites, "export", "--format", "jsonl", "--site", "sonnptnt", "-o", "-")
    records = [json.loads(line) for line in out.splitlines()]
    assert status == 0 and [(r["site"], r["url"]) for r in records] == [
        ("sonnptnt", other_record(11).url),
        ("sonnptnt", other_record(12).url),
    ]
    target = tmp_path / "sotttt.csv"
    assert run(capsys, two_sites, "export", "--site", "sotttt", "-o", str(target))[0] == 0
    rows = list(csv.DictReader(target.read_text(encoding="utf-8-sig").splitlines(keepends=True)))
    assert [(r["id"], r["site"]) for r in rows] == [("1", "sotttt"), ("2", "sotttt"), ("3", "sotttt")]


def test_status_by_site(capsys, two_sites: str) -> None:
    runs = run_json(capsys, two_sites, "status")
    assert [r["site"] for r in runs] == ["sonnptnt", "sonnptnt", "sotttt"]
    assert [(r["site"], r["new"]) for r in run_json(capsys, two_sites, "status", "--site", "sotttt")] == [
        ("sotttt", 3)
    ]
    status, out, _ = run(capsys, two_sites, "status", "--site", "sonnptnt")
    lines = out.splitlines()
    assert status == 0 and lines[0].split()[:2] == ["run", "site"]
    assert [line.split()[1] for line in lines[1:]] == ["sonnptnt", "sonnptnt"]


def test_a_topic_feed_of_a_site_is_named_after_it(capsys, two_sites: str, tmp_path: Path) -> None:
    def feed(*args: str) -> feedparser.FeedParserDict:
        target = tmp_path / "feed.xml"
        status, _, err = run(capsys, two_sites, "feed", "--topic", "border", "-o", str(target), *args)
        assert (status, err) == (0, "")
        return feedparser.parse(target.read_bytes())

    every = feed()
    assert sorted(e.title for e in every.entries) == sorted(
        [record(1).title, record(3).title, other_record(11).title]
    )
    assert every.feed.title.endswith(f" – {default_site().base_url}")
    ours = feed("--site", "sotttt")
    assert sorted(e.title for e in ours.entries) == sorted([record(1).title, record(3).title])
    assert (
        ours.feed.title
        == "Biên giới, biển đảo và thông tin đối ngoại – Sở Thông tin và Truyền thông tỉnh An Giang"
    )
    assert ours.feed.link == "https://sotttt.angiang.gov.vn"
    assert ours.feed.id == "tag:sotttt.angiang.gov.vn,2018:topic/border/sites/sotttt"
    other = feed("--site", "sonnptnt")  # no profile of that name here: named by its name
    assert [e.title for e in other.entries] == [other_record(11).title]
    assert other.feed.title.endswith(" – sonnptnt") and other.feed.id != every.feed.id


def test_a_feed_of_a_site_with_a_profile_takes_its_name_and_address(
    capsys, two_sites: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    (profiles / "sonnptnt.toml").write_text(
        f'name = "sonnptnt"\ndisplay_name = "{OTHER.display_name}"\nhosts = ["{OTHER.hosts[0]}"]\n'
        f'start_urls = ["{OTHER.start_urls[0]}"]\n',
        encoding="utf-8",
    )
    monkeypatch.setattr("scraper.cli.feed.SITE_PROFILES_DIR", str(profiles))
    target = tmp_path / "feed.xml"
    status, _, _ = run(
        capsys, two_sites, "feed", "--topic", "border", "--site", "sonnptnt", "-o", str(target)
    )
    parsed = feedparser.parse(target.read_bytes())
    assert status == 0 and [e.title for e in parsed.entries] == [other_record(11).title]
    assert parsed.feed.title.endswith(f" – {OTHER.display_name}")
    assert parsed.feed.link == OTHER.base_url
    assert parsed.feed.id == "tag:sonnptnt.angiang.gov.vn,2018:topic/border/sites/sonnptnt"


def test_a_report_of_a_site_counts_and_shows_its_articles_alone(
    capsys, two_sites: str, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    status, _, err = run(capsys, two_sites, "report", "--site", OTHER.name, "-o", str(out))
    assert (status, err) == (0, "")
    page = out.read_text(encoding="utf-8")
    assert f"<h1>Báo cáo theo dõi {OTHER.name}</h1>" in page  # no profile of it here: its name
    assert "· 2 bài (1 đã gỡ) ·" in page
    assert "Nông nghiệp" in page and record(2).title not in page
    assert "(border): 1 bài</h3>" in page
    assert other_record(11).title in page and record(1).url not in page
    everything = tmp_path / "all.html"
    assert run(capsys, two_sites, "report", "-o", str(everything))[0] == 0
    assert "· 5 bài (1 đã gỡ) ·" in everything.read_text(encoding="utf-8")
