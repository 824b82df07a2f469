"""``pip install .`` as a user runs it: the wheel carries the ``sotttt`` command and the migrations.

Its dependencies are requirements.txt's pins, installed first (the README's install): declared in
the package, Scrapyd's deploy (``bdist_uberegg``) would bundle every one of them into the egg.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEFT_OUT = (
    ".git",
    ".venv",
    "build",
    "*.egg-info",
    "data",
    ".*_cache",
    ".hypothesis",
    "__pycache__",
    "*.sqlite3*",
)


def test_the_wheel_installs_the_command_line_and_everything_it_reads(tmp_path: Path) -> None:
    # Built from a copy: a build leaves build/ and *.egg-info behind, which the checkout must not get.
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*LEFT_OUT))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), "."],
        cwd=source, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    [wheel] = tmp_path.glob("sotttt_monitor-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(archive.read(n).decode() for n in names if n.endswith("entry_points.txt"))
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
