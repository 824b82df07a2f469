"""``pip install .`` as a user runs it: the ``sotttt`` command works from any directory.

Its dependencies are requirements.txt's pins, installed first (the README's install); the package
itself declares none (Scrapyd's deploy, ``bdist_uberegg``, would bundle every one into the egg).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import CrawledSite

from tests.crawling import ROOT, articles

# What a build reads: copied, so that the build's build/ and *.egg-info stay out of the checkout.
SOURCES = ("pyproject.toml", "setup.py", "README.md", "scraper", "pipelines")


def test_the_installed_command_reads_a_database_from_any_directory(
    tmp_path: Path, crawled_site: CrawledSite
) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), "."],
        cwd=source, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    [wheel] = tmp_path.glob("sotttt_monitor-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {
        "scraper/watchlists.toml",
        "scraper/sites/sotttt.toml",
        "scraper/storage/migrations/script.py.mako",
        "scraper/storage/migrations/versions/0001_initial_schema.py",
        "pipelines/store.py",
    } <= names

    installed = tmp_path / "installed"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(installed), str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    elsewhere = tmp_path / "elsewhere"  # no checkout on the path: only the installed package
    elsewhere.mkdir()
    command = subprocess.run(
        [str(installed / "bin" / "sotttt"), "new", "--since", "2000-01-01", "--limit", "3", "--json",
         "--database-url", crawled_site.database_url],
        cwd=elsewhere, env={"PYTHONPATH": str(installed)}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert command.returncode == 0, command.stderr
    listed = json.loads(command.stdout)
    stored = {a.url: a.title for a in articles(crawled_site.database_url)}
    assert len(listed) == 3 and all(stored[a["url"]] == a["title"] for a in listed)
