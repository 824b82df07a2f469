"""``python -m scraper.distributed seed``: begin a distributed run and print its id.

    RUN_ID=$(python -m scraper.distributed seed --mode incremental)
    scrapy crawl sotttt -a mode=incremental -s RUN_ID=$RUN_ID   # on each worker machine, REDIS_URL set

Settings come from ``scraper.settings`` (``REDIS_URL``, ``DATABASE_URL`` from the environment) and
``-s NAME=VALUE``.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from scrapy.settings import Settings

from scraper import settings as project_settings
from scraper.distributed.seed import seed
from scraper.spiders.sotttt import MODES

DESCRIPTION = "Distributed runs: seed one (its workers are `scrapy crawl sotttt -s RUN_ID=N`)."


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m scraper.distributed", description=DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True)
    seeding = commands.add_parser("seed", help="record a run, queue its start requests, print its id")
    seeding.add_argument("--mode", choices=MODES, default="incremental")
    seeding.add_argument("--base-url", help="the site (default: SITE_BASE_URL)")
    seeding.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE", help="a setting")
    args = parser.parse_args(argv)
    settings = Settings()
    settings.setmodule(project_settings)
    settings.setdict(dict(item.split("=", 1) for item in args.set), priority="cmdline")
    if not settings.get("REDIS_URL"):
        parser.error("REDIS_URL is not set (environment or -s REDIS_URL=redis://host:6379/0)")
    logging.basicConfig(level=settings["LOG_LEVEL"], stream=sys.stderr, format="%(levelname)s %(message)s")
    run_id, queued = seed(settings, args.mode, args.base_url)
    logging.info(
        "run %d seeded with %d requests; start workers with: scrapy crawl sotttt -a mode=%s -s RUN_ID=%d",
        run_id, queued, args.mode, run_id,
    )  # fmt: skip
    print(run_id)


if __name__ == "__main__":
    main()
