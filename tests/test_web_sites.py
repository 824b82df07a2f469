"""``site=`` on the web (pages, API, feeds) over a database of two sites: the command line's answers
with ``--site``, the site shown in the forms and results, an unknown site a plain 400."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import feedparser
import httpx
import pytest
from lxml import html

from scraper.cli import main
from tests.store_factories import (
    other_record,
    record,
    store_two_sites,
)
from tests.web_server import serving

SITES = ("sonnptnt", "sotttt")


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('sites') / 'sites.sqlite3'}"
    store_two_sites(url)
    return url


@pytest.fixture(scope="module")
def web(database: str) -> Iterator[str]:
    with serving(database) as base_url:
        yield base_url


def cli(capsys: pytest.CaptureFixture[str], database: str, *args: str) -> Any:
    status = main([*args, "--json", "--database-url", database])
    out, err = capsys.readouterr()
    assert (status, err) == (0, ""), err
    return json.loads(out)


def get(web: str, path: str, status: int = 200, **params: Any) -> Any:
    response = httpx.get(f"{web}{path}", params=params or None, timeout=10)
    assert response.status_code == status, response.text
    return response.json()


def test_the_api_by_site_is_the_command_lines(capsys, web: str, database: str) -> None:
    for site in SITES:
        new = cli(capsys, database, "new", "--seen-since", "2000-01-01", "--site", site)
        assert new and {a["site"] for a in new} == {site}
        answer = get(web, "/api/new", seen_since="2000-01-01", site=site)
        assert answer["items"] == new and answer["total"] == len(new)
        found = cli(capsys, database, "search", "bien gioi", "--site", site)
        assert found and {h["site"] for h in found} == {site}
        assert get(web, "/api/search", q="bien gioi", site=site)["items"] == found
        changes = cli(capsys, database, "changes", "--since", "2000-01-01", "--site", site, "--limit", "100")
        assert changes and {c["site"] for c in changes} == {site}
        assert get(web, "/api/changes", since="2000-01-01", site=site, limit=100)["items"] == changes
    both = get(web, "/api/new", seen_since="2000-01-01", site=list(SITES))
    assert both["items"] == get(web, "/api/new", seen_since="2000-01-01")["items"]
    assert both["items"] == cli(capsys, database, "new", "--seen-since", "2000-01-01")
    assert [a["title"] for a in get(web, "/api/new", seen_since="2000-01-01", site="sonnptnt")["items"]] == [
        other_record(11).title,
        "Mùa lúa mới",
    ]
    assert [r["site"] for r in get(web, "/api/runs")["items"]] == ["sonnptnt", "sonnptnt", "sotttt"]
    assert get(web, "/api/runs")["items"] == cli(capsys, database, "status")


@pytest.mark.parametrize(
    ("api", "page"),
    [("/api/new", "/"), ("/api/search?q=bien+gioi", "/search?q=bien+gioi"), ("/api/changes", "/changes")],
)
def test_an_unknown_site_is_a_400(web: str, api: str, page: str) -> None:
    def asking(path: str) -> str:
        return f"{web}{path}{'&' if '?' in path else '?'}site=nope"

    error = httpx.get(asking(api)).json()["error"]
    assert error == "unknown site 'nope' (sites: sonnptnt, sotttt)"
    shown = httpx.get(asking(page))
    assert shown.status_code == 400 and "unknown site &#39;nope&#39; (sites: sonnptnt, sotttt)" in shown.text


def test_the_pages_offer_the_sites_and_show_them(web: str) -> None:
    home = html.fromstring(httpx.get(f"{web}/?seen_since=2000-01-01&site=sonnptnt").text)
    assert home.xpath("//select[@name='site']/option/@value") == ["", "sonnptnt", "sotttt"]
    assert home.xpath("//select[@name='site']/option[@selected]/@value") == ["sonnptnt"]
    rows = home.xpath("//table[@class='list']/tbody/tr")
    assert [r.xpath("string(td[2]/a)") for r in rows] == [other_record(11).title, "Mùa lúa mới"]
    assert [r.xpath("string(td[@class='site'])") for r in rows] == ["sonnptnt", "sonnptnt"]
    [next_page] = html.fromstring(
        httpx.get(f"{web}/?seen_since=2000-01-01&site=sonnptnt&limit=1").text
    ).xpath("//a[@rel='next']/@href")
    assert "site=sonnptnt" in next_page

    found = html.fromstring(httpx.get(f"{web}/search?q=bien+gioi&site=sotttt").text)
    assert found.xpath("//select[@name='site']/option[@selected]/@value") == ["sotttt"]
    assert found.xpath("//li[@class='hit']//span[@class='site']/text()") == ["sotttt", "sotttt"]

    changes = html.fromstring(httpx.get(f"{web}/changes?since=2000-01-01&site=sonnptnt&limit=100").text)
    assert changes.xpath("//select[@name='site']/option[@selected]/@value") == ["sonnptnt"]
    assert set(changes.xpath("//table[@class='list']/tbody/tr/td[@class='site']/text()")) == {"sonnptnt"}
    runs = html.fromstring(httpx.get(f"{web}/runs").text)
    assert runs.xpath("//table/tbody/tr/td[@class='site']/text()") == ["sonnptnt", "sonnptnt", "sotttt"]


def test_the_feeds_by_site(capsys, web: str, database: str, tmp_path: Path) -> None:
    every = feedparser.parse(httpx.get(f"{web}/feeds/topics/border.atom").content)
    assert len(every.entries) == 3
    ours = feedparser.parse(httpx.get(f"{web}/feeds/topics/border.atom", params={"site": "sotttt"}).content)
    assert sorted(e.title for e in ours.entries) == sorted([record(1).title, record(3).title])
    assert ours.feed.title.endswith(" – Sở Thông tin và Truyền thông tỉnh An Giang")
    assert ours.feed.link == "https://sotttt.angiang.gov.vn"
    target = tmp_path / "feed.xml"
    assert (
        main(["feed", "--topic", "border", "--site", "sotttt", "-o", str(target), "--database-url", database])
        == 0
    )
    written = feedparser.parse(target.read_bytes())
    assert [e.id for e in written.entries] == [e.id for e in ours.entries] and written.feed.id == ours.feed.id

    changed = feedparser.parse(httpx.get(f"{web}/feeds/changes.atom", params={"site": "sonnptnt"}).content)
    assert [e.title for e in changed.entries] == ["removed: Mùa lúa mới"]
    assert changed.feed.title == "Thay đổi – sonnptnt"
    assert (
        feedparser.parse(httpx.get(f"{web}/feeds/changes.atom", params={"site": "sotttt"}).content).entries
        == []
    )
    unknown = httpx.get(f"{web}/feeds/changes.atom", params={"site": "nope"})
    assert (unknown.status_code, unknown.text) == (400, "unknown site 'nope' (sites: sonnptnt, sotttt)\n")
