"""At the end of a crawl, tell each watchlist topic's subscribers what the run found: one message
per topic and notification URL, listing the run's new and changed articles of that topic (of the
sites the topic names, if it names any: ``sites = [...]`` in the watchlist).

Messages are queued in the database (``alert_deliveries``) before they are sent; one that fails
is logged and sent again at the end of the next run, and once delivered it is never sent again
(``scraper.storage.outbox``). Runs when the spider has closed, after the pipelines wrote every item.

Stats: ``sotttt/alerts/queued``, ``…/delivered``, ``…/failed`` (still pending), and
``sotttt/alerts/skipped/{no_run,database}`` when there was nothing to report on or no database.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Self

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from scraper import stats as stat
from scraper.content.watchlist import Watchlist, load
from scraper.outputs.alerts import alerts
from scraper.outputs.notify import send
from scraper.storage import StorageError, queries
from scraper.storage.outbox import Alert
from scraper.storage.store import Store

logger = logging.getLogger(__name__)


class AlertsExtension:
    def __init__(self, crawler: Crawler, watchlist: Watchlist, database_url: str, max_articles: int) -> None:
        assert crawler.stats is not None
        self.stats = crawler.stats
        self.watchlist = watchlist
        self.database_url = database_url
        self.max_articles = max_articles

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        if not settings.getbool("ALERTS_ENABLED"):
            raise NotConfigured("ALERTS_ENABLED is off")
        watchlist = load(settings["WATCHLIST_PATH"])
        if not any(topic.notify for topic in watchlist.topics):
            raise NotConfigured(f"no topic of {watchlist.path} has notification URLs")
        extension = cls(crawler, watchlist, settings["DATABASE_URL"], settings.getint("ALERT_MAX_ARTICLES"))
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, reason: str) -> None:
        run_id = self.stats.get_value(stat.RUN_ID)
        if run_id is None:
            self.stats.inc_value(stat.ALERTS_NO_RUN)
            return
        try:
            with Store.open(self.database_url, upgrade=False) as store:
                queued = store.queue_alerts(run_id, self._alerts(store, run_id), datetime.now(UTC))
                report = store.deliver_alerts(send, lambda: datetime.now(UTC))
        except StorageError:
            self.stats.inc_value(stat.ALERTS_NO_DATABASE)
            logger.exception("Alerts of run %s could not be queued or sent", run_id)
            return
        for name, value in (("queued", queued), ("delivered", report.delivered), ("failed", report.failed)):
            self.stats.set_value(stat.alerts(name), value)

    def _alerts(self, store: Store, run_id: int) -> list[Alert]:
        with store.reading() as session:
            return [
                alert
                for topic in self.watchlist.topics
                if topic.notify
                for alert in alerts(
                    topic,
                    queries.run_topic_articles(session, run_id, topic.name, topic.sites),
                    self.max_articles,
                )
            ]
