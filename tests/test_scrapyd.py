"""The project deployed to a real Scrapyd (from PyPI) on 127.0.0.1: a job crawls the mirror into the DB."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from mirror.testing import MirrorServer
from scraper.settings import MIRROR_SPEED
from tests.crawling import ROOT, articles, last_run

SCRAPYD = shutil.which("scrapyd", path=str(Path(sys.executable).parent))
pytestmark = [
    pytest.mark.crawl,
    pytest.mark.skipif(SCRAPYD is None, reason="scrapyd is not installed (requirements-dev.txt)"),
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def call(base: str, endpoint: str, data: dict | None = None, egg: bytes | None = None) -> dict:
    """One Scrapyd JSON API call: GET, or POST of form fields (and the egg)."""
    if data is None:
        return requests.get(base + endpoint, timeout=30).json()
    files = {"egg": ("sotttt.egg", egg)} if egg else None
    return requests.post(base + endpoint, data=data, files=files, timeout=30).json()


def test_a_scrapyd_job_of_the_deployed_egg_stores_the_mirrors_articles(tmp_path):
    port = free_port()
    (tmp_path / "scrapyd.conf").write_text(
        f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {port}\neggs_dir = {tmp_path / 'eggs'}\n"
        f"logs_dir = {tmp_path / 'logs'}\ndbs_dir = {tmp_path / 'dbs'}\nitems_dir =\nmax_proc = 1\n"
        "poll_interval = 0.5\n"
    )
    egg = tmp_path / "sotttt.egg"
    subprocess.run(
        [str(Path(sys.executable).parent / "scrapyd-deploy"), f"--build-egg={egg}"],
        cwd=ROOT, check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    server = subprocess.Popen([SCRAPYD], cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    database = f"sqlite:///{tmp_path / 'scrapyd.sqlite3'}"
    try:
        for _ in range(100):
            try:
                call(base, "daemonstatus.json")
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        added = call(base, "addversion.json", {"project": "sotttt", "version": "1"}, egg.read_bytes())
        assert added["status"] == "ok" and added["spiders"] == 1
        with MirrorServer(articles=40, seed=31) as mirror:
            settings = [f"{k}={v}" for k, v in {**MIRROR_SPEED, "DATABASE_URL": database}.items()]
            job = call(
                base,
                "schedule.json",
                {
                    "project": "sotttt",
                    "spider": "sotttt",
                    "base_url": mirror.url,
                    "mode": "full",
                    "setting": settings,
                },
            )
            assert job["status"] == "ok"
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                finished = call(base, "listjobs.json?project=sotttt")["finished"]
                if any(j["id"] == job["jobid"] for j in finished):
                    break
                time.sleep(0.5)
            else:
                pytest.fail("the Scrapyd job did not finish")
            truths = mirror.articles("live")
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert {a.url for a in articles(database)} == {t["url"] for t in truths}
    assert (last_run(database).mode, last_run(database).finish_reason) == ("full", "finished")
