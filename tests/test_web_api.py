"""The JSON API against the running server (``python -m scraper.web`` on the crawled mirror): the
command line's answers on the same database, pages that add up, bounded parameters, plain errors,
the security headers, inert hostile text."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from typing import Any

import httpx
import pytest
from conftest import EDITED_TITLE, CrawledSite

from scraper.web.security import CSP
from tests.crawling import ROOT
from tests.web_server import serving

HOSTILE_SCRIPT = "<script>alert('tiêu đề')</script>"  # how the hostile article's title begins
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def cli(site: CrawledSite, *args: str) -> Any:
    """What ``python -m scraper.cli ARGS --json`` prints, parsed."""
    done = subprocess.run(
        [sys.executable, "-m", "scraper.cli", *args, "--json", "--database-url", site.database_url],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return json.loads(done.stdout)


def get(web_url: str, path: str, status: int = 200, **params: Any) -> Any:
    response = httpx.get(f"{web_url}{path}", params=params or None, timeout=10)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()


def test_new_gives_the_command_lines_articles_page_by_page(web_url: str, crawled_site: CrawledSite) -> None:
    expected = cli(crawled_site, "new", "--seen-since", "2000-01-01", "--limit", "100")
    assert len(expected) == 40 and expected[0]["title"].startswith(HOSTILE_SCRIPT)
    assert get(web_url, "/api/new", seen_since="2000-01-01", limit=100)["items"] == expected
    items, path, pages = [], "/api/new?seen_since=2000-01-01&limit=15", 0
    while path:
        page = get(web_url, path)
        assert page["total"] == 40 and page["seen"] is True and page["limit"] == 15
        items += page["items"]
        path, pages = page["next"], pages + 1
    assert (pages, items) == (3, expected)
    # The default, as the command line's: first seen since the last run began.
    assert get(web_url, "/api/new")["items"] == cli(crawled_site, "new")


def test_new_by_topic_and_category(web_url: str, crawled_site: CrawledSite) -> None:
    every = cli(crawled_site, "new", "--since", "2000-01-01", "--limit", "100")
    border = get(web_url, "/api/new", since="2000-01-01", topic="border", limit=100)
    assert border["items"] == [a for a in every if "border" in a["topics"]]
    assert 0 < border["total"] < len(every)
    category = every[0]["category"]
    folded = get(web_url, "/api/new", since="2000-01-01", category=category.upper(), limit=100)
    assert folded["items"] == [a for a in every if a["category"] == category]


def test_search_gives_the_command_lines_hits(web_url: str, crawled_site: CrawledSite) -> None:
    expected = cli(crawled_site, "search", "bien gioi", "--limit", "100")
    assert len(expected) > 20 and all("biên giới" in " ".join(h["matches"]).lower() for h in expected)
    found = get(web_url, "/api/search", q="bien gioi", limit=100)
    assert found["items"] == expected and found["phrases"] == ["bien gioi"] and found["next"] is None
    assert get(web_url, "/api/search", q="BIÊN GIỚI", limit=100)["items"] == expected
    second = get(web_url, "/api/search", q="bien gioi", limit=10, offset=10)
    assert second["items"] == expected[10:20] and second["next"].endswith("offset=20")
    both = cli(crawled_site, "search", "bien gioi, campuchia")
    assert get(web_url, "/api/search", q="bien gioi, campuchia")["items"] == both


def test_an_article_is_the_command_lines_show_history(web_url: str, crawled_site: CrawledSite) -> None:
    shown = cli(crawled_site, "show", crawled_site.edited_url, "--history")
    assert shown["title"] == EDITED_TITLE and len(shown["versions"]) == 2
    answer = get(web_url, f"/api/articles/{shown['id']}")
    assert answer.pop("contacts") == []
    assert answer == shown
    assert "+" + EDITED_TITLE in answer["versions"][1]["changes"][0]["diff"]


def test_changes_runs_and_topics_are_the_command_lines(web_url: str, crawled_site: CrawledSite) -> None:
    changes = cli(crawled_site, "changes", "--since", "2000-01-01")
    assert get(web_url, "/api/changes", since="2000-01-01", limit=100)["items"] == changes
    assert {c["kind"] for c in changes} >= {"created", "updated", "removed"}
    assert get(web_url, "/api/runs")["items"] == cli(crawled_site, "status")
    [border] = cli(crawled_site, "topics")["topics"]
    [topic] = get(web_url, "/api/topics")["items"]
    assert (topic["topic"], topic["articles"], topic["title"]) == (
        "border",
        border["articles"],
        border["title"],
    )
    assert topic["feed"] == f"{web_url}/feeds/topics/border.atom"
    listed = get(web_url, "/api/topics/border", limit=5)
    assert listed["items"] == topic["newest"] and listed["next"].endswith("offset=5")


@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        ("/api/new", {"since": "yesterday"}, "malformed since 'yesterday'"),
        ("/api/new", {"seen_since": "2021-13-01"}, "malformed seen_since"),
        ("/api/new", {"since": "7d", "seen_since": "7d"}, "give since or seen_since, not both"),
        ("/api/new", {"limit": 0}, "limit: Input should be greater than or equal to 1"),
        ("/api/new", {"limit": 101}, "limit: Input should be less than or equal to 100"),
        ("/api/new", {"offset": -1}, "offset: Input should be greater than or equal to 0"),
        ("/api/new", {"offset": 10_001}, "offset: Input should be less than or equal to 10000"),
        ("/api/new", {"limit": "ten"}, "limit: Input should be a valid integer"),
        ("/api/new", {"topic": "nope"}, "unknown topic 'nope'"),
        ("/api/new", {"category": "nope"}, "unknown category 'nope'"),
        ("/api/search", {}, "nothing to search for"),
        ("/api/search", {"q": " ,;, "}, "nothing to search for"),
        ("/api/search", {"q": "a" * 201}, "q: String should have at most 200 characters"),
        ("/api/search", {"q": ",".join("abcdefghi")}, "at most 8 comma-separated phrases, not 9"),
        ("/api/articles/abc", {}, "article_id: Input should be a valid integer"),
        ("/api/articles/0", {}, "article_id: Input should be greater than or equal to 1"),
    ],
)
def test_a_bad_parameter_is_a_400_with_a_plain_message(
    web_url: str, path: str, params: Any, message: str
) -> None:
    error = get(web_url, path, 400, **params)["error"]
    assert message in error and "Traceback" not in error


def test_unknown_things_are_404s(web_url: str) -> None:
    assert get(web_url, "/api/articles/99999", 404) == {"error": "no article 99999"}
    assert "unknown topic 'nope'" in get(web_url, "/api/topics/nope", 404)["error"]
    assert get(web_url, "/api/nothing", 404) == {"error": "no such page"}


@pytest.mark.parametrize(
    "path", ["/", "/api/new", "/feeds/changes.atom", "/static/style.css", "/api/articles/9999"]
)
def test_every_answer_has_the_security_headers(web_url: str, path: str) -> None:
    headers = httpx.get(f"{web_url}{path}").headers
    assert headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "frame-ancestors 'none'" in CSP and "unsafe-inline" not in CSP
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"
    assert "server" not in headers


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
def test_it_is_read_only(web_url: str, method: str) -> None:
    for path in ("/api/new", "/", "/api/articles/1"):
        response = httpx.request(method, f"{web_url}{path}", json={"title": "x"})
        assert response.status_code == 405 and response.headers["allow"] == "GET, HEAD"
        assert response.headers["content-security-policy"] == CSP


def test_head_is_get_without_the_body(web_url: str) -> None:
    got, head = httpx.get(f"{web_url}/api/new"), httpx.head(f"{web_url}/api/new")
    assert (head.status_code, head.content) == (200, b"")
    assert head.headers["content-length"] == got.headers["content-length"] != "0"


def test_the_api_is_described_at_openapi_json(web_url: str) -> None:
    described = get(web_url, "/openapi.json")
    paths = described["paths"]
    for path in ("/api/new", "/api/search", "/api/articles/{article_id}", "/api/changes", "/api/runs"):
        assert set(paths[path]) == {"get"}, path
    assert {"/feeds/changes.atom", "/feeds/topics/{name}.atom"} <= set(paths)
    assert not any(p in paths for p in ("/", "/search", "/runs"))  # the pages are not the API
    limit = next(p for p in paths["/api/new"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 100


def test_hostile_text_is_data_and_nothing_else(web_url: str, crawled_site: CrawledSite) -> None:
    hostile = cli(crawled_site, "show", crawled_site.hostile_url)
    response = httpx.get(f"{web_url}/api/articles/{hostile['id']}")
    raw = response.text
    assert "<" not in raw and ">" not in raw and not UNSAFE.search(raw.replace("\n", ""))
    assert "\\u003cscript\\u003ealert(" in raw and "\\u009b" in raw
    assert response.json()["title"] == hostile["title"]  # kept, as text
    assert hostile["title"].startswith(HOSTILE_SCRIPT) and "\x9b" in hostile["title"]
    listed = httpx.get(f"{web_url}/api/search", params={"q": "tieu de"}).text
    assert "\\u003cscript" in listed and "<script" not in listed


def test_a_search_ranks_only_the_articles_stored_last_and_says_so(crawled_site: CrawledSite) -> None:
    every = cli(crawled_site, "search", "bien gioi", "--limit", "100")
    newest = sorted(h["id"] for h in every)[-5:]
    with serving(crawled_site.database_url, SOTTTT_WEB_SEARCH_CANDIDATES="5") as web_url:
        capped = get(web_url, "/api/search", q="bien gioi", limit=100)
        assert capped["capped"] is True
        assert capped["items"] == [h for h in every if h["id"] in newest]  # ranked as ever, among those
        page = httpx.get(f"{web_url}/search", params={"q": "bien gioi"}).text
        assert "Có hơn 5 bài khớp: chỉ xếp hạng 5 bài được thu thập gần nhất." in page
        # Narrowed by a date, the 5 matches stored last of those: more of the index is read to find them.
        recent = cli(crawled_site, "search", "bien gioi", "--since", "2023-01-01", "--limit", "100")
        newest_recent = sorted(h["id"] for h in recent)[-5:]
        narrowed = get(web_url, "/api/search", q="bien gioi", since="2023-01-01", limit=100)
        assert narrowed["items"] == [h for h in recent if h["id"] in newest_recent]
        assert len(recent) > 5 and newest_recent != newest
