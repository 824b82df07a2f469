"""``scrapy crawl``, with the exit status a scheduler needs.

0: the crawl ran and its monitors passed. ``EXIT_MONITORS_FAILED`` (3): it ran, and a monitor
failed (extraction broke, errors, nothing found). ``EXIT_SITE_UNREACHABLE`` (69, EX_UNAVAILABLE):
the site could not be reached (its host does not resolve, refuses connections, or answers only
server errors), so the run stopped at once with the finish reason ``site_unreachable``.
``EXIT_BUSY`` (75, EX_TEMPFAIL): another crawl holds the database, so this one did not start.
``EXIT_BUSY`` is per site: crawls of two sites may run at once.
2: a setting it cannot use (``DATABASE_URL``, an unknown or malformed site profile). 1: it could not
start at all.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import nullcontext

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

from scraper import stats as stat
from scraper.sites.profiles import ProfileError, site_profile
from scraper.storage.engine import DatabaseUrlError, parse_database_url
from scraper.storage.run_lock import RunLock, RunLockBusy

EXIT_BUSY = 75
EXIT_BAD_SETTING = 2  # a setting it cannot work with (DATABASE_URL): nothing started


class Command(ScrapyCrawl):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("give one spider: scrapy crawl sotttt")
        assert self.settings is not None and self.crawler_process is not None
        try:
            parse_database_url(self.settings["DATABASE_URL"])
        except DatabaseUrlError as error:
            print(f"crawl not started: DATABASE_URL: {error}", file=sys.stderr)
            self.exitcode = EXIT_BAD_SETTING
            return
        site = opts.spargs.get("site") or self.settings["SITE"]
        try:
            site_profile(site, self.settings["SITE_PROFILES_DIR"])
        except ProfileError as error:
            print(f"crawl not started: {error}", file=sys.stderr)
            self.exitcode = EXIT_BAD_SETTING
            return
        # The workers of a distributed run (RUN_ID) share the database by design: they take no lock.
        lock = (
            nullcontext() if self.settings.getint("RUN_ID") else RunLock(self.settings["DATABASE_URL"], site)
        )
        try:
            with lock:
                crawler = self._create_crawler(args[0])
                self.crawler_process.crawl(crawler, **opts.spargs)
                self.crawler_process.start()
        except RunLockBusy as busy:
            print(f"crawl not started: {busy}", file=sys.stderr)
            self.exitcode = EXIT_BUSY
            return
        if self.crawler_process.bootstrap_failed:
            self.exitcode = 1
        elif crawler.stats is not None:
            self.exitcode = int(crawler.stats.get_value(stat.EXIT_STATUS, 0))
