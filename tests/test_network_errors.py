"""A site that cannot be reached ends the run in seconds, in one line, with its own exit status;
and a crawl opens no listening socket."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path

import pytest

from mirror.faults import FaultRule
from mirror.testing import MirrorServer
from scraper.middlewares.network_errors import FINISH_REASON
from scraper.monitors import EXIT_SITE_UNREACHABLE
from scraper.settings import SITE_ERRORS_ONLY_AFTER, SITE_UNREACHABLE_AFTER
from tests.crawling import ROOT, crawl, crawl_command, failed_monitors, last_run

pytestmark = pytest.mark.crawl


def _closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (it was free a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _unreachable_run(tmp_path: Path, base_url: str) -> tuple[subprocess.CompletedProcess[str], float]:
    database = f"sqlite:///{tmp_path / 'down.sqlite3'}"
    started = time.monotonic()
    result = crawl(base_url, database, expect_status=EXIT_SITE_UNREACHABLE)
    return result, time.monotonic() - started


@pytest.mark.parametrize(
    ("base_url", "why"),
    [
        # .invalid never resolves (RFC 2606): no request can reach a real host
        ("http://sotttt.invalid", "sotttt.invalid: CannotResolveHostError"),
        (f"http://127.0.0.1:{_closed_port()}", "127.0.0.1: DownloadConnectionRefusedError"),
    ],
    ids=["dns", "refused"],
)
def test_an_unreachable_site_stops_the_run_at_once_and_says_why_in_one_line(tmp_path, base_url, why):
    result, _ = _unreachable_run(tmp_path, base_url)
    database = f"sqlite:///{tmp_path / 'down.sqlite3'}"
    run = last_run(database)
    assert run.finish_reason == FINISH_REASON
    assert run.stats["sotttt/site/unreachable"].startswith(why)
    # not retried: one attempt each for robots.txt, the sitemap and the home page
    assert run.stats["downloader/request_count"] == SITE_UNREACHABLE_AFTER
    assert "retry/count" not in run.stats
    assert failed_monitors(database) == {"test_site_reachable"}
    said = [line for line in result.stderr.splitlines() if "site unreachable:" in line]
    assert len(said) == 1 and why.split(":")[0] in said[0]
    assert "Traceback" not in result.stderr


def test_a_site_that_answers_only_server_errors_is_unreachable_too(tmp_path):
    database = f"sqlite:///{tmp_path / 'errors.sqlite3'}"
    with MirrorServer(articles=20, seed=5, faults=[FaultRule("500", prefix="/")]) as mirror:
        result = crawl(mirror.url, database, expect_status=EXIT_SITE_UNREACHABLE)
    run = last_run(database)
    assert run.finish_reason == FINISH_REASON
    assert run.stats["sotttt/site/unreachable"] == "127.0.0.1: it answers only server errors (HTTP 500)"
    assert run.stats["downloader/request_count"] <= SITE_ERRORS_ONLY_AFTER + 2  # the ones in flight
    assert failed_monitors(database) == {"test_site_reachable"}
    assert "Traceback" not in result.stderr


def test_server_errors_after_the_site_answered_are_not_an_unreachable_site(tmp_path):
    database = f"sqlite:///{tmp_path / 'flaky.sqlite3'}"
    faults = [FaultRule("503", share=0.3, times=1)]
    with MirrorServer(articles=30, seed=6, faults=faults) as mirror:
        crawl(mirror.url, database, mode="full")
    run = last_run(database)
    assert run.finish_reason == "finished" and "sotttt/site/unreachable" not in run.stats
    assert run.stats["sotttt/coverage/articles"] == 30


def _listening_sockets(pid: int) -> list[str]:
    """The TCP sockets in LISTEN state that process ``pid`` holds, as "address:port" (hex), from /proc."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue  # closed meanwhile
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: TCP_LISTEN
                listening.append(fields[1])
    return listening


def _listening_during_a_crawl(tmp_path: Path, settings: dict[str, object]) -> list[str]:
    database = f"sqlite:///{tmp_path / f'listen{len(settings)}.sqlite3'}"
    with MirrorServer(articles=20, seed=7, latency_ms=150) as mirror:
        process = subprocess.Popen(
            crawl_command(mirror.url, "full", settings),
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": database},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            while len(mirror.log()) < 5:  # the engine runs: every extension is up
                assert process.poll() is None and time.monotonic() < deadline
                time.sleep(0.05)
            return _listening_sockets(process.pid)
        finally:
            process.terminate()
            process.wait(timeout=60)


def test_a_crawl_opens_no_listening_socket(tmp_path):
    assert _listening_during_a_crawl(tmp_path, {}) == []
    # the check sees a listener when there is one: Scrapy's telnet console, turned on by a setting
    assert len(_listening_during_a_crawl(tmp_path, {"TELNETCONSOLE_ENABLED": True})) == 1
