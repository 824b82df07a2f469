"""Begin a distributed run: its one ``crawl_runs`` record, and its start requests in Redis.

The start requests are the spider's own (``SottttSpider.seeds``: in incremental mode the sitemap and
the known articles due for a re-check), serialised by scrapy-redis's queue with Scrapy's
``Request.to_dict(spider=...)``, and their fingerprints are the first of the run (``LeasedQueue.push_new``).
"""

from __future__ import annotations

from datetime import UTC, datetime

from scrapy.crawler import Crawler
from scrapy.settings import Settings
from scrapy_redis.connection import get_redis_from_settings

from scraper.distributed.dupefilter import RunDupeFilter
from scraper.distributed.keys import RunKeys
from scraper.distributed.queue import LeasedQueue
from scraper.distributed.run import SharedRun
from scraper.spiders.sotttt import SottttSpider
from scraper.storage.store import Store

ARGUMENTS = ("mode", "base_url")  # what every worker of the run must be started with


def seed(settings: Settings, mode: str, base_url: str | None = None) -> tuple[int, int]:
    """Begin a run in ``mode``; its id, and how many requests were queued."""
    server = get_redis_from_settings(settings)
    server.ping()  # before the run is recorded
    with Store.open(settings["DATABASE_URL"]) as store:
        run_id = store.begin_run(mode, datetime.now(UTC))
    settings = settings.copy()
    settings.set("RUN_ID", run_id, "cmdline")
    spider = SottttSpider.from_crawler(Crawler(SottttSpider, settings), base_url=base_url, mode=mode)
    assert spider.policy is not None
    try:
        keys = RunKeys.from_settings(settings)
        SharedRun(server, keys, settings.getint("RUN_KEYS_TTL")).seed(
            {name: str(getattr(spider, name)) for name in ARGUMENTS}
        )
        queue = LeasedQueue(server, spider, keys.queue)
        seen = RunDupeFilter.from_spider(spider)
        queued = sum(queue.push_new(request, seen) for request in spider.seeds())
    finally:
        spider.policy.store.close()
    return run_id, queued
