"""A run's shared state in Redis: the spider arguments it was seeded with, its workers, its queue.

Times are Redis's own (``TIME``), so the workers' clocks need not agree.
"""

from __future__ import annotations

from typing import cast

from redis import Redis
from redis.typing import EncodableT, FieldT

from scraper.distributed.keys import RunKeys
from scraper.distributed.leases import MOVE_BACK

NOW = """
local time = redis.call('TIME')
local now = tonumber(time[1]) + tonumber(time[2]) / 1000000
"""
BEAT = (
    NOW
    + """
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
for i = 1, #KEYS do redis.call('EXPIRE', KEYS[i], ARGV[3]) end
"""
)
REAP = (
    MOVE_BACK
    + NOW
    + """
local moved = 0
for _, worker in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)) do
  moved = moved + move_back(KEYS[2], ARGV[1] .. worker)
  redis.call('ZREM', KEYS[1], worker)
end
return moved
"""
)


class SharedRun:
    """What the workers of one run share. A worker beats at least every ``lease_seconds`` to stay
    alive; the run's keys expire ``ttl`` seconds after the last beat."""

    def __init__(self, server: Redis, keys: RunKeys, ttl: int) -> None:
        self.server = server
        self.keys = keys
        self.ttl = ttl
        self._beat = server.register_script(BEAT)
        self._reap = server.register_script(REAP)

    def seed(self, arguments: dict[str, str]) -> None:
        """Record the spider arguments of a new run."""
        with self.server.pipeline() as pipe:
            # A dict[str, str] is a mapping of fields to values; redis-py's Mapping is invariant in the key.
            pipe.hset(self.keys.arguments, mapping=cast(dict[FieldT, EncodableT], arguments))
            pipe.expire(self.keys.arguments, self.ttl)
            pipe.execute()

    def arguments(self) -> dict[str, str]:
        """The spider arguments the run was seeded with; empty if it was not (or is over)."""
        raw = cast(dict[bytes, bytes], self.server.hgetall(self.keys.arguments))  # not decoded
        return {key.decode(): value.decode() for key, value in raw.items()}

    def beat(self, worker: str, lease_seconds: float) -> None:
        """``worker`` is alive for ``lease_seconds`` more (it joins the run with its first beat)."""
        keys = [self.keys.workers, *self.keys.shared, self.keys.leases(worker)]
        self._beat(keys=keys, args=[worker, lease_seconds, self.ttl])

    def reap(self) -> int:
        """Remove the workers that stopped beating; their requests go back to the queue. How many."""
        return cast(
            int, self._reap(keys=[self.keys.workers, self.keys.queue], args=[self.keys.leases_prefix])
        )

    def others(self, worker: str) -> list[str]:
        """The workers registered besides ``worker`` (alive, unless they died since the last ``reap``)."""
        members = (m.decode() for m in cast(list[bytes], self.server.zrange(self.keys.workers, 0, -1)))
        return [m for m in members if m != worker]

    def quiet(self, worker: str) -> bool:
        """Nothing is queued and no worker but ``worker`` holds a request: nothing is in flight elsewhere."""
        with self.server.pipeline(transaction=False) as pipe:
            pipe.zcard(self.keys.queue)
            for other in self.others(worker):
                pipe.hlen(self.keys.leases(other))
            return not any(pipe.execute())

    def queued(self) -> int:
        return self.server.zcard(self.keys.queue)

    def leave(self, worker: str) -> None:
        self.server.zrem(self.keys.workers, worker)

    def forget(self) -> None:
        """The run is over: delete its keys."""
        self.server.delete(*self.keys.shared)
