"""The storage benchmark runs, small, and ends with its JSON line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parent.parent / "benchmarks" / "store.py"


def test_the_benchmark_prints_its_figures_as_one_json_line() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARK), "--articles", "60", "--query-articles", "200"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    for key in ("sqlite_records_per_s", "new_since_ms", "history_ms"):
        assert figures[key] > 0, key
    assert figures["postgres_records_per_s"] is None or figures["postgres_records_per_s"] > 0
    assert figures["articles"] == 60
