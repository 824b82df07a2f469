"""The web benchmark runs, small, and ends with its JSON line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parent.parent / "benchmarks" / "web.py"


def test_the_web_benchmark_prints_its_figures_as_one_json_line() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARK), "--articles", "30", "--requests", "3"],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["articles"] == 30 and figures["requests"] == 3
    for database in ("sqlite", "postgres"):
        if figures[database] is None:  # PostgreSQL unreachable: said on stderr
            assert database == "postgres" and "PostgreSQL not reachable" in done.stderr
            continue
        for page in ("new page", "search page", "article page", "api new", "topic feed"):
            measured = figures[database][page]
            assert measured["per_s"] > 0 and 0 < measured["p50_ms"] <= measured["p95_ms"], (database, page)
    assert "p95 ms" in done.stderr  # the table
    assert set(figures["worst_p95_ms"]) == {"new page", "search page", "search page (rare)", "article page"}
