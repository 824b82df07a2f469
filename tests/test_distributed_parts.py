"""The parts of a distributed run, one at a time, on the test Redis server (a key prefix per test)."""

from __future__ import annotations

import asyncio
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
from scraper.signals import items_stored
from scraper.spiders.sotttt import SotttSpider

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


def test_no_redis_url_keeps_scrapys_own_scheduler(tmp_path):
    crawler = get_crawler(SotttSpider, crawler_settings({}, tmp_path))
    assert crawler.settings["SCHEDULER"] == "scrapy.core.scheduler.Scheduler"
    assert crawler.settings["DUPEFILTER_CLASS"] == "scrapy.dupefilters.RFPDupeFilter"


def test_redis_url_and_a_run_switch_to_the_runs_scheduler(redis_settings, tmp_path):
    crawler = get_crawler(SotttSpider, crawler_settings(redis_settings, tmp_path, RUN_ID=7))
    assert crawler.settings["SCHEDULER"] is RunScheduler
    assert crawler.settings["DUPEFILTER_CLASS"] is RunDupeFilter
    assert crawler.settings.getbool("SCHEDULER_PERSIST")


@pytest.mark.parametrize(
    ("more", "message"), [({"RUN_ID": 0}, "RUN_ID is not"), ({"REDIS_URL": ""}, "set REDIS_URL")]
)
def test_half_a_distributed_configuration_is_refused(redis_settings, tmp_path, more, message):
    with pytest.raises(UsageError, match=message):
        get_crawler(SotttSpider, crawler_settings(redis_settings, tmp_path, **{"RUN_ID": 7, **more}))


def test_a_worker_of_a_run_does_not_seed_it_again(redis_settings, tmp_path):
    def start(**more: Any) -> list[str]:
        crawler = get_crawler(SotttSpider, crawler_settings({}, tmp_path, **more))
        spider = SotttSpider.from_crawler(crawler, base_url=SITE, mode="full")

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
    crawler = get_crawler(SotttSpider, crawler_settings(redis_settings, tmp_path, RUN_ID=1, WORKER_ID="w"))
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
    send(signals.item_scraped, item=item, response=response, spider=None)
    assert server.hkeys(keys.leases("w")) == [b"1"]  # the item is not committed yet
    send(items_stored, complete=False)
    assert server.hkeys(keys.leases("w")) == []
    assert crawler.stats.get_value("sotttt/distributed/leases/released") == 1


def test_a_worker_that_cannot_reach_redis_says_so_and_keeps_beating(tmp_path, caplog):
    unreachable = {"REDIS_URL": "redis://127.0.0.1:9/0", "REDIS_KEY_PREFIX": "sotttt_test_none"}
    crawler = get_crawler(SotttSpider, crawler_settings(unreachable, tmp_path, RUN_ID=1, WORKER_ID="w"))
    worker = RunWorker.from_crawler(crawler)
    worker._beat()  # what its LoopingCall calls: an exception would stop the loop for good
    assert [r.getMessage() for r in caplog.records if r.name == "scraper.distributed.worker"] == [
        "worker w could not beat"
    ]
