"""``status [--runs N] [--site NAME] [--json]``: the last crawl runs: when, how long, requests, what changed,
extraction coverage and the monitors' verdicts. A run that never wrote its end was killed (or is
still running: it holds the database's lock); what it did is counted from the events it stored."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any

from scraper import stats as stat
from scraper.cli.base import Subparsers, add_sites, reading, wanted_sites, write_out
from scraper.cli.terminal import table
from scraper.content.times import iso, local
from scraper.content.untrusted import safe_json
from scraper.storage import Session, queries
from scraper.storage.models import CrawlRun
from scraper.storage.run_lock import crawl_running

COVERED = ("title", "published_at", "body_text")
HEADERS = [
    "run", "site", "started", "took", "mode", "requests", "new/upd/rm", "coverage", "monitors", "ended",
]  # fmt: skip


def add_parser(subparsers: Subparsers) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("status", help="the last crawl runs and their monitors")
    parser.add_argument("--runs", type=int, default=10, help="how many runs (default: %(default)s)")
    add_sites(parser, "runs")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    return parser


KILLED, RUNNING = "killed", "running"


@dataclass(frozen=True)
class Shown:
    run: CrawlRun
    ended: str  # the finish reason; for a run that wrote none, killed or running
    new: int
    updated: int
    removed: int


def run(args: argparse.Namespace) -> int:
    with reading(args.database_url) as session:
        runs = queries.recent_runs(session, args.runs, sites=wanted_sites(session, args))
        shown = shown_runs(session, args.database_url, runs)
    if args.json:
        write_out(safe_json([run_json(s) for s in shown], indent=2))
    else:  # reading() refused a database without any run
        write_out(table(HEADERS, [_row(s) for s in shown]))
    return 0


def shown_runs(session: Session, database_url: str, runs: list[CrawlRun]) -> list[Shown]:
    """The runs as shown. A run without an end is running if it is its site's newest run and a crawl
    of that site holds the database's lock (a crawl holds it from start to end), killed otherwise."""
    shown = []
    for found in runs:
        running: bool | None = False
        newest = queries.recent_runs(session, 1, sites=[found.site]) if found.finished_at is None else []
        if newest and newest[0].id == found.id:
            running = crawl_running(database_url, found.site)
        shown.append(shown_run(session, found, running))
    return shown


def shown_run(session: Session, run: CrawlRun, running: bool | None) -> Shown:
    """``running``: whether a crawl holds the database (None: this database cannot tell)."""
    if run.finished_at is not None:
        return Shown(run, run.finish_reason or "", run.new, run.updated, run.removed)
    stored = queries.run_events(session, run.id)  # what it stored before it was killed (or so far)
    ended = {True: RUNNING, False: KILLED, None: f"{KILLED} or {RUNNING}"}[running]
    return Shown(run, ended, stored["created"], stored["updated"], stored["removed"])


def run_json(shown: Shown) -> dict[str, Any]:
    run = shown.run
    return {
        "id": run.id,
        "site": run.site,
        "mode": run.mode,
        "started_at": iso(run.started_at),
        "finished_at": iso(run.finished_at),
        "seconds": _seconds(run),
        "finish_reason": run.finish_reason,
        "ended": shown.ended,
        "requests": run.requests,
        "new": shown.new,
        "updated": shown.updated,
        "unchanged": run.unchanged,
        "removed": shown.removed,
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


def _row(shown: Shown) -> list[str]:
    run = shown.run
    shares = coverage(run)
    seconds = _seconds(run)
    return [
        str(run.id),
        run.site,
        local(run.started_at),
        f"{seconds:.0f} s" if seconds is not None else "",
        run.mode,
        str(run.requests),
        f"{shown.new}/{shown.updated}/{shown.removed}",
        " ".join(f"{f.split('_')[0]} {v:.0%}" for f, v in shares.items()) if shares else "-",
        verdict(run),
        shown.ended,
    ]


def verdict(run: CrawlRun) -> str:
    if not run.monitors:
        return "-"
    failed = [m["name"].split("/")[-1] for m in run.monitors if not m["passed"]]
    return f"FAILED: {', '.join(failed)}" if failed else f"{len(run.monitors)} passed"


def _seconds(run: CrawlRun) -> float | None:
    return (run.finished_at - run.started_at).total_seconds() if run.finished_at else None
