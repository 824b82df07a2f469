"""Leases: a worker's hold, kept in Redis, on the requests it took from the run's queue.

Taking a request moves it in one step from the queue to the worker's lease hash (the reliable-queue
pattern), so a request is always in Redis until its work is done: a worker that dies holding leases
has them moved back to the queue by the others (``RunWorkers.reap``), one that stops early gives
them back itself (``give_back``). A lease is released once everything its response produced is safe
(``release.LeaseRelease``).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import cast

from redis import Redis

from scraper.distributed.keys import RunKeys

LEASE = "sotttt_lease"  # request.meta key: the lease this worker holds on the request

# Lua: move every lease of hash ``leases`` back to the sorted set ``queue``, with its score; how many.
MOVE_BACK = """
local function move_back(queue, leases)
  local entries = redis.call('HVALS', leases)
  for _, entry in ipairs(entries) do
    local space = string.find(entry, ' ', 1, true)
    redis.call('ZADD', queue, string.sub(entry, 1, space - 1), string.sub(entry, space + 1))
  end
  redis.call('DEL', leases)
  return #entries
end
"""
TAKE = """
local popped = redis.call('ZPOPMIN', KEYS[1])
if #popped == 0 then return false end
redis.call('HSET', KEYS[2], ARGV[1], popped[2] .. ' ' .. popped[1])
return popped[1]
"""
GIVE_BACK = MOVE_BACK + "return move_back(KEYS[1], KEYS[2])"


class Leases:
    """The leases of one worker of a run."""

    def __init__(self, server: Redis, keys: RunKeys, worker: str) -> None:
        self.server = server
        self.queue = keys.queue
        self.key = keys.leases(worker)
        self._take = server.register_script(TAKE)
        self._give_back = server.register_script(GIVE_BACK)

    def take(self, lease: str) -> bytes | None:
        """The next serialised request of the queue, now held under ``lease``; None if the queue is empty."""
        return cast(bytes | None, self._take(keys=[self.queue, self.key], args=[lease]))  # Lua's false: None

    def release(self, leases: Collection[str]) -> None:
        """The work of these leases is done."""
        if leases:
            self.server.hdel(self.key, *leases)

    def release_all(self) -> int:
        """The work of every lease held is done; how many there were."""
        with self.server.pipeline() as pipe:
            pipe.hlen(self.key)
            pipe.delete(self.key)
            held, _ = pipe.execute()
        return cast(int, held)

    def give_back(self) -> int:
        """Put every request still held back in the queue for another worker; how many."""
        return cast(int, self._give_back(keys=[self.queue, self.key]))

    def held(self) -> int:
        return self.server.hlen(self.key)
