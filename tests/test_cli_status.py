"""``python -m scraper.cli status``: the last runs of a real crawl of the mirror."""

from __future__ import annotations

import json

from scraper.cli import main


def test_status_shows_each_run_with_counts_coverage_and_monitors(capsys, crawled_site) -> None:
    assert main(["status", "--database-url", crawled_site.database_url]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["run", "site", "started", "took", "mode", "requests", "new/upd/rm",
                                "coverage", "monitors", "ended"]  # fmt: skip
    incremental, full = lines[1], lines[2]
    assert incremental.split()[1] == full.split()[1] == "sotttt"
    assert " incremental " in incremental and " 0/1/1 " in incremental
    assert " full " in full and " 40/0/0 " in full and "title 100% published 100% body 100%" in full
    assert "9 passed" in full and full.endswith("finished")


def test_status_as_json(capsys, crawled_site) -> None:
    assert main(["status", "--json", "--runs", "1", "--database-url", crawled_site.database_url]) == 0
    [last] = json.loads(capsys.readouterr().out)
    assert (last["mode"], last["updated"], last["removed"], last["finish_reason"]) == (
        "incremental",
        1,
        1,
        "finished",
    )
    assert last["started_at"].endswith("+07:00") and last["seconds"] > 0
    assert last["site"] == "sotttt"
    assert {m["name"].split("/")[0] for m in last["monitors"]} == {
        "SiteMonitor", "FinishReasonMonitor", "FailureRatioMonitor", "ExtractionMonitor", "SiteMoveMonitor"
    }  # fmt: skip
    assert last["coverage"] == {"title": 1.0, "published_at": 1.0, "body_text": 1.0}


def test_status_of_an_empty_database_says_so(capsys, tmp_path) -> None:
    from scraper.storage.store import Store

    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    Store.open(url).close()
    assert main(["status", "--database-url", url]) == 3
    assert capsys.readouterr().err.count("\n") == 1
