"""scrapy-redis's scheduler for one worker of a run.

Requests come from and go to the run's queue in Redis, deduplicated by the run's fingerprints
(``RunDupeFilter``), each fingerprint recorded in the same step as its request is queued. A request
taken from the queue is leased to this worker (``LeasedQueue``); its retries stay here under the same
lease, its redirects under a lease of their own. When the worker closes, it releases what it still
holds if the run is finished (requests that failed), or gives it back to the queue if it stops for
another reason (a shutdown), for the other workers to do.

Each request handed over is reported (``request_queued``) once it is in Redis or known to the run, or
kept in this worker's memory because Redis could not be reached: ``LeaseRelease`` releases the lease
of the response that yielded it only in the first case.

An idle Scrapy engine asks its scheduler for work only every five seconds; this scheduler hands it
the next queued request as soon as there is one (every ``WAKE_SECONDS``).
"""

from __future__ import annotations

import logging
from collections import deque
from typing import cast

from redis.exceptions import RedisError
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy_redis.scheduler import Scheduler
from twisted.internet.task import LoopingCall

from scraper import stats as stat
from scraper.distributed.dupefilter import RunDupeFilter
from scraper.distributed.leases import LEASE
from scraper.distributed.queue import LeasedQueue
from scraper.signals import request_queued

logger = logging.getLogger(__name__)

WAKE_SECONDS = 0.1


class RunScheduler(Scheduler):
    queue: LeasedQueue
    df: RunDupeFilter
    crawler: Crawler

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.local: deque[Request] = deque()  # requests this worker holds, to download here first
        self.waking: Request | None = None  # being handed to the engine by _wake()
        self.wake = LoopingCall(self._wake)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunScheduler:
        scheduler = cast(RunScheduler, super().from_crawler(crawler))
        scheduler.crawler = crawler
        return scheduler

    def open(self, spider: Spider) -> None:
        super().open(spider)
        self.wake.start(WAKE_SECONDS, now=False)

    def close(self, reason: str) -> None:
        if self.wake.running:
            self.wake.stop()
        leases = self.queue.leases
        if reason == "finished":
            self.stats.inc_value(stat.LEASES_RELEASED_AT_CLOSE, leases.release_all())
        else:
            self.stats.inc_value(stat.LEASES_GIVEN_BACK, leases.give_back())
        super().close(reason)

    def enqueue_request(self, request: Request) -> bool:
        if request is self.waking:  # deduplicated when it was first queued
            self.local.append(request)
            return True
        try:
            placed = self._place(request)
        except RedisError:
            logger.exception("could not queue %s in Redis: this worker keeps it", request)
            self.local.append(request)
            self.crawler.signals.send_catch_log(request_queued, request=request, in_redis=False)
            return True
        self.crawler.signals.send_catch_log(request_queued, request=request, in_redis=True)
        if not placed:
            self.df.log(request, self.spider)
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def _place(self, request: Request) -> bool:
        """Queue ``request``, or keep it here if it comes from a request this worker holds (a retry or a
        redirect); False if the run has seen it."""
        if LEASE not in request.meta:
            return self.queue.push_new(request, self.df)
        if request.dont_filter:  # a retry: under the lease of the request it repeats
            self.local.append(request)
            return True
        if self.queue.hold_unseen(request, self.df):
            self.local.append(request)
            return True
        return False

    def next_request(self) -> Request | None:
        request = self.local.popleft() if self.local else self.queue.pop()
        if request is not None:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        return bool(self.local) or len(self.queue) > 0

    def _wake(self) -> None:
        engine = self.crawler.engine
        if self.local or engine.needs_backout():
            return
        try:
            self.waking = self.queue.pop()
        except RedisError:  # the loop must go on; the engine meets the error itself soon enough
            logger.exception("could not take a request from the run's queue")
            return
        if self.waking is not None:
            engine.crawl(self.waking)  # through enqueue_request, and the engine looks at its scheduler now
            self.waking = None
