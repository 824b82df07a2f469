"""Pages parsed in worker processes give what parsing in the crawl process gives."""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scraper.content.facts import content_facts
from scraper.crawling.parse_pool import PageParser, parse_article_page
from scraper.parsers.article import parse_article
from scraper.parsers.decoding import DecodingError
from scraper.parsers.listing import parse_listing

PAGES = Path(__file__).parent / "fixtures" / "pages"
ARTICLES = ["drupal_article", "drupal_nfd", "wps2018_seed", "wps2018_cp1258_undeclared"]
LISTINGS = ["drupal_listing", "wps2018_listing"]


def page(name: str) -> tuple[bytes, str, str | None]:
    spec = json.loads((PAGES / f"{name}.json").read_text(encoding="utf-8"))
    return (PAGES / f"{name}.html").read_bytes(), spec["_page"]["url"], spec["_page"].get("charset")


def test_a_page_parsed_here_has_its_record_and_the_facts_of_that_record() -> None:
    for name in ARTICLES:
        parsed = parse_article_page(*page(name))
        assert parsed.record == parse_article(*page(name))
        assert parsed.facts == content_facts(parsed.record)
        assert parsed.record.is_article
    assert parse_article_page(*page("error_404")).facts is None


def test_worker_processes_give_the_same_records_and_facts() -> None:
    parser = PageParser(2)

    async def both() -> tuple[list, list]:
        articles = asyncio.gather(*(parser.article(*page(name)) for name in ARTICLES))
        listings = asyncio.gather(*(parser.listing(*page(name)) for name in LISTINGS))
        return await articles, await listings

    try:
        articles, listings = asyncio.run(both())
    finally:
        parser.close()
    assert articles == [parse_article_page(*page(name)) for name in ARTICLES]
    assert [p.record.title for p in articles] == [parse_article(*page(n)).title for n in ARTICLES]
    assert listings == [parse_listing(*page(name)) for name in LISTINGS]
    assert [len(listing.teasers) for listing in listings] == [20, 20]


def test_an_undecodable_page_raises_the_same_error_from_a_worker() -> None:
    parser = PageParser(1)
    undecodable = bytes(range(0x80, 0x100)) * 50
    try:
        with pytest.raises(DecodingError):
            asyncio.run(parser.article(undecodable, "https://sotttt.angiang.gov.vn/x", "utf-8"))
    finally:
        parser.close()


def test_a_killed_worker_costs_a_restart_and_no_page() -> None:
    restarts: list[int] = []
    parser = PageParser(1, on_restart=lambda: restarts.append(1))
    content, url, charset = page("drupal_article")
    expected = parse_article_page(content, url, charset)

    async def parse_twice_with_a_kill_between() -> list:
        first = await parser.article(content, url, charset)
        for child in multiprocessing.active_children():  # the pool's worker
            os.kill(child.pid, signal.SIGKILL)
            child.join()
        await asyncio.sleep(0.2)  # the pool notices its worker is gone
        second = await parser.article(content, url, charset)
        third = await parser.article(content, url, charset)  # in a new pool
        return [first, second, third]

    try:
        results = asyncio.run(parse_twice_with_a_kill_between())
    finally:
        parser.close()
    assert results == [expected] * 3
    assert restarts == [1]


PARENT = """
import asyncio, multiprocessing, sys, time
from scraper.crawling.parse_pool import PageParser
parser = PageParser(1)
asyncio.run(parser.article(b"<html><body><h1>x</h1></body></html>", "https://sotttt.angiang.gov.vn/a", None))
print(*[child.pid for child in multiprocessing.active_children()], flush=True)
time.sleep(600)
"""


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc (Linux)")
def test_workers_exit_when_the_crawl_process_is_killed() -> None:
    root = Path(__file__).resolve().parents[1]
    # stderr: the resource tracker's warning when it cleans up after the killed parent
    with subprocess.Popen(
        [sys.executable, "-c", PARENT], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as parent:
        try:
            workers = [int(pid) for pid in parent.stdout.readline().split()]  # type: ignore[union-attr]
        finally:
            parent.kill()
            parent.wait()
    assert len(workers) == 1 and alive(workers[0])
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in workers)


def test_a_negative_number_of_processes_is_refused() -> None:
    with pytest.raises(ValueError, match="PARSE_PROCESSES"):
        PageParser(-1)
