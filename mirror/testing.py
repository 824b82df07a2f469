"""Run the mirror as a subprocess for tests: ``with MirrorServer(articles=50) as mirror: mirror.url``.

In pytest::

    @pytest.fixture(scope="module")
    def mirror():
        with MirrorServer(articles=60, layout="mixed") as server:
            yield server

``dialect`` picks the markup (``python -m mirror serve --dialect``): ``"default"``, ``"per-page"``,
or dialect names such as ``"drupal-olivero"`` or ``"wps-table,drupal-barrio"`` (mirror/dialects.py).
``endless_archive=True`` (``--endless-archive``) adds the archive whose pager never ends.
``successor=True`` (``--successor``) adds the successor host on 127.0.0.2 (``.successor_url``).
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

from mirror.client import MirrorClient
from mirror.faults import FaultRule

PROJECT_ROOT = Path(__file__).resolve().parent.parent
READY_PREFIX = "MIRROR_URL "
SUCCESSOR_PREFIX = "MIRROR_SUCCESSOR_URL "


class MirrorServer(MirrorClient):
    """A mirror in its own process on 127.0.0.1, a free port; all control methods of the client."""

    def __init__(
        self,
        articles: int = 60,
        layout: str = "drupal_gavias",
        seed: int = 0,
        latency_ms: float = 0.0,
        faults: list[FaultRule] | None = None,
        port: int = 0,
        startup_timeout: float = 120.0,
        dialect: str = "default",
        endless_archive: bool = False,
        successor: bool = False,
    ) -> None:
        super().__init__("")
        self.successor_url: str | None = None  # http://127.0.0.2:PORT with successor=True
        self.args = [
            "--articles", str(articles), "--layout", layout, "--seed", str(seed),
            "--latency-ms", str(latency_ms), "--port", str(port), "--dialect", dialect,
        ]  # fmt: skip
        if endless_archive:
            self.args.append("--endless-archive")
        if successor:
            self.args.append("--successor")
        for rule in faults or []:
            self.args += ["--fault", _spec(rule)]
        self.startup_timeout = startup_timeout
        self.process: subprocess.Popen[str] | None = None
        self._stderr = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 (closed by stop())

    def start(self) -> MirrorServer:
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])),
        }
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mirror", "serve", *self.args],
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            stdin=subprocess.DEVNULL,
            text=True,
            env=env,
        )
        self.url = self._wait_for_url()
        return self

    def _wait_for_url(self) -> str:
        assert self.process is not None and self.process.stdout is not None
        deadline = time.monotonic() + self.startup_timeout
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            while time.monotonic() < deadline:
                if selector.select(timeout=0.2):
                    line = self.process.stdout.readline()
                    if line.startswith(SUCCESSOR_PREFIX):
                        self.successor_url = line[len(SUCCESSOR_PREFIX) :].strip()
                        line = self.process.stdout.readline()  # MIRROR_URL follows at once (buffered)
                    if line.startswith(READY_PREFIX):
                        return line[len(READY_PREFIX) :].strip()
                    if not line and self.process.poll() is not None:
                        break
        self._stderr.seek(0)
        message = self._stderr.read()[-2000:]
        self.stop()
        raise RuntimeError(f"the mirror did not start: {message}")

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()
        self._stderr.close()
        self.process = None

    def __enter__(self) -> MirrorServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def _spec(rule: FaultRule) -> str:
    fields = ",".join(f"{k}={v}" for k, v in rule.to_dict().items() if k != "kind")
    return f"{rule.kind}:{fields}"
