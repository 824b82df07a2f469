"""When may a worker release its lease on a request? When everything the response produced is safe.

A spider middleware, outermost (next to the engine), counts what each leased response's callback
yields; an item is safe once the pipelines are done with it and ``StorePipeline`` has committed the
batch it joined (``items_stored``), a request once the scheduler has it in Redis or finds it already
known to the run (``request_queued``), or once the engine dropped it before the scheduler (an offsite
request: Scrapy's ``request_scheduled`` signal, which comes *before* the scheduler is asked, without a
``request_queued`` by the next commit). A request the scheduler could keep only in memory (Redis
failed) keeps its parent's lease until the spider is idle. A worker killed before then has its leases
moved back to the queue by the others, so no response's output is lost, at worst fetched again. When
the spider is idle and the store has committed everything (``complete``), whatever the worker still
holds is done: requests that failed, requests the downloader ignored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from typing import Any, Self

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.statscollectors import StatsCollector
from scrapy_redis.connection import get_redis_from_settings
from twisted.python.failure import Failure

from scraper import stats as stat
from scraper.distributed.keys import RunKeys
from scraper.distributed.leases import LEASE, Leases
from scraper.signals import items_stored, request_queued


class LeaseRelease:
    def __init__(self, leases: Leases, stats: StatsCollector) -> None:
        self.leases = leases
        self.stats = stats
        self.pending: Counter[str] = Counter()  # lease -> outputs of its response not yet safe
        self.read: set[str] = set()  # leases whose response's output has been read to its end
        self.parents: dict[Request, str] = {}  # a request yielded by a leased response -> the lease
        self.at_engine: list[Request] = []  # of those, the ones the engine took since the last commit
        self.safe: list[str] = []  # leases whose output is safe once the store commits

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        keys = RunKeys.from_settings(settings)
        leases = Leases(get_redis_from_settings(settings), keys, settings["WORKER_ID"])
        middleware = cls(leases, crawler.stats)
        connect = crawler.signals.connect
        connect(middleware.request_scheduled, signal=signals.request_scheduled)
        connect(middleware.request_queued, signal=request_queued)
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            connect(middleware.item_done, signal=signal)
        connect(middleware.stored, signal=items_stored)
        return middleware

    async def process_spider_output(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        lease = response.meta.get(LEASE)
        async for output in result:
            if lease is not None and output is not None:
                self.pending[lease] += 1
                if isinstance(output, Request):
                    self.parents[output] = lease
            yield output
        if lease is not None:
            self.read.add(lease)
            self._settle(lease)

    def request_scheduled(self, request: Request) -> None:
        """The engine took ``request``: in the same call it gives it to the scheduler, unless a handler
        of this signal ignores it."""
        if request in self.parents:
            self.at_engine.append(request)

    def request_queued(self, request: Request, in_redis: bool) -> None:
        lease = self.parents.pop(request, None)
        if lease is not None and in_redis:
            self._done(lease)

    def item_done(self, response: Response | Failure | None) -> None:
        lease = response.meta.get(LEASE) if isinstance(response, Response) else None
        if lease is not None:
            self._done(lease)

    def stored(self, complete: bool) -> None:
        for request in self.at_engine:  # taken by the engine, never given to the scheduler: ignored
            if (lease := self.parents.pop(request, None)) is not None:
                self._done(lease)
        self.at_engine = []
        if complete:
            released = self.leases.release_all()
            self.pending.clear()
            self.read.clear()
            self.parents.clear()
        else:
            self.leases.release(self.safe)
            released = len(self.safe)
        self.safe = []
        self.stats.inc_value(stat.LEASES_RELEASED, released)

    def _done(self, lease: str) -> None:
        """One output of the response leased as ``lease`` is safe."""
        self.pending[lease] -= 1
        self._settle(lease)

    def _settle(self, lease: str) -> None:
        if lease in self.read and self.pending[lease] <= 0:
            self.read.discard(lease)
            del self.pending[lease]
            self.safe.append(lease)
