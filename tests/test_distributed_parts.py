"""The parts of a distributed run, one at a time, on the test Redis server (a key prefix per test)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from redis import Redis
from scrapy import Request, signals
from scrapy.exceptions import UsageError
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from scraper import settings as project_settings
from scraper.distributed.dupefilter import RunDupeFilter
from scraper.distributed.keys import RunKeys
from scraper.distributed.leases import LEASE, Leases
from scraper.distributed.release import LeaseRelease
from scraper.distributed.run import SharedRun
from scraper.distributed.scheduler import RunScheduler
from scraper.distributed.worker import RunWorker
from scraper.signals import items_stored, request_queued
from scraper.spiders.sotttt import SottttSpider

SITE = "https://sotttt.angiang.gov.vn"


@pytest.fixture
def server(redis_settings: dict[str, str]) -> Redis:
    return Redis.from_url(redis_settings["REDIS_URL"])


def crawler_settings(redis_settings: dict[str, str], tmp_path: Any, **more: Any) -> dict[str, Any]:
    return {
        "ADDONS": project_settings.ADDONS,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'store.sqlite3'}",
        "RUN_KEYS_TTL": 600,
        **redis_settings,
        **more,
    }


def spider_of(crawler: Any) -> SottttSpider:
    """The spider of a full crawl of SITE, made as a crawl makes it: before the crawler's settings are
    frozen (``get_crawler`` freezes them), as its site profile's politeness settings are set then."""
    crawler.settings.frozen = False
    spider = SottttSpider.from_crawler(crawler, base_url=SITE, mode="full")
    crawler.settings.freeze()
    return spider


def test_no_redis_url_keeps_scrapys_own_scheduler(tmp_path):
    crawler = get_crawler(SottttSpider, crawler_settings({}, tmp_path))
    assert crawler.settings["SCHEDULER"] == "scrapy.core.scheduler.Scheduler"
    assert crawler.settings["DUPEFILTER_CLASS"] == "scrapy.dupefilters.RFPDupeFilter"


def test_redis_url_and_a_run_switch_to_the_runs_scheduler(redis_settings, tmp_path):
    crawler = get_crawler(SottttSpider, crawler_settings(redis_settings, tmp_path, RUN_ID=7))
    assert crawler.settings["SCHEDULER"] is RunScheduler
    assert crawler.settings["DUPEFILTER_CLASS"] is RunDupeFilter
    assert crawler.settings.getbool("SCHEDULER_PERSIST")


@pytest.mark.parametrize(
    ("more", "message"), [({"RUN_ID": 0}, "RUN_ID is not"), ({"REDIS_URL": ""}, "set REDIS_URL")]
)
def test_half_a_distributed_configuration_is_refused(redis_settings, tmp_path, more, message):
    with pytest.raises(UsageError, match=message):
        get_crawler(SottttSpider, crawler_settings(redis_settings, tmp_path, **{"RUN_ID": 7, **more}))


def test_a_worker_of_a_run_does_not_seed_it_again(redis_settings, tmp_path):
    def start(**more: Any) -> list[str]:
        crawler = get_crawler(SottttSpider, crawler_settings({}, tmp_path, **more))
        spider = spider_of(crawler)

        async def urls() -> list[str]:
            return [request.url async for request in spider.start()]

        return asyncio.run(urls())

    assert start() == [f"{SITE}/", f"{SITE}/sitemap.xml", f"{SITE}/rss.xml"]
    assert start(RUN_ID=7, **redis_settings) == []


def test_fingerprints_belong_to_their_run_and_expire(redis_settings, server):
    def dupefilter(run_id: int) -> RunDupeFilter:
        return RunDupeFilter(server, RunKeys(redis_settings["REDIS_KEY_PREFIX"], run_id).seen, ttl=600)

    first, second = dupefilter(1), dupefilter(2)
    article = Request(f"{SITE}/tin-tuc/thong-bao-so-1")
    assert (first.request_seen(article), first.request_seen(article)) == (False, True)
    assert second.request_seen(article) is False  # the next run re-checks what the last one saw
    assert first.key == f"{redis_settings['REDIS_KEY_PREFIX']}:run:1:seen"
    assert 0 < server.ttl(first.key) <= 600


def test_a_taken_request_is_held_until_released_or_given_back(redis_settings, server):
    keys = RunKeys(redis_settings["REDIS_KEY_PREFIX"], 1)
    server.zadd(keys.queue, {b"request-a": -1, b"request-b": 0})
    leases = Leases(server, keys, "worker-1")

    assert leases.take("1") == b"request-a"  # highest priority first
    assert leases.take("2") == b"request-b"
    assert leases.take("3") is None
    assert server.hgetall(keys.leases("worker-1")) == {b"1": b"-1 request-a", b"2": b"0 request-b"}
    leases.release(["2"])
    assert leases.give_back() == 1
    assert server.zrange(keys.queue, 0, -1, withscores=True) == [(b"request-a", -1.0)]
    assert leases.held() == 0


def test_the_requests_of_a_worker_that_stopped_beating_go_back_to_the_queue(redis_settings, server):
    keys = RunKeys(redis_settings["REDIS_KEY_PREFIX"], 1)
    run = SharedRun(server, keys, ttl=600)
    server.zadd(keys.queue, {b"request-a": 0, b"request-b": 0, b"request-c": 0})
    for worker, lease in (("alive", 30), ("dead", 0)):
        run.beat(worker, lease_seconds=lease)
        Leases(server, keys, worker).take("1")
    assert not run.quiet("alive")  # a request is queued, and "dead" holds one

    assert run.reap() == 1
    assert run.others("alive") == []
    assert run.queued() == 2
    assert server.hlen(keys.leases("alive")) == 1
    server.delete(keys.queue)
    assert run.quiet("alive")  # nothing queued; only "alive" itself holds a request
    assert not run.quiet("someone else")


def test_a_lease_is_released_only_once_what_its_response_produced_is_stored(redis_settings, server, tmp_path):
    crawler = get_crawler(SottttSpider, crawler_settings(redis_settings, tmp_path, RUN_ID=1, WORKER_ID="w"))
    keys = RunKeys.from_settings(crawler.settings)
    server.zadd(keys.queue, {b"listing": 0})
    Leases(server, keys, "w").take("1")
    release = LeaseRelease.from_crawler(crawler)
    response = HtmlResponse(f"{SITE}/", body=b"", request=Request(f"{SITE}/", meta={LEASE: "1"}))
    article, item = Request(f"{SITE}/tin-tuc/thong-bao-so-1"), {"title": "Thông báo"}

    async def callback_output() -> Any:
        for output in (article, item):
            yield output

    async def read_to_the_end() -> list[Any]:
        return [output async for output in release.process_spider_output(response, callback_output())]

    assert asyncio.run(read_to_the_end()) == [article, item]
    send = crawler.signals.send_catch_log
    send(items_stored, complete=False)
    assert server.hkeys(keys.leases("w")) == [b"1"]  # the request and the item are not safe yet
    send(signals.request_scheduled, request=article, spider=None)
    send(request_queued, request=article, in_redis=True)
    send(signals.item_scraped, item=item, response=response, spider=None)
    assert server.hkeys(keys.leases("w")) == [b"1"]  # the item is not committed yet
    send(items_stored, complete=False)
    assert server.hkeys(keys.leases("w")) == []
    assert crawler.stats.get_value("sotttt/distributed/leases/released") == 1


def test_a_worker_that_cannot_reach_redis_says_so_and_keeps_beating(tmp_path, caplog):
    unreachable = {"REDIS_URL": "redis://127.0.0.1:9/0", "REDIS_KEY_PREFIX": "sotttt_test_none"}
    crawler = get_crawler(SottttSpider, crawler_settings(unreachable, tmp_path, RUN_ID=1, WORKER_ID="w"))
    worker = RunWorker.from_crawler(crawler)
    worker._beat()  # what its LoopingCall calls: an exception would stop the loop for good
    assert [r.getMessage() for r in caplog.records if r.name == "scraper.distributed.worker"] == [
        "worker w could not beat"
    ]


def leased_response_output(crawler: Any, outputs: list[Any]) -> LeaseRelease:
    """A ``LeaseRelease`` that has read ``outputs`` from the response to the request leased as "1" (keep
    it: signals hold their receivers weakly)."""
    keys = RunKeys.from_settings(crawler.settings)
    server = Redis.from_url(crawler.settings["REDIS_URL"])
    server.zadd(keys.queue, {b"listing": 0})
    Leases(server, keys, crawler.settings["WORKER_ID"]).take("1")
    release = LeaseRelease.from_crawler(crawler)
    response = HtmlResponse(f"{SITE}/", body=b"", request=Request(f"{SITE}/", meta={LEASE: "1"}))

    async def read_to_the_end() -> None:
        async def callback_output() -> Any:
            for output in outputs:
                yield output

        async for _ in release.process_spider_output(response, callback_output()):
            pass

    asyncio.run(read_to_the_end())
    return release


def test_a_request_the_engine_ignores_before_the_scheduler_releases_its_parent_at_the_next_commit(
    redis_settings, server, tmp_path
):
    crawler = get_crawler(SottttSpider, crawler_settings(redis_settings, tmp_path, RUN_ID=1, WORKER_ID="w"))
    offsite, article = Request("https://angiang.gov.vn/"), Request(f"{SITE}/tin-tuc/thong-bao-so-1")
    release = leased_response_output(crawler, [offsite, article])
    held = RunKeys.from_settings(crawler.settings).leases("w")
    send = crawler.signals.send_catch_log
    send(signals.request_scheduled, request=offsite, spider=None)  # and no request_queued: ignored
    send(items_stored, complete=False)
    assert server.hkeys(held) == [b"1"]  # the article has not reached the engine yet
    send(signals.request_scheduled, request=article, spider=None)
    send(request_queued, request=article, in_redis=True)
    send(items_stored, complete=False)
    assert server.hkeys(held) == []
    assert release.stats.get_value("sotttt/distributed/leases/released") == 1


def test_a_request_kept_in_memory_holds_its_parents_lease_until_the_spider_is_idle(
    redis_settings, server, tmp_path
):
    crawler = get_crawler(SottttSpider, crawler_settings(redis_settings, tmp_path, RUN_ID=1, WORKER_ID="w"))
    article = Request(f"{SITE}/tin-tuc/thong-bao-so-1")
    release = leased_response_output(crawler, [article])
    held = RunKeys.from_settings(crawler.settings).leases("w")
    send = crawler.signals.send_catch_log
    send(signals.request_scheduled, request=article, spider=None)
    send(request_queued, request=article, in_redis=False)  # Redis failed: only this worker has it
    send(items_stored, complete=False)
    assert server.hkeys(held) == [b"1"]  # if the worker dies now, the listing is fetched again
    send(items_stored, complete=True)  # idle: the article was fetched and its output stored
    assert server.hkeys(held) == []
    assert release.stats.get_value("sotttt/distributed/leases/released") == 1


@pytest.fixture
def scheduler(redis_settings: dict[str, str], tmp_path: Any) -> Iterator[RunScheduler]:
    crawler = get_crawler(SottttSpider, crawler_settings(redis_settings, tmp_path, RUN_ID=1, WORKER_ID="w"))
    crawler.spider = spider_of(crawler)
    opened = RunScheduler.from_crawler(crawler)
    opened.open(crawler.spider)
    opened.wake.stop()  # no engine here to hand requests to
    yield opened
    crawler.spider.policy.store.close()


def test_a_new_request_is_queued_in_the_same_step_as_its_fingerprint_is_recorded(scheduler, server):
    keys = RunKeys.from_settings(scheduler.crawler.settings)
    article = Request(f"{SITE}/tin-tuc/thong-bao-so-1", priority=2)
    assert scheduler.enqueue_request(article) is True
    assert scheduler.enqueue_request(article.replace()) is False  # the same request again: filtered
    assert server.smembers(keys.seen) == {scheduler.df.request_fingerprint(article).encode()}
    [(entry, score)] = server.zrange(keys.queue, 0, -1, withscores=True)
    assert (scheduler.queue._decode_request(entry).url, score) == (article.url, -2.0)
    assert 0 < server.ttl(keys.seen) <= 600


def test_a_redirect_of_a_held_request_is_held_under_its_own_lease_in_place_of_the_original(scheduler, server):
    keys = RunKeys.from_settings(scheduler.crawler.settings)
    old, new = f"{SITE}/tin-tuc/so-1", f"{SITE}/thong-bao/so-1"
    scheduler.queue.push_new(Request(old), scheduler.df)
    original = scheduler.next_request()
    assert server.hkeys(keys.leases("w")) == [original.meta[LEASE].encode()]

    redirect = original.replace(url=new)  # what RedirectMiddleware hands the engine: the meta with it
    assert scheduler.enqueue_request(redirect) is True
    assert scheduler.next_request() is redirect  # downloaded here
    held = server.hgetall(keys.leases("w"))  # the original's lease is done; the redirect is held
    assert list(held) == [redirect.meta[LEASE].encode()] != [original.meta[LEASE].encode()]
    SharedRun(server, keys, ttl=600).beat("w", lease_seconds=0)
    SharedRun(server, keys, ttl=600).reap()  # the worker dies: the redirect goes back to the queue
    [entry] = server.zrange(keys.queue, 0, -1)
    assert scheduler.queue._decode_request(entry).url == new

    again = scheduler.next_request().replace(url=old)  # another redirect, to a URL seen already
    assert scheduler.enqueue_request(again) is False
    assert server.hlen(keys.leases("w")) == 0  # nothing more to do for the request it came from


def test_a_retry_stays_under_the_lease_of_the_request_it_repeats(scheduler, server):
    keys = RunKeys.from_settings(scheduler.crawler.settings)
    scheduler.queue.push_new(Request(f"{SITE}/tin-tuc/so-1"), scheduler.df)
    original = scheduler.next_request()
    retry = original.replace(dont_filter=True)
    assert scheduler.enqueue_request(retry) is True
    assert scheduler.next_request() is retry
    assert server.hkeys(keys.leases("w")) == [original.meta[LEASE].encode()] == [retry.meta[LEASE].encode()]
