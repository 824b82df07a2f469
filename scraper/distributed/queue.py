"""scrapy-redis's priority queue, whose pop leases the request to the worker (``leases.Leases``).

A new request's fingerprint is recorded in the run's set in the same Lua script that puts the request
where it cannot be lost (the queue, or for a redirect this worker's leases). Recorded in one round trip
and queued in the next, as scrapy-redis does, a worker killed between the two left a fingerprint
without its request: the parent, re-fetched by another worker, yielded it again only to have it
filtered as a duplicate, and the request was lost for the run.
"""

from __future__ import annotations

from itertools import count
from types import ModuleType
from typing import cast

from redis import Redis
from scrapy import Request, Spider
from scrapy_redis.queue import PriorityQueue

from scraper.distributed.dupefilter import RunDupeFilter
from scraper.distributed.keys import RunKeys
from scraper.distributed.leases import LEASE, Leases

# Lua: record fingerprint ARGV[1] in set KEYS[1], renewing its expiry (ARGV[2] seconds); ``added``
# says whether it is new.
SEE = """
local added = redis.call('SADD', KEYS[1], ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
"""
# ... and if it is, queue request ARGV[4] in sorted set KEYS[2] with score ARGV[3].
QUEUE_UNSEEN = (
    SEE
    + """
if added == 1 then redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4]) end
return added
"""
)
# ... and if it is, hold "score request" ARGV[3] under lease ARGV[4] in lease hash KEYS[2]; either
# way the lease ARGV[5] it comes from is done.
HOLD_UNSEEN = (
    SEE
    + """
if added == 1 then redis.call('HSET', KEYS[2], ARGV[4], ARGV[3]) end
redis.call('HDEL', KEYS[2], ARGV[5])
return added
"""
)


class LeasedQueue(PriorityQueue):
    """The run's queue (``<prefix>:run:<id>:requests``, whatever key scrapy-redis passes)."""

    def __init__(self, server: Redis, spider: Spider, key: str, serializer: ModuleType | None = None) -> None:
        keys = RunKeys.from_settings(spider.settings)
        super().__init__(server, spider, keys.queue, serializer)
        self.leases = Leases(server, keys, spider.settings["WORKER_ID"])
        self._numbers = count(1)
        self._queue_unseen = server.register_script(QUEUE_UNSEEN)
        self._hold_unseen = server.register_script(HOLD_UNSEEN)

    def pop(self, timeout: int = 0) -> Request | None:
        lease = self._next_lease()
        data = self.leases.take(lease)
        if data is None:
            return None
        request = cast(Request, self._decode_request(data))
        request.meta[LEASE] = lease
        return request

    def push_new(self, request: Request, seen: RunDupeFilter) -> bool:
        """Queue ``request`` unless the run has seen it (``dont_filter``: in any case); its fingerprint is
        recorded in the same step."""
        if request.dont_filter:
            self.push(request)
            return True
        keys = [seen.key, self.key]
        args = [seen.request_fingerprint(request), seen.ttl, -request.priority, self._encode_request(request)]
        return cast(int, self._queue_unseen(keys=keys, args=args)) == 1

    def hold_unseen(self, request: Request, seen: RunDupeFilter) -> bool:
        """Keep ``request``, a redirect of a request this worker holds, under a lease of its own unless
        the run has seen it. Either way the lease of the request it comes from is done: if this worker
        dies, the redirect goes back to the queue, not the request that a dupefilter would now stop."""
        lease = self._next_lease()
        entry = f"{-request.priority} ".encode() + self._encode_request(request)
        keys = [seen.key, self.leases.key]
        args = [seen.request_fingerprint(request), seen.ttl, entry, lease, request.meta[LEASE]]
        held = cast(int, self._hold_unseen(keys=keys, args=args)) == 1
        request.meta[LEASE] = lease
        return held

    def _next_lease(self) -> str:
        return str(next(self._numbers))
