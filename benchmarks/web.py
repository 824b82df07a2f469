"""Web benchmark: requests per second and p50/p95 latency of the main pages, the feeds and the API.

    python benchmarks/web.py [--articles 100000] [--requests 200] [--postgres-url URL]
                             [--sqlite-file PATH] [--postgres-schema NAME]

On SQLite (a temporary file, or ``--sqlite-file``) and PostgreSQL (a temporary schema, or
``--postgres-schema``; its figures null when unreachable); a file or schema named is kept, and
reused while it has as many articles (building 100,000 takes minutes). ``--articles``
articles stored as ``benchmarks/store.py`` stores them (one run, one in ten edited once: a second
version, an "updated" event), tagged with the shipped watchlist (PostgreSQL vacuumed and analysed,
as autovacuum would); then ``python -m scraper.web`` on
it (``tests/web_server.py``), and each address asked ``--requests`` times (fewer if that takes
over ``--seconds``: ``n`` says how many), one request at a time on one keep-alive connection, after a
warm-up. An article page is a different edited article each time
(two versions, a diff). ``per_s``: requests answered per second by that one client.
Goal: p95 under 50 ms for the new, search and article pages.

The table goes to stderr; the last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import psycopg
from psycopg import sql
from sqlalchemy import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.store import START, fill, log, postgres_database, reachable, sqlite_database  # noqa: E402
from scraper.content.watchlist import load  # noqa: E402
from scraper.storage import Store, queries  # noqa: E402
from scraper.storage.models import Base  # noqa: E402
from scraper.storage.runs import RunCounts  # noqa: E402
from tests.web_server import serving  # noqa: E402

WARM_UP = 10
GOAL_MS = 50
GOALS = ("new page", "search page", "search page (rare)", "article page")


def addresses(articles: int) -> dict[str, Callable[[random.Random], str]]:
    """What is asked, by name: a function of a random generator giving the address to ask."""
    edited = max(1, articles // 10)
    mid = (START + timedelta(minutes=articles // 2)).date().isoformat()
    rare = f"bai+so+{articles // 2}"
    return {
        "new page": lambda _: "/",  # since the last run: every article, counted, the newest 20 shown
        "new page, since a date": lambda _: f"/?since={mid}",
        "search page": lambda _: "/search?q=bien+gioi",  # a phrase about one article in ten has
        "search page (rare)": lambda _: f"/search?q={rare}",  # one article has it
        "article page": lambda rng: f"/articles/{rng.randrange(1, edited + 1) * 10}",
        "change log page": lambda _: "/changes",
        "topics page": lambda _: "/topics",
        "runs page": lambda _: "/runs",
        "topic feed": lambda _: "/feeds/topics/border.atom",
        "change log feed": lambda _: "/feeds/changes.atom",
        "api new": lambda _: "/api/new?limit=100",
        "api search": lambda _: "/api/search?q=bien+gioi",
        "api article": lambda rng: f"/api/articles/{rng.randrange(1, edited + 1) * 10}",
        "api changes": lambda _: "/api/changes",
        "api runs": lambda _: "/api/runs",
    }


def build(url: str, articles: int) -> None:
    """The benchmark's database at ``url``: articles, one finished run, topics."""
    with Store.open(url) as store:
        with store.reading() as session:
            if queries.count_new(session, queries.Window(START, seen=True)) == articles:
                log(f"  reusing the {articles} articles stored at {url}")
                return
        run = fill(store, articles)
        store.finish_run(run, RunCounts(new=articles, updated=articles // 10), "finished", START)
        log(f"  topics of {store.retag(load(None).topics_of)} articles set")
    if url.startswith("postgresql"):
        vacuum(url)


def vacuum(url: str) -> None:
    """PostgreSQL's statistics and visibility map, as autovacuum leaves them some time after a load:
    without them, a count reads every row it counts."""
    parsed = make_url(url)
    options = parsed.query.get("options")
    plain = parsed.set(drivername="postgresql", query={}).render_as_string(False)
    with psycopg.connect(plain, autocommit=True, options=str(options or "")) as connection:
        tables = sql.SQL(", ").join(sql.Identifier(t.name) for t in Base.metadata.sorted_tables)
        connection.execute(sql.SQL("VACUUM ANALYZE {}").format(tables))  # this schema's tables, no others


def measure(url: str, articles: int, requests: int, seconds: float) -> dict[str, dict[str, float]]:
    """Per address: requests per second, p50 and p95 in milliseconds, and how many were asked."""
    figures = {}
    with serving(url) as web_url, httpx.Client(base_url=web_url, timeout=60) as client:
        for name, address in addresses(articles).items():
            rng = random.Random(0)
            for _ in range(min(WARM_UP, requests)):
                client.get(address(rng)).raise_for_status()
            times = []
            started = time.perf_counter()
            for _ in range(requests):
                if time.perf_counter() - started > seconds and len(times) >= 2:
                    break
                asked = address(rng)
                before = time.perf_counter()
                response = client.get(asked)
                times.append((time.perf_counter() - before) * 1000)
                assert response.status_code == 200, (asked, response.status_code)
            took = time.perf_counter() - started
            quantiles = statistics.quantiles(times, n=100)
            figures[name] = {
                "n": len(times),
                "per_s": round(len(times) / took, 1),
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(quantiles[94], 1),
            }
            log(f"  {name}: {figures[name]}")
    return figures


def table(results: dict[str, dict[str, dict[str, float]] | None]) -> str:
    names = next(iter(r for r in results.values() if r))
    header = f"{'':24}" + "".join(f"{db + ' req/s':>14}{'p50 ms':>9}{'p95 ms':>9}" for db in results)
    lines = [header]
    for name in names:
        cells = []
        for figures in results.values():
            shown = figures[name] if figures else None
            cells.append(
                f"{shown['per_s']:>14}{shown['p50_ms']:>9}{shown['p95_ms']:>9}" if shown else f"{'-':>32}"
            )
        lines.append(f"{name:24}" + "".join(cells))
    return "\n".join(lines)


@contextmanager
def sqlite_file(path: str) -> Iterator[str]:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    yield f"sqlite:///{path}"


@contextmanager
def postgres_schema(base: str, name: str) -> Iterator[str]:
    """The schema ``name`` of the database at ``base`` (made if missing, kept after)."""
    url = make_url(base)
    with psycopg.connect(url.set(drivername="postgresql").render_as_string(False), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(name)))
    yield url.update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(False)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=20.0, help="at most this long per address")
    parser.add_argument("--postgres-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--sqlite-file", help="build the SQLite database here, or reuse the one there")
    parser.add_argument("--postgres-schema", help="build the PostgreSQL database in this schema, or reuse it")
    args = parser.parse_args(argv)
    databases: dict[str, Callable[[], AbstractContextManager[str]] | None] = {
        "sqlite": (lambda: sqlite_file(args.sqlite_file)) if args.sqlite_file else sqlite_database,
        "postgres": (
            (lambda: postgres_schema(args.postgres_url, args.postgres_schema))
            if args.postgres_schema
            else postgres_database(args.postgres_url)
        )
        if reachable(args.postgres_url)
        else None,
    }
    results: dict[str, Any] = {}
    for name, database in databases.items():
        if database is None:
            results[name] = None
            continue
        with database() as url:
            log(f"{name}: {args.articles} articles")
            started = time.perf_counter()
            build(url, args.articles)
            log(f"  built in {time.perf_counter() - started:.0f} s")
            results[name] = measure(url, args.articles, args.requests, args.seconds)
    log(table(results))
    worst = {
        page: max(r[page]["p95_ms"] for r in results.values() if r) for page in GOALS if any(results.values())
    }
    print(
        json.dumps(
            {
                "articles": args.articles,
                "requests": args.requests,
                **results,
                "worst_p95_ms": worst,
                "goal_met": all(v < GOAL_MS for v in worst.values()),
            }
        )
    )


if __name__ == "__main__":
    main()
