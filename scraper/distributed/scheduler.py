"""scrapy-redis's scheduler for one worker of a run.

Requests come from and go to the run's queue in Redis, deduplicated by the run's fingerprints
(``RunDupeFilter``). A request taken from the queue is leased to this worker (``LeasedQueue``); its
retries and redirects stay here, under the same lease. When the worker closes, it releases what it
still holds if the run is finished (requests that failed), or gives it back to the queue if it
stops for another reason (a shutdown), for the other workers to do.

An idle Scrapy engine asks its scheduler for work only every five seconds; this scheduler hands it
the next queued request as soon as there is one (every ``WAKE_SECONDS``).
"""

from __future__ import annotations

import logging
from collections import deque

from redis.exceptions import RedisError
from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy_redis.scheduler import Scheduler
from twisted.internet.task import LoopingCall

from scraper.distributed.leases import LEASE
from scraper.distributed.queue import LeasedQueue

logger = logging.getLogger(__name__)

WAKE_SECONDS = 0.1


class RunScheduler(Scheduler):
    queue: LeasedQueue
    crawler: Crawler

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.local: deque[Request] = deque()  # requests this worker holds, to download here first
        self.waking: Request | None = None  # being handed to the engine by _wake()
        self.wake = LoopingCall(self._wake)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RunScheduler:
        scheduler = super().from_crawler(crawler)
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
            self.stats.inc_value("sotttt/distributed/leases/released_at_close", leases.release_all())
        else:
            self.stats.inc_value("sotttt/distributed/leases/given_back", leases.give_back())
        super().close(reason)

    def enqueue_request(self, request: Request) -> bool:
        if request is self.waking:  # deduplicated when it was first queued
            self.local.append(request)
            return True
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        if LEASE in request.meta:  # a retry or redirect of a request this worker holds: it stays here
            self.local.append(request)
        else:
            self.queue.push(request)
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

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
