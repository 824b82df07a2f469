from datetime import UTC, datetime

from scrapy import Request
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from scraper.middlewares.polite_retry import PoliteRetryMiddleware, retry_after_seconds


def test_retry_after_in_seconds_and_as_an_http_date():
    now = datetime(2026, 11, 26, 9, 0, 0, tzinfo=UTC)
    assert retry_after_seconds("120") == 120.0
    assert retry_after_seconds("Thu, 26 Nov 2026 09:00:30 GMT", now) == 30.0
    assert retry_after_seconds("Thu, 26 Nov 2026 08:00:00 GMT", now) == 0.0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


def middleware(**settings) -> PoliteRetryMiddleware:
    crawler = get_crawler(settings_dict={"RETRY_BACKOFF_BASE": 2.0, "RETRY_BACKOFF_MAX": 60.0, **settings})
    return PoliteRetryMiddleware.from_crawler(crawler)


def test_waits_what_the_server_asks_capped():
    mw = middleware()
    request = Request("http://127.0.0.1/a")
    asked = Response("http://127.0.0.1/a", status=503, headers={"Retry-After": "7"})
    assert mw._delay(request, asked) == 7.0
    too_long = Response("http://127.0.0.1/a", status=429, headers={"Retry-After": "3600"})
    assert mw._delay(request, too_long) == 60.0


def test_backs_off_exponentially_without_retry_after():
    mw = middleware()
    plain = Response("http://127.0.0.1/a", status=500)
    delays = [mw._delay(Request("http://127.0.0.1/a", meta={"retry_times": n}), plain) for n in range(7)]
    assert delays == [2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0]
