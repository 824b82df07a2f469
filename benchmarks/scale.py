"""Scale-out: pages per second of one worker, and of two workers, on the same distributed run.

    python benchmarks/scale.py [--articles 2000] [--latency-ms 100] [--concurrency 8]

One mirror, served from a separate process; Redis and PostgreSQL as the tests find them
(``SOTTTT_TEST_REDIS_URL``, ``SOTTTT_TEST_POSTGRES_URL``). Each figure is a full crawl of a seeded
run into an empty PostgreSQL schema, by worker processes with the same concurrency each
(``CONCURRENT_REQUESTS`` and ``..._PER_DOMAIN`` = ``--concurrency``):
- with ``--latency-ms`` added to every response, the network-bound case a real crawl is in (goal:
  two workers at least 1.8 times one);
- without added latency, where the two workers, the mirror and PostgreSQL share the CPUs.
Pages per second: the mirror's requests over the time from its first to its last request of the run
(process start-up and the workers' idle wait before leaving are not counted). ``lost``: live articles
not stored; ``duplicated``: requests made more than once (robots.txt apart: each worker reads it).
The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path
from uuid import uuid4

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from redis import Redis  # noqa: E402

from mirror.testing import MirrorServer  # noqa: E402
from tests.crawling import articles, seed_run, start_workers, wait  # noqa: E402
from tests.store_factories import REDIS_URL, postgres_schema  # noqa: E402


def crawl(mirror: MirrorServer, workers: int, concurrency: int, logs: Path) -> dict:
    """A full crawl of the mirror by ``workers`` workers of one run: its figures."""
    prefix = f"sotttt_bench_{uuid4().hex[:12]}"
    mirror.reset_log()
    with postgres_schema() as database:
        settings = {
            "REDIS_URL": REDIS_URL,
            "REDIS_KEY_PREFIX": prefix,
            "DATABASE_URL": database,
            "MAX_IDLE_TIME_BEFORE_CLOSE": 1,
            "WORKER_LEASE_SECONDS": 10,
            "CONCURRENT_REQUESTS": concurrency,
            "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
            "LOG_LEVEL": "WARNING",
        }
        run_id = seed_run(mirror.url, "full", settings)
        wait(start_workers(mirror.url, run_id, "full", settings, logs, count=workers), timeout=3600)
        stored = {article.url for article in articles(database)}
    log = mirror.log()
    with Redis.from_url(REDIS_URL) as server:
        leftovers = list(server.scan_iter(f"{prefix}:*"))
        if leftovers:
            server.delete(*leftovers)
    fetched = Counter((entry["method"], entry["target"]) for entry in log)
    fetched.pop(("GET", "/robots.txt"), None)
    seconds = log[-1]["time"] - log[0]["time"]
    return {
        "pages": len(log),
        "seconds": round(seconds, 2),
        "pages_per_s": round(len(log) / seconds, 1),
        "lost": len({truth["url"] for truth in mirror.articles("live")} - stored),
        "duplicated": sum(times - 1 for times in fetched.values()),
        "redis_keys_left": len(leftovers),
    }


def compare(mirror: MirrorServer, concurrency: int, logs: Path) -> dict:
    one, two = (crawl(mirror, workers, concurrency, logs) for workers in (1, 2))
    print(json.dumps({"one_worker": one, "two_workers": two}), file=sys.stderr)
    return {
        "one_worker_pages_per_s": one["pages_per_s"],
        "two_workers_pages_per_s": two["pages_per_s"],
        "speedup": round(two["pages_per_s"] / one["pages_per_s"], 2),
        "lost": one["lost"] + two["lost"],
        "duplicated": one["duplicated"] + two["duplicated"],
        "redis_keys_left": one["redis_keys_left"] + two["redis_keys_left"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--latency-ms", type=float, default=100)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as logs,
        MirrorServer(articles=args.articles, layout="drupal_gavias", latency_ms=args.latency_ms) as mirror,
    ):
        latent = compare(mirror, args.concurrency, Path(logs))
        mirror.set_latency(0)
        fast = compare(mirror, args.concurrency, Path(logs))
    print(
        json.dumps(
            {
                "articles": args.articles,
                "latency_ms": args.latency_ms,
                "concurrency_per_worker": args.concurrency,
                **latent,
                **{f"no_latency_{key}": value for key, value in fast.items()},
                "cpus": os.cpu_count(),
            }
        )
    )


if __name__ == "__main__":
    main()
