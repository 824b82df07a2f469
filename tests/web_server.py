"""``python -m scraper.web`` in a process of its own on a free 127.0.0.1 port, for the web tests and the
benchmark: ``with serving(database_url) as base_url: ...``."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

import httpx

from tests.crawling import ROOT

STARTUP_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(database_url: str, **environment: str) -> Iterator[str]:
    """The server on ``database_url`` (with these environment variables) until the block ends: its URL."""
    port = free_port()
    command = [sys.executable, "-m", "scraper.web", "--database-url", database_url, "--port", str(port)]
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, **environment},
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            _wait(server, base_url, log)
            yield base_url
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def _wait(server: subprocess.Popen[bytes], base_url: str, log: IO[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            httpx.get(f"{base_url}/static/style.css", timeout=1).raise_for_status()
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    log.seek(0)
    raise RuntimeError(f"the web server did not start: {log.read().decode(errors='replace')[-2000:]}")
