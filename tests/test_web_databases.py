"""The web interface on both databases (SQLite and PostgreSQL), filled by a real crawl of the mirror:
the API gives the command line's answers, and bidi controls in an article (text that would read
differently than it is) come out inert on the page, in the feed and in the API."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import httpx

from mirror.testing import MirrorServer
from tests.crawling import ROOT, crawl
from tests.web_server import serving

BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
BIDI_TITLE = "Biên giới: hồ sơ \u202egnp.exe\u202c và \u2066ẩn\u2069 đối ngoại"
BIDI_BODY = ["Đồn Biên phòng tuyên truyền về biên giới \u202etxet desrever\u202c tại cửa khẩu."]


def cli(database_url: str, *args: str) -> object:
    done = subprocess.run(
        [sys.executable, "-m", "scraper.cli", *args, "--json", "--database-url", database_url],
        cwd=ROOT, capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return json.loads(done.stdout)


def test_the_same_answers_on_either_database_and_bidi_text_inert(database_url: str) -> None:
    with MirrorServer(articles=12, layout="drupal_gavias", seed=5) as mirror:
        mirror.edit(2, title=BIDI_TITLE, body=BIDI_BODY)
        crawl(mirror.url, database_url, mode="full")
    new = cli(database_url, "new", "--seen-since", "2000-01-01")
    found = cli(database_url, "search", "bien gioi", "--limit", "100")
    assert isinstance(new, list) and len(new) == 12 and BIDI_TITLE in [a["title"] for a in new]
    assert isinstance(found, list) and BIDI_TITLE in [h["title"] for h in found]
    with serving(database_url) as web_url:
        api = httpx.get(f"{web_url}/api/new", params={"seen_since": "2000-01-01", "limit": 100})
        assert api.json()["items"] == new
        assert not BIDI.search(api.text) and "\\u202egnp.exe\\u202c" in api.text  # data, escaped
        search = httpx.get(f"{web_url}/api/search", params={"q": "bien gioi", "limit": 100})
        assert search.json()["items"] == found
        bidi = next(a for a in new if a["title"] == BIDI_TITLE)
        for path in (
            f"/articles/{bidi['id']}",
            "/search?q=txet+desrever",
            "/?seen_since=2000-01-01",
            "/topics/border?limit=100",
        ):
            page = httpx.get(f"{web_url}{path}").text
            assert "Biên giới: hồ sơ gnp.exe và ẩn đối ngoại" in page and not BIDI.search(page), path
        feed = httpx.get(f"{web_url}/feeds/topics/border.atom").text
        assert "Biên giới: hồ sơ gnp.exe và ẩn đối ngoại" in feed and not BIDI.search(feed)
