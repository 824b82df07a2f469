"""The Redis keys of one run: everything a run shares lives under ``<REDIS_KEY_PREFIX>:run:<id>:``."""

from __future__ import annotations

from dataclasses import dataclass

from scrapy.settings import BaseSettings


@dataclass(frozen=True)
class RunKeys:
    prefix: str
    run_id: int

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> RunKeys:
        return cls(settings["REDIS_KEY_PREFIX"], settings.getint("RUN_ID"))

    @property
    def root(self) -> str:
        return f"{self.prefix}:run:{self.run_id}"

    @property
    def queue(self) -> str:
        """Sorted set of serialised requests waiting for a worker (scrapy-redis's priority queue)."""
        return f"{self.root}:requests"

    @property
    def seen(self) -> str:
        """Set of the fingerprints of every request queued in this run (``RunDupeFilter``)."""
        return f"{self.root}:seen"

    @property
    def workers(self) -> str:
        """Sorted set: worker -> the Redis time its lease on life ends (``RunWorkers``)."""
        return f"{self.root}:workers"

    @property
    def arguments(self) -> str:
        """Hash of the spider arguments the run was seeded with; every worker must use the same."""
        return f"{self.root}:arguments"

    @property
    def leases_prefix(self) -> str:
        return f"{self.root}:leases:"

    def leases(self, worker: str) -> str:
        """Hash: lease -> "score request" of each request ``worker`` took from the queue (``Leases``)."""
        return f"{self.leases_prefix}{worker}"

    @property
    def shared(self) -> tuple[str, ...]:
        """The keys every worker of the run uses."""
        return (self.queue, self.seen, self.workers, self.arguments)
