"""Times as people here read them: the site's local time, +07:00."""

from __future__ import annotations

from datetime import datetime

from scraper.timezone import SITE_TZ


def local(when: datetime | None) -> str:
    """``2025-05-09 15:25`` in local time; '' for None."""
    return when.astimezone(SITE_TZ).strftime("%Y-%m-%d %H:%M") if when else ""


def iso(when: datetime | None) -> str | None:
    """ISO 8601 with the local offset (``2025-05-09T15:25:00+07:00``), for JSON; None for None."""
    return when.astimezone(SITE_TZ).isoformat() if when else None
