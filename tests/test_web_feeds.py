"""The Atom feeds at their stable addresses: the command line's topic feed, the change log's feed with
what changed, conditional GET (ETag, Last-Modified), hostile text escaped."""

from __future__ import annotations

import re
import subprocess
import sys
from email.utils import format_datetime, parsedate_to_datetime

import feedparser
import httpx
from conftest import EDITED_TITLE, CrawledSite

from tests.crawling import ROOT

UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def test_a_topic_feed_is_the_command_lines(web_url: str, crawled_site: CrawledSite) -> None:
    response = httpx.get(f"{web_url}/feeds/topics/border.atom")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    written = subprocess.run(
        [sys.executable, "-m", "scraper.cli", "feed", "--topic", "border", "-o", "-",
         "--database-url", crawled_site.database_url],
        cwd=ROOT, capture_output=True, timeout=60, check=True,
    ).stdout  # fmt: skip
    served, cli = feedparser.parse(response.content), feedparser.parse(written)
    assert [e.id for e in served.entries] == [e.id for e in cli.entries]
    assert [e.title for e in served.entries] == [e.title for e in cli.entries]
    assert len(served.entries) > 20 and EDITED_TITLE in [e.title for e in served.entries]
    assert served.feed.updated == cli.feed.updated


def test_hostile_text_in_a_feed_is_escaped(web_url: str) -> None:
    raw = httpx.get(f"{web_url}/feeds/topics/border.atom").text
    assert "&lt;script&gt;alert('tiêu đề')&lt;/script&gt;" in raw
    assert "<script" not in raw and "<img" not in raw and "<b " not in raw
    assert not UNSAFE.search(raw.replace("\n", ""))


def test_the_change_log_feed_shows_what_changed_and_links_to_the_article_page(
    web_url: str, crawled_site: CrawledSite
) -> None:
    feed = feedparser.parse(httpx.get(f"{web_url}/feeds/changes.atom").content)
    kinds = {e.title.split(":")[0]: e for e in feed.entries}
    assert set(kinds) == {"updated", "removed"}  # creations are in the topics' feeds
    edited = kinds["updated"]
    assert edited.title == f"updated: {EDITED_TITLE}"
    assert f"+{EDITED_TITLE}" in edited.content[0].value and "-Sở TT&TT tổ chức" in edited.content[0].value
    page = httpx.get(edited.link)
    assert page.status_code == 200 and EDITED_TITLE in page.text
    assert kinds["removed"].content[0].value == "removed (HTTP 410)"


def test_a_reader_with_the_feed_gets_a_304(web_url: str) -> None:
    for path in ("/feeds/topics/border.atom", "/feeds/changes.atom"):
        url = f"{web_url}{path}"
        first = httpx.get(url)
        etag, modified = first.headers["etag"], first.headers["last-modified"]
        assert re.fullmatch(r'"[0-9a-f]{32}"', etag)
        assert httpx.get(url).headers["etag"] == etag  # the same feed, the same tag
        newest = max(e.updated_parsed for e in feedparser.parse(first.content).entries)
        assert parsedate_to_datetime(modified).utctimetuple()[:6] == newest[:6]
        again = httpx.get(url, headers={"If-None-Match": etag})
        assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag)
        assert httpx.get(url, headers={"If-None-Match": f'W/{etag}, "other"'}).status_code == 304
        assert httpx.get(url, headers={"If-None-Match": '"other"'}).status_code == 200
        assert httpx.get(url, headers={"If-Modified-Since": modified}).status_code == 304
        earlier = format_datetime(parsedate_to_datetime(modified).replace(year=2000), usegmt=True)
        assert httpx.get(url, headers={"If-Modified-Since": earlier}).status_code == 200
        assert httpx.get(url, headers={"If-Modified-Since": "not a date"}).status_code == 200


def test_an_unknown_topic_has_no_feed(web_url: str) -> None:
    response = httpx.get(f"{web_url}/feeds/topics/nope.atom")
    assert response.status_code == 404 and response.text.startswith("unknown topic 'nope'")
