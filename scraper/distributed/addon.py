"""The switch: ``REDIS_URL`` set makes the crawl one worker of a distributed run; unset, nothing changes.

A Scrapy add-on, so that ``-s REDIS_URL=...`` on the command line switches too. It puts in the
scrapy-redis scheduler and the components of ``scraper.distributed``; the spider, parsers,
pipelines and monitors are the same in both modes.
"""

from __future__ import annotations

from scrapy.exceptions import NotConfigured, UsageError
from scrapy.settings import BaseSettings

from scraper.distributed.dupefilter import RunDupeFilter
from scraper.distributed.queue import LeasedQueue
from scraper.distributed.release import LeaseRelease
from scraper.distributed.scheduler import RunScheduler
from scraper.distributed.worker import RunWorker
from scraper.monitors import WorkerMonitors


class DistributedAddon:
    def update_settings(self, settings: BaseSettings) -> None:
        if not settings.get("REDIS_URL"):
            if settings.getint("RUN_ID"):
                raise UsageError("RUN_ID names a distributed run: set REDIS_URL too")
            raise NotConfigured
        if not settings.getint("RUN_ID"):
            raise UsageError(
                "REDIS_URL is set but RUN_ID is not: seed a run with `python -m scraper.distributed seed`"
                " and give its id to the workers"
            )
        settings.set("SCHEDULER", RunScheduler, "addon")
        settings.set("SCHEDULER_QUEUE_CLASS", LeasedQueue, "addon")
        settings.set("DUPEFILTER_CLASS", RunDupeFilter, "addon")
        settings.set("SCHEDULER_PERSIST", True, "addon")  # the queue and fingerprints are the run's
        settings.set_in_component_priority_dict("EXTENSIONS", RunWorker, 0)
        # The run is judged as a whole by the worker that ends it (RunWorker); a worker judges only how
        # it ended. At the project's priority: scraper/settings.py names the suite of a local crawl.
        settings.set("SPIDERMON_SPIDER_CLOSE_MONITORS", (WorkerMonitors,), "project")
        # The outermost spider middleware: it sees what callbacks yield just as the engine gets it.
        settings.set_in_component_priority_dict("SPIDER_MIDDLEWARES", LeaseRelease, 1)
