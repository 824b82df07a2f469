"""``pip install .`` as a user runs it: the wheel carries the ``sotttt`` command and the migrations."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_wheel_installs_the_command_line_and_everything_it_reads(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), "."],
        cwd=ROOT, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    [wheel] = tmp_path.glob("sotttt_monitor-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(archive.read(n).decode() for n in names if n.endswith("entry_points.txt"))
        requirements = next(archive.read(n).decode() for n in names if n.endswith("METADATA"))
    assert "sotttt = scraper.cli:main" in entry_points
    assert "settings = scraper.settings" in entry_points  # what Scrapyd's egg reads
    assert {
        "scraper/watchlists.toml",
        "scraper/storage/migrations/env.py",
        "scraper/storage/migrations/script.py.mako",
        "scraper/storage/migrations/versions/0001_initial_schema.py",
        "scraper/cli/__main__.py",
        "pipelines/store.py",
    } <= names
    assert "Requires-Dist: Scrapy==" in requirements
