"""Write items to the database in batches: one transaction per ``STORE_BATCH_SIZE`` items, the rest at close.

There is no change-log pipeline of its own: change detection happens inside the store's write
transaction (``scraper.storage.batch``), because a change event and the row change it records must commit
together or not at all, and because only the insert itself can tell which of two concurrent
writers created an article. A crash loses at most the batch not yet committed, and since writing
is idempotent, a rerun fills it in without duplicating anything.

The pipeline also records the crawl run: begun when the spider opens (its id in the stat
``sotttt/run_id``), finished with its counts, stats and monitor verdicts when the spider has closed.
A worker of a distributed run (``RUN_ID`` set, ``scraper.distributed``) joins the run its seed
command began and adds its counts and stats to it with every batch it commits, in the batch's
transaction, and the rest when it closes: a worker killed with SIGKILL leaves out only what it had
not committed. The run's last worker records its end.

When the spider is idle, the pending items are written: everything the crawl produced so far is then
stored, which ``items_stored`` tells (a distributed worker releases its leases on it).

Take-downs (``ArticleGone``) are written last, when the spider closes: an article whose old address
answers 404 may be seen at its new one later in the same crawl (republished on a successor host),
and is then moved, not removed.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any, Self

from scrapy import signals
from scrapy.crawler import Crawler

from scraper import stats as stat
from scraper.crawling.database import open_store, recheck_policy
from scraper.items import ArticleGone, FetchedArticle
from scraper.signals import items_stored
from scraper.storage import StorageError
from scraper.storage.models import DEFAULT_SITE
from scraper.storage.runs import RunCounts, RunShare, stats_since
from scraper.storage.store import Store, StoreItem, WriteSummary

logger = logging.getLogger(__name__)

# Stats of this process, not of the run it is a worker of: not added to the run's record.
OWN_STATS = (stat.RUN_ID, stat.EXIT_STATUS)
COUNTED = ("created", "updated", "unchanged", "removed", "restored", "moved", "contacts_changed")


class StorePipeline:
    def __init__(self, crawler: Crawler, database_url: str, batch_size: int, joined_run: int = 0) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.database_url = database_url
        self.batch_size = batch_size
        self.joined_run = joined_run  # a distributed run this crawl is a worker of, or 0
        self.pending: list[StoreItem] = []
        self.gone: list[ArticleGone] = []  # written when the spider closes, after every other item
        self.added: dict[str, Any] = {}  # this worker's stats as it last added them to its run
        self.store: Store | None = None
        self.run_id: int

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        pipeline = cls(
            crawler, settings["DATABASE_URL"], settings.getint("STORE_BATCH_SIZE"), settings.getint("RUN_ID")
        )
        crawler.signals.connect(pipeline.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self) -> None:
        settings = self.crawler.settings
        site = getattr(self.crawler.spider, "profile", None)
        self.store = open_store(
            self.database_url, recheck_policy(settings), site.name if site else DEFAULT_SITE
        )
        mode = getattr(self.crawler.spider, "mode", "full")
        self.run_id = self.joined_run or self.store.begin_run(mode, datetime.now(UTC))
        self.stats.set_value(stat.RUN_ID, self.run_id)  # what the alerts extension reports on

    def process_item(self, item: Any) -> Any:
        if isinstance(item, FetchedArticle):
            self.stats.inc_value(stat.STORE_UNRESOLVED)
            logger.error("FetchedArticle reached the store without DedupePipeline: %s", item.record.url)
        elif isinstance(item, ArticleGone) and not self.joined_run:  # a worker stores what it leased
            self.gone.append(item)
        elif isinstance(item, StoreItem):
            self.pending.append(item)
            if len(self.pending) >= self.batch_size:
                self.flush()
        return item

    def close_spider(self) -> None:
        self.flush()
        self.pending, self.gone = list(self.gone), []
        self.flush()

    def spider_idle(self) -> None:
        if self.store is not None and self.flush():
            self.crawler.signals.send_catch_log(items_stored, complete=True)

    def spider_closed(self, reason: str) -> None:
        if self.store is None:
            return  # never opened: the database was unreachable, or the spider was closed before
        if not self.joined_run:
            stats = self._stats()
            verdicts = stats.pop(stat.MONITOR_VERDICTS, None)  # put there by scraper.monitors
            self.store.finish_run(self.run_id, _counts(stats), reason, datetime.now(UTC), stats, verdicts)
        elif not self.store.add_to_run(self.run_id, self._share()):
            logger.warning("run %d is finished or unknown: this worker's counts are lost", self.run_id)
        self.store.close()

    def flush(self) -> bool:
        """Write the pending items in one transaction; if it fails they are logged and counted as lost.
        True unless it failed."""
        items, self.pending = self.pending, []
        if not items:
            return True
        assert self.store is not None
        try:
            summary = self.store.write(self.run_id, items, self._share if self.joined_run else None)
        except StorageError:
            self.stats.inc_value(stat.STORE_LOST, len(items))
            logger.exception("Could not store a batch of %d items", len(items))
            return False
        for key, value in _stats_of(summary).items():
            self.stats.inc_value(key, value)
        if self.joined_run:
            self.added = self._run_stats()  # what _share(summary) gave the run
        self.crawler.signals.send_catch_log(items_stored, complete=False)
        return True

    def _stats(self) -> dict[str, Any]:
        return {key: _jsonable(value) for key, value in self.stats.get_stats().items()}

    def _run_stats(self) -> dict[str, Any]:
        """This worker's stats that count for its run."""
        return {key: value for key, value in self._stats().items() if key not in OWN_STATS}

    def _share(self, summary: WriteSummary | None = None) -> RunShare:
        """What this worker adds to its run: its counts and stats since it last added them, with what a
        batch being committed stored (``summary``)."""
        stats = self._run_stats()
        if summary is not None:
            for key, value in _stats_of(summary).items():
                stats[key] = stats.get(key, 0) + value
        since = stats_since(self.added, stats)
        return RunShare(_counts(since), since)


def _stats_of(summary: WriteSummary) -> dict[str, int]:
    """The stats a committed batch adds to the crawl's."""
    stats = {stat.stored(name): getattr(summary, name) for name in COUNTED}
    stats |= {stat.store_skipped(reason): value for reason, value in summary.skipped.items()}
    return {key: value for key, value in stats.items() if value}


def _counts(stats: dict[str, Any]) -> RunCounts:
    invalid = sum(value for key, value in stats.items() if key.startswith(stat.INVALID))
    return RunCounts(
        requests=stats.get("downloader/request_count", 0),
        new=stats.get(stat.stored("created"), 0),
        updated=stats.get(stat.stored("updated"), 0),
        unchanged=stats.get(stat.stored("unchanged"), 0),
        removed=stats.get(stat.stored("removed"), 0),
        invalid=invalid,
        errors=stats.get("log_count/ERROR", 0),
    )


def _jsonable(value: Any) -> Any:
    """Scrapy's stats hold numbers, strings and datetimes: keep them readable as JSON."""
    return value.isoformat() if isinstance(value, datetime) else value
