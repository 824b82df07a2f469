"""The command line on a mirror the real spider crawled: new, show, changes, contacts, topics."""

from __future__ import annotations

import json

import pytest
from conftest import EDITED_TITLE, CrawledSite

from scraper.cli import main
from scraper.content.times import local
from tests.crawling import articles


def run(capsys: pytest.CaptureFixture[str], site: CrawledSite, *args: str) -> tuple[int, str, str]:
    status = main([*args, "--database-url", site.database_url])
    out, err = capsys.readouterr()
    return status, out, err


def run_json(capsys: pytest.CaptureFixture[str], site: CrawledSite, *args: str) -> object:
    status, out, err = run(capsys, site, *args, "--json")
    assert (status, err) == (0, "")
    return json.loads(out)


def test_new_lists_what_was_published_since_a_date_newest_first(capsys, crawled_site: CrawledSite) -> None:
    stored = articles(crawled_site.database_url)
    dates = sorted(a.published_at for a in stored)
    middle = dates[len(dates) // 2]  # every article was first seen today: only publication tells them apart
    listed = run_json(capsys, crawled_site, "new", "--since", middle.isoformat(), "--limit", "1000")
    assert [a["id"] for a in listed] == [
        a.id for a in sorted(stored, key=lambda a: a.published_at, reverse=True) if a.published_at >= middle
    ]
    assert 0 < len(listed) < len(stored)
    seen = run_json(capsys, crawled_site, "new", "--seen-since", middle.isoformat(), "--limit", "1000")
    assert len(seen) == len(stored)
    first = listed[0]
    assert first["published_at"].endswith("+07:00")
    assert set(first) >= {"id", "url", "title", "published_at", "first_seen", "category", "topics", "summary"}
    assert first["site"] == "sotttt"


def test_new_since_last_run_is_what_the_last_crawl_found(capsys, crawled_site: CrawledSite) -> None:
    assert run_json(capsys, crawled_site, "new", "--since", "last-run") == []
    status, out, _ = run(capsys, crawled_site, "new", "--since", "last-run")
    assert status == 0
    assert out.startswith("nothing first seen since ")


def test_new_prints_a_table_with_vietnamese_intact(capsys, crawled_site: CrawledSite) -> None:
    status, out, err = run(capsys, crawled_site, "new", "--seen-since", "30d", "--limit", "5")
    lines = out.splitlines()
    assert status == 0
    total = len(articles(crawled_site.database_url))
    assert err.startswith(f"5 of {total} first seen since ") and err.endswith(": use --limit for more\n")
    assert lines[0].split() == ["id", "site", "published", "first", "seen", "category", "topics", "title"]
    assert len(lines) == 6
    stored = {str(a.id): a for a in articles(crawled_site.database_url)}
    for line in lines[1:]:
        article = stored[line.split()[0]]
        assert line.split()[1] == "sotttt"
        assert article.category in line
        assert article.title[:20] in line or article.title.startswith("<script>")


def test_show_history_gives_both_versions_and_the_diff(capsys, crawled_site: CrawledSite) -> None:
    shown = run_json(capsys, crawled_site, "show", crawled_site.edited_url, "--history")
    assert shown["title"] == EDITED_TITLE
    assert [e["kind"] for e in shown["events"]] == ["created", "updated"]
    assert shown["events"][1]["fields"] == ["title"]
    first, second = shown["versions"]
    assert first["changes"] == []
    [change] = second["changes"]
    assert change["field"] == "title"
    assert f"+{EDITED_TITLE}" in change["diff"].splitlines()

    status, out, _ = run(capsys, crawled_site, "show", str(shown["id"]), "--history")
    assert status == 0
    assert out.splitlines()[0] == f"[{shown['id']}] {EDITED_TITLE}"
    assert "updated: title" in out
    assert f"    +{EDITED_TITLE}" in out.splitlines()
    assert "Version 2, first seen" in out


def test_show_finds_an_article_by_any_spelling_of_its_url(capsys, crawled_site: CrawledSite) -> None:
    by_url = run_json(capsys, crawled_site, "show", crawled_site.edited_url.replace("http://", "https://"))
    by_id = run_json(capsys, crawled_site, "show", str(by_url["id"]))
    assert by_url == by_id
    assert by_url["url"] == crawled_site.edited_url


def test_changes_log_the_update_and_the_removal(capsys, crawled_site: CrawledSite) -> None:
    logged = run_json(capsys, crawled_site, "changes", "--since", "last-run")
    assert sorted((c["kind"], c["url"]) for c in logged) == [
        ("removed", crawled_site.removed_url),
        ("updated", crawled_site.edited_url),
    ]
    removed = next(c for c in logged if c["kind"] == "removed")
    assert removed["details"] == {"status": 410}
    everything = run_json(capsys, crawled_site, "changes", "--since", "1d", "--limit", "1000")
    assert sum(c["kind"] == "created" and c["subject"] == "article" for c in everything) == 40
    assert [c["subject"] for c in everything].count("contacts") == 1

    status, out, _ = run(capsys, crawled_site, "changes", "--since", "last-run")
    assert status == 0
    assert out.splitlines()[0].split() == ["when", "site", "change", "id", "subject", "what"]
    assert any(line.split()[3] == "updated" and line.rstrip().endswith("title") for line in out.splitlines())
    assert any(
        line.split()[3] == "removed" and line.rstrip().endswith("(HTTP 410)") for line in out.splitlines()
    )
    assert all(line.split()[2] == "sotttt" for line in out.splitlines()[1:])
    assert {c["site"] for c in logged} == {"sotttt"}


def test_contacts_show_the_directory_and_its_history(capsys, crawled_site: CrawledSite) -> None:
    shown = run_json(capsys, crawled_site, "contacts", "--history")
    names = [c["name"] for c in shown["contacts"]]
    assert "Bà Phạm Thu Hồng" in names
    assert shown["contacts"][names.index("Bà Phạm Thu Hồng")]["emails"] == ["sotttt@angiang.gov.vn"]
    assert [e["kind"] for e in shown["events"]] == ["created"]
    assert len(shown["versions"]) == 1
    status, out, _ = run(capsys, crawled_site, "contacts")
    assert status == 0
    assert out.splitlines()[0].split() == ["#", "name", "role", "phones", "emails"]
    assert any("Bà Phạm Thu Hồng" in line and "sotttt@angiang.gov.vn" in line for line in out.splitlines())


def test_topics_count_the_tagged_articles(capsys, crawled_site: CrawledSite) -> None:
    listed = run_json(capsys, crawled_site, "topics")
    [border] = listed["topics"]
    assert border["topic"] == "border"
    tagged = run_json(capsys, crawled_site, "new", "--since", "2000-01-01", "--limit", "1000")
    assert border["articles"] == sum("border" in a["topics"] for a in tagged) > 0
    assert listed["retagged"] is None


def test_show_leaves_out_the_fields_an_article_does_not_have(capsys, crawled_site: CrawledSite) -> None:
    stored = articles(crawled_site.database_url)
    bare = next(a for a in stored if not a.source and a.category)
    status, out, _ = run(capsys, crawled_site, "show", str(bare.id))
    assert status == 0
    [meta] = [line for line in out.splitlines() if line.startswith("published ")]
    by = f" · by {', '.join(bare.authors)}" if bare.authors else ""
    assert meta == f"published {local(bare.published_at)} · category {bare.category}{by}"
