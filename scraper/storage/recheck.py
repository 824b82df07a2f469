"""When to look at a known article again: young articles at every run, every article within a period.

Each old article has its own phase in the period (a hash of its key) and comes due once per
period at that phase: exactly one re-check per period each, and an even load over the period,
even right after a full crawl that checked everything at once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta


@dataclass(frozen=True)
class RecheckPolicy:
    young: timedelta = timedelta(days=30)  # articles younger than this: re-checked at every run
    period: timedelta = timedelta(days=7)  # every live article: re-checked at least this often
    removed: timedelta = timedelta(days=30)  # a taken-down article, in case it comes back

    def next_check(self, key: str, born: datetime, checked: datetime, live: bool) -> datetime:
        """When the article ``key``, published (or first seen) at ``born`` and checked at ``checked``,
        is due again."""
        if not live:
            return checked + self.removed
        if checked - born < self.young:
            return checked  # due at the next run
        wait = (self.period * _phase(key) - (checked - EPOCH)) % self.period
        return checked + (wait or self.period)


EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def _phase(key: str) -> float:
    """The article's stable place in the period, a share in [0, 1)."""
    digest = hashlib.blake2b(key.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64
