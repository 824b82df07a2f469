"""scrapy-redis's duplicate filter, with the fingerprints of one run only.

scrapy-redis keeps every fingerprint under one key for good (its issue #84), so a later run would
find every article it means to re-check already "seen". Here the key holds the run id
(``<prefix>:run:<id>:seen``) and expires ``RUN_KEYS_TTL`` seconds after the run last queued a request;
the last worker of a run deletes it when the run finishes.
"""

from __future__ import annotations

from typing import cast

from redis import Redis
from scrapy import Request, Spider
from scrapy_redis.connection import get_redis_from_settings
from scrapy_redis.dupefilter import RFPDupeFilter

from scraper.distributed.keys import RunKeys


class RunDupeFilter(RFPDupeFilter):
    def __init__(self, server: Redis, key: str, debug: bool = False, ttl: int = 0) -> None:
        super().__init__(server, key, debug)
        self.ttl = ttl

    @classmethod
    def from_spider(cls, spider: Spider) -> RunDupeFilter:
        settings = spider.settings
        return cls(
            get_redis_from_settings(settings),
            RunKeys.from_settings(settings).seen,
            debug=settings.getbool("DUPEFILTER_DEBUG"),
            ttl=settings.getint("RUN_KEYS_TTL"),
        )

    def request_seen(self, request: Request) -> bool:
        """Whether the run queued this request already; one round trip, which also renews the expiry."""
        with self.server.pipeline(transaction=False) as pipe:
            pipe.sadd(self.key, self.request_fingerprint(request)).expire(self.key, self.ttl)
            added, _ = pipe.execute()
        return cast(int, added) == 0
