"""One worker's part in a run: join, stay alive, help with dead workers' requests, leave, finish.

- On opening, the worker checks that it was started with the spider arguments the run was seeded with
  (else it closes: ``run_not_seeded``, ``run_arguments_differ``), then joins the run.
- Every ``beat_seconds`` it beats in Redis, and moves the requests of workers that stopped beating for
  ``WORKER_LEASE_SECONDS`` back to the queue.
- It keeps the spider open while the run has work anywhere, and closes it (``finished``) once the run
  has been quiet for ``MAX_IDLE_TIME_BEFORE_CLOSE`` seconds: nothing queued, nothing in flight.
- When its engine has stopped (its counts are in the run's record, ``StorePipeline``), it leaves; the
  last worker to leave, with nothing left queued, records the end of the run and judges it with the
  monitors of a local crawl, on the stats of all the run's workers (``scraper.monitors.judge``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, datetime
from typing import Self

from redis.exceptions import RedisError
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DontCloseSpider
from scrapy.utils.defer import deferred_from_coro
from scrapy_redis.connection import get_redis_from_settings
from twisted.internet.defer import Deferred
from twisted.internet.task import LoopingCall

from scraper import stats as stat
from scraper.distributed.keys import RunKeys
from scraper.distributed.run import SharedRun
from scraper.monitors import judge
from scraper.storage.store import Store

logger = logging.getLogger(__name__)

ALONE_POLL_SECONDS = 0.25


class RunWorker:
    def __init__(
        self, crawler: Crawler, run: SharedRun, worker: str, lease_seconds: float, max_idle: float
    ) -> None:
        self.crawler = crawler
        self.run = run
        self.worker = worker
        self.lease_seconds = lease_seconds
        self.max_idle = max_idle
        self.beat_seconds = min(1.0, lease_seconds / 4)
        self.beats = LoopingCall(self._beat)
        self.joined = False
        self.quiet_since: float | None = None
        self.closing: Deferred[None] | None = None
        self.reason = "finished"

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        server = get_redis_from_settings(settings)
        run = SharedRun(server, RunKeys.from_settings(settings), settings.getint("RUN_KEYS_TTL"))
        worker = cls(
            crawler,
            run,
            settings["WORKER_ID"],
            lease_seconds=settings.getfloat("WORKER_LEASE_SECONDS"),
            max_idle=settings.getfloat("MAX_IDLE_TIME_BEFORE_CLOSE"),
        )
        for handler, signal in (
            (worker.spider_opened, signals.spider_opened),
            (worker.spider_idle, signals.spider_idle),
            (worker.spider_closed, signals.spider_closed),
            (worker.engine_stopped, signals.engine_stopped),
        ):
            crawler.signals.connect(handler, signal=signal)
        return worker

    @property
    def run_id(self) -> int:
        return self.run.keys.run_id

    def spider_opened(self, spider: Spider) -> None:
        seeded = self.run.arguments()
        if not seeded:
            logger.error("run %d is not in Redis: never seeded, over, or expired", self.run_id)
            raise CloseSpider("run_not_seeded")
        given = {name: str(getattr(spider, name, "")) for name in seeded}
        if given != seeded:
            logger.error("run %d was seeded with %s, this worker has %s", self.run_id, seeded, given)
            raise CloseSpider("run_arguments_differ")
        self.run.beat(self.worker, self.lease_seconds)
        self.joined = True
        self.crawler.stats.set_value(stat.WORKERS, 1)  # summed over the run's workers
        logger.info("worker %s joined run %d", self.worker, self.run_id)
        self.beats.start(self.beat_seconds, now=False)

    def spider_idle(self) -> None:
        if self.closing is None:
            raise DontCloseSpider

    def spider_closed(self, reason: str) -> None:
        self.reason = reason
        if self.beats.running:
            self.beats.stop()

    async def engine_stopped(self) -> None:
        if not self.joined:
            return
        self.run.leave(self.worker)
        if await self._alone() and not self.run.queued():
            self._finish()

    def _beat(self) -> None:
        try:
            self._beat_once()
        except RedisError:  # the loop must go on: the worker leaves only from here
            logger.exception("worker %s could not beat", self.worker)

    def _beat_once(self) -> None:
        self.run.beat(self.worker, self.lease_seconds)
        if reaped := self.run.reap():
            self.crawler.stats.inc_value(stat.LEASES_REAPED, reaped)
            logger.warning("%d requests of workers that stopped went back to the queue", reaped)
        engine = self.crawler.engine
        if not (engine.spider_is_idle() and self.run.quiet(self.worker)):
            self.quiet_since = None
        elif self.quiet_since is None:
            self.quiet_since = time.monotonic()
        elif self.closing is None and time.monotonic() - self.quiet_since >= self.max_idle:
            self.closing = deferred_from_coro(engine.close_spider_async(reason="finished"))

    async def _alone(self) -> bool:
        """Wait until the other workers have left or are found dead; False if some are still at work."""
        deadline = time.monotonic() + self.max_idle + self.lease_seconds
        while self.run.others(self.worker):
            if time.monotonic() >= deadline:
                return False
            await asyncio.sleep(ALONE_POLL_SECONDS)
            self.run.reap()
        return True

    def _finish(self) -> None:
        """Record the end of the run and judge it, as a whole, with the stats of all its workers."""
        with Store.open(self.crawler.settings["DATABASE_URL"], upgrade=False) as store:
            stats = store.close_run(self.run_id, self.reason, datetime.now(UTC))
            self.run.forget()
            if stats is None:
                return
            logger.info("run %d finished (%s)", self.run_id, self.reason)
            store.record_verdicts(self.run_id, judge(self.crawler, {**stats, "finish_reason": self.reason}))
