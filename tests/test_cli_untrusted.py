"""Crawled text cannot drive the terminal: a mirror article with ``<script>`` and escape sequences in
its title, summary and body, shown by every command that prints articles."""

from __future__ import annotations

import json
import re

import pytest
from conftest import CrawledSite

from scraper.cli import main

OURS = re.compile(r"\x1b\[[0127]?m")  # the only sequences the commands write: bold, dim, reverse, reset
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def output(capsys: pytest.CaptureFixture[str], site: CrawledSite, *args: str) -> str:
    status = main([*args, "--database-url", site.database_url])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    return out


@pytest.mark.parametrize("color", ["never", "always"])
def test_no_escape_sequence_from_an_article_reaches_the_terminal(
    capsys, crawled_site: CrawledSite, color: str
) -> None:
    commands = [
        ["show", crawled_site.hostile_url, "--history"],
        ["search", "bien gioi", "--limit", "100"],
        ["search", "tieu de"],
        ["new", "--since", "2000-01-01", "--limit", "100"],
        ["changes", "--since", "2000-01-01", "--limit", "1000"],
    ]
    for command in commands:
        out = output(capsys, crawled_site, *command, "--color", color)
        assert "alert(" in out, command  # the hostile article is there, as text
        assert not UNSAFE.search(OURS.sub("", out).replace("\n", "")), command
        if color == "never":
            assert "\x1b" not in out


def test_json_output_escapes_control_characters(capsys, crawled_site: CrawledSite) -> None:
    out = output(capsys, crawled_site, "show", crawled_site.hostile_url, "--json")
    assert not UNSAFE.search(out.replace("\n", ""))
    shown = json.loads(out)
    assert shown["title"].startswith("<script>alert('tiêu đề')</script>")
    assert "\x9b" in shown["title"]  # kept as data, written as an escape
    assert "\\u009b" in out
