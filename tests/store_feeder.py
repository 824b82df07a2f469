"""A crawl-like process for the process tests: hands articles 1..COUNT to the project's pipelines.

    python tests/store_feeder.py DATABASE_URL COUNT [--batch-size N] [--start-at EPOCH] [--pause SECONDS]
                                 [--die-in-batch K]

Prints each article's number once the pipelines have taken it. ``--die-in-batch K`` kills the
process with SIGKILL inside the K-th write transaction, after all its statements ran, before commit.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scraper.items import FetchedArticle
from scraper.storage import batch
from tests.store_factories import fetched, make_crawler, record, run_pipelines


def articles(count: int, pause: float) -> Iterator[FetchedArticle]:
    for n in range(1, count + 1):
        yield fetched(record(n))
        print(n, flush=True)
        time.sleep(pause)


def die_in_batch(k: int) -> None:
    write = batch._Batch.write
    calls = 0

    def write_then_die(self: batch._Batch) -> None:
        nonlocal calls
        write(self)
        calls += 1
        if calls == k:
            os.kill(os.getpid(), signal.SIGKILL)

    batch._Batch.write = write_then_die  # type: ignore[method-assign]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("database_url")
    parser.add_argument("count", type=int)
    parser.add_argument("--batch-size", type=int, default=10)
    parser.add_argument("--start-at", type=float, default=0.0)
    parser.add_argument("--pause", type=float, default=0.0)
    parser.add_argument("--die-in-batch", type=int, default=0)
    args = parser.parse_args()
    if args.die_in_batch:
        die_in_batch(args.die_in_batch)
    crawler = make_crawler(args.database_url, STORE_BATCH_SIZE=args.batch_size)
    time.sleep(max(0.0, args.start_at - time.time()))
    run_pipelines(crawler, articles(args.count, args.pause))


if __name__ == "__main__":
    main()
