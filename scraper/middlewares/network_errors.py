"""Network errors, told in one line: a site that cannot be reached ends the run at once.

``SiteReachability`` (before the retry middleware) watches every attempt at the site's hosts, its
own and its successors (``spider.allowed_domains``), each on its own. A DNS failure or a refused
connection cannot get better by waiting a few seconds, so it is not retried; after
``SITE_UNREACHABLE_AFTER`` of them in a row, or ``SITE_ERRORS_ONLY_AFTER`` answers in a row that were
all server errors from a host that has not answered properly once in this run, that host is down
(``sotttt/site/host_unreachable/HOST``). When every host the crawl asked is down, the crawl closes
with the finish reason ``site_unreachable`` and the stats say which host and why
(``sotttt/site/unreachable``); the monitors and the exit status take it from there
(scraper/monitors.py). When the site's own host is down and a successor answers, the site moved
there: the crawl goes on, and the spider says so (``SottttSpider.site_moved``).

``QuietNetworkErrors`` (after the retry middleware) gets the network errors that are final (the
retry middleware has said "Gave up retrying ..." in one line, or the request was not to be
retried: then it says so itself) and hands Scrapy an ``IgnoreRequest`` in their place, so no
traceback reaches the console for an error the run has counted (``sotttt/network/gave_up``).
Errbacks still receive it.
"""

from __future__ import annotations

import logging
from collections import Counter
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
        self.asked: set[str] = set()  # hosts of the site the crawl sent requests to
        self.answered: set[str] = set()  # hosts that gave one answer that was not a server error
        self.failures: Counter[str] = Counter()  # attempts in a row that got no connection, by host
        self.error_answers: Counter[str] = Counter()  # server errors in a row before any proper answer
        self.down: dict[str, str] = {}  # host -> why it is given up on

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteReachability:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        host = self._site_host(request)
        if host:
            self.asked.add(host)

    def process_response(self, request: Request, response: Response) -> Response:
        host = self._site_host(request)
        if host:
            self.failures[host] = 0
            if response.status < 500:
                if host not in self.answered:
                    self.answered.add(host)
                    self._moved_from_down_hosts()
            elif host not in self.answered:
                self.error_answers[host] += 1
                if self.error_answers[host] >= self.errors_only_after:
                    self._host_down(host, f"it answers only server errors (HTTP {response.status})")
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        host = self._site_host(request)
        if not (host and isinstance(exception, UNREACHABLE)):
            return None  # the retry middleware's business
        self.crawler.stats.inc_value(stat.SITE_UNREACHABLE_ERRORS)
        self.failures[host] += 1
        why = _reason(exception)
        if self.failures[host] >= self.unreachable_after:
            self._host_down(host, why)
        raise SiteUnreachable(f"{request.url}: {why}")

    def _site_host(self, request: Request) -> str | None:
        host = urlsplit(request.url).hostname
        return host if host in getattr(self.crawler.spider, "allowed_domains", ()) else None

    def _host_down(self, host: str, why: str) -> None:
        if host in self.down:
            return
        self.down[host] = why
        stats = self.crawler.stats
        assert stats is not None and self.crawler.engine is not None
        stats.set_value(stat.host_unreachable(host), why)
        if self.asked - self.down.keys():
            logger.warning(
                "%s cannot be reached (%s): the crawl goes on with the site's other hosts", host, why
            )
            self._moved_from_down_hosts()
            return
        if stats.get_value(stat.SITE_UNREACHABLE):
            return  # said once; the engine is closing
        stats.set_value(stat.SITE_UNREACHABLE, f"{host}: {why}")
        logger.error("site unreachable: %s: %s; the crawl stops (%s)", host, why, FINISH_REASON)
        deferred_from_coro(self.crawler.engine.close_spider_async(reason=FINISH_REASON))

    def _moved_from_down_hosts(self) -> None:
        """The site's own host is down while a successor answers: the site moved there."""
        spider: Any = self.crawler.spider
        profile = getattr(spider, "profile", None)
        if profile is None:
            return
        own_down = [h for h in profile.own_hostnames if h in self.down]
        answering = [base for base in spider.bases[1:] if urlsplit(base).hostname in self.answered]
        if own_down and answering:
            spider.site_moved(answering[0], f"{own_down[0]} cannot be reached: {self.down[own_down[0]]}")


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
