"""``status [--runs N] [--json]``: the last crawl runs: when, how long, requests, what changed,
extraction coverage and the monitors' verdicts."""

from __future__ import annotations

import argparse
from typing import Any

from scraper import stats as stat
from scraper.cli.base import Subparsers, reading, write_out
from scraper.cli.terminal import table
from scraper.content.times import iso, local
from scraper.content.untrusted import safe_json
from scraper.storage import queries
from scraper.storage.models import CrawlRun

COVERED = ("title", "published_at", "body_text")
HEADERS = ["run", "started", "took", "mode", "requests", "new/upd/rm", "coverage", "monitors", "ended"]


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("status", help="the last crawl runs and their monitors")
    parser.add_argument("--runs", type=int, default=10, help="how many runs (default: %(default)s)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    return parser


def run(args: argparse.Namespace) -> int:
    with reading(args.database_url) as session:
        runs = queries.recent_runs(session, args.runs)
    if args.json:
        write_out(safe_json([run_json(r) for r in runs], indent=2))
    else:  # reading() refused a database without any run
        write_out(table(HEADERS, [_row(r) for r in runs]))
    return 0


def run_json(run: CrawlRun) -> dict[str, Any]:
    return {
        "id": run.id,
        "mode": run.mode,
        "started_at": iso(run.started_at),
        "finished_at": iso(run.finished_at),
        "seconds": _seconds(run),
        "finish_reason": run.finish_reason,
        "requests": run.requests,
        "new": run.new,
        "updated": run.updated,
        "unchanged": run.unchanged,
        "removed": run.removed,
        "invalid": run.invalid,
        "errors": run.errors,
        "coverage": coverage(run),
        "monitors": run.monitors,
    }


def coverage(run: CrawlRun) -> dict[str, float] | None:
    """Share of the run's articles that had each field; None when it fetched none."""
    stats = run.stats or {}
    articles = stats.get(stat.COVERAGE_ARTICLES, 0)
    if not articles:
        return None
    return {field: round(stats.get(stat.coverage(field), 0) / articles, 4) for field in COVERED}


def _row(run: CrawlRun) -> list[str]:
    shares = coverage(run)
    seconds = _seconds(run)
    return [
        str(run.id),
        local(run.started_at),
        f"{seconds:.0f} s" if seconds is not None else "",
        run.mode,
        str(run.requests),
        f"{run.new}/{run.updated}/{run.removed}",
        " ".join(f"{f.split('_')[0]} {v:.0%}" for f, v in shares.items()) if shares else "-",
        _verdict(run),
        run.finish_reason or "killed or running",
    ]


def _verdict(run: CrawlRun) -> str:
    if not run.monitors:
        return "-"
    failed = [m["name"].split("/")[-1] for m in run.monitors if not m["passed"]]
    return f"FAILED: {', '.join(failed)}" if failed else f"{len(run.monitors)} passed"


def _seconds(run: CrawlRun) -> float | None:
    return (run.finished_at - run.started_at).total_seconds() if run.finished_at else None
