"""Network errors, told in one line: a site that cannot be reached ends the run at once.

``SiteReachability`` (before the retry middleware) watches every attempt at the site's own hosts
(``spider.allowed_domains``). A DNS failure or a refused connection cannot get better by waiting
a few seconds, so it is not retried; after ``SITE_UNREACHABLE_AFTER`` of them in a row, or
``SITE_ERRORS_ONLY_AFTER`` answers in a row that were all server errors from a site that has not
answered properly once in this run, the crawl closes with the finish reason ``site_unreachable``
and the stats say which host and why (``sotttt/site/unreachable``); the monitors and the exit
status take it from there (scraper/monitors.py).

``QuietNetworkErrors`` (after the retry middleware) gets the network errors that are final (the
retry middleware has said "Gave up retrying ..." in one line, or the request was not to be
retried: then it says so itself) and hands Scrapy an ``IgnoreRequest`` in their place, so no
traceback reaches the console for an error the run has counted (``sotttt/network/gave_up``).
Errbacks still receive it.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import CannotResolveHostError, DownloadConnectionRefusedError, IgnoreRequest
from scrapy.http import Response
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.misc import load_object
from twisted.internet.error import ConnectionRefusedError, DNSLookupError

from scraper import stats as stat

logger = logging.getLogger(__name__)

FINISH_REASON = "site_unreachable"
UNREACHABLE = (CannotResolveHostError, DownloadConnectionRefusedError, DNSLookupError, ConnectionRefusedError)


class NetworkError(IgnoreRequest):
    """A request given up on a network error: counted and logged in one line, not a traceback."""


class SiteUnreachable(NetworkError):
    """The site's host cannot be resolved or refuses connections: retrying would not help."""


class SiteReachability:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.unreachable_after = crawler.settings.getint("SITE_UNREACHABLE_AFTER")
        self.errors_only_after = crawler.settings.getint("SITE_ERRORS_ONLY_AFTER")
        self.answered = False  # the site gave one answer that was not a server error
        self.failures = 0  # attempts in a row that got no connection
        self.error_answers = 0  # server errors in a row, before any proper answer

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteReachability:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if self._on_site(request):
            self.failures = 0
            if response.status < 500:
                self.answered = True
            elif not self.answered:
                self.error_answers += 1
                if self.error_answers >= self.errors_only_after:
                    self._give_up(request, f"it answers only server errors (HTTP {response.status})")
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        if not (self._on_site(request) and isinstance(exception, UNREACHABLE)):
            return None  # the retry middleware's business
        self.crawler.stats.inc_value(stat.SITE_UNREACHABLE_ERRORS)
        self.failures += 1
        why = _reason(exception)
        if self.failures >= self.unreachable_after:
            self._give_up(request, why)
        raise SiteUnreachable(f"{request.url}: {why}")

    def _on_site(self, request: Request) -> bool:
        spider = self.crawler.spider
        return urlsplit(request.url).hostname in getattr(spider, "allowed_domains", ())

    def _give_up(self, request: Request, why: str) -> None:
        stats = self.crawler.stats
        assert stats is not None and self.crawler.engine is not None
        if stats.get_value(stat.SITE_UNREACHABLE):
            return  # said once; the engine is closing
        host = urlsplit(request.url).hostname
        stats.set_value(stat.SITE_UNREACHABLE, f"{host}: {why}")
        logger.error("site unreachable: %s: %s; the crawl stops (%s)", host, why, FINISH_REASON)
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=FINISH_REASON))


class QuietNetworkErrors:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.retrying = crawler.settings.getbool("RETRY_ENABLED")
        self.network_errors = tuple(
            load_object(path) if isinstance(path, str) else path
            for path in crawler.settings.getlist("RETRY_EXCEPTIONS")
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> QuietNetworkErrors:
        return cls(crawler)

    def process_exception(self, request: Request, exception: Exception) -> Any:
        if not isinstance(exception, self.network_errors):
            return None
        self.crawler.stats.inc_value(stat.NETWORK_GAVE_UP)
        if request.meta.get("dont_retry") or not self.retrying:  # else the retry middleware said it
            logger.error("gave up on %s: %s", request.url, _reason(exception))
        raise NetworkError(f"{request.url}: {_reason(exception)}") from exception


def _reason(exception: Exception) -> str:
    """What went wrong, in words: the exception's name and message, no traceback."""
    text = str(exception).strip() or "no details"
    return f"{type(exception).__name__}: {text}"
