"""Retries that are kind to the site: exponential backoff, and ``Retry-After`` honoured.

Replaces Scrapy's ``RetryMiddleware`` (same settings, same stats) and waits before a retry:
``Retry-After`` seconds on 429/503 when the server says so, else
``RETRY_BACKOFF_BASE * 2**attempt``, capped at ``RETRY_BACKOFF_MAX``. The wait does not
block the reactor.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.utils.defer import deferred_to_future
from twisted.internet import reactor
from twisted.internet.task import deferLater

from scraper import stats as stat

RETRY_AFTER_STATUSES = frozenset({429, 503})


class PoliteRetryMiddleware(RetryMiddleware):
    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE")
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX")

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        result = super().process_response(request, response)
        if isinstance(result, Request):
            if response.status in RETRY_AFTER_STATUSES:
                self.crawler.stats.inc_value(stat.retry_after(response.status))
            await _sleep(self._delay(request, response))
        return result

    async def process_exception(self, request: Request, exception: Exception) -> Request | Response | None:  # type: ignore[override]
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            await _sleep(self._backoff(request))
        return result

    def _delay(self, request: Request, response: Response) -> float:
        if response.status in RETRY_AFTER_STATUSES:
            header = response.headers.get(b"Retry-After")
            seconds = retry_after_seconds(header.decode("latin-1") if header else None)
            if seconds is not None:
                return min(seconds, self.backoff_max)
        return self._backoff(request)

    def _backoff(self, request: Request) -> float:
        attempt: int = request.meta.get("retry_times", 0)
        return min(self.backoff_base * 2.0**attempt, self.backoff_max)


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds: a number of seconds or an HTTP date; None if unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


async def _sleep(seconds: float) -> None:
    if seconds > 0:
        await deferred_to_future(deferLater(reactor, seconds, lambda: None))
