"""scrapy-redis's priority queue, whose pop leases the request to the worker (``leases.Leases``)."""

from __future__ import annotations

from itertools import count
from types import ModuleType

from redis import Redis
from scrapy import Request, Spider
from scrapy_redis.queue import PriorityQueue

from scraper.distributed.keys import RunKeys
from scraper.distributed.leases import LEASE, Leases


class LeasedQueue(PriorityQueue):
    """The run's queue (``<prefix>:run:<id>:requests``, whatever key scrapy-redis passes)."""

    def __init__(self, server: Redis, spider: Spider, key: str, serializer: ModuleType | None = None) -> None:
        keys = RunKeys.from_settings(spider.settings)
        super().__init__(server, spider, keys.queue, serializer)
        self.leases = Leases(server, keys, spider.settings["WORKER_ID"])
        self._numbers = count(1)

    def pop(self, timeout: int = 0) -> Request | None:
        lease = str(next(self._numbers))
        data = self.leases.take(lease)
        if data is None:
            return None
        request = self._decode_request(data)
        request.meta[LEASE] = lease
        return request
