"""When to look at a known article again: young articles often, old ones rarely."""

from __future__ import annotations

from datetime import datetime, timedelta

SOONEST = timedelta(hours=1)
LATEST = timedelta(days=30)
# Wait a tenth of the article's age: a day-old article in 2.4 hours, a 100-day-old one in 10 days.
AGE_FRACTION = 10


def next_check(born: datetime, checked: datetime, live: bool) -> datetime:
    """When an article published (or first seen) at ``born`` and checked at ``checked`` is due again.

    A removed article is looked at only at the longest interval, in case it comes back.
    """
    wait = min(max((checked - born) / AGE_FRACTION, SOONEST), LATEST) if live else LATEST
    return checked + wait
