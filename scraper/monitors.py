"""Spidermon monitors that judge a crawl when it closes, and what happens to their verdicts.

Each monitor reads the crawl's stats (nothing is fetched) against thresholds from
``scraper/settings.py``. The verdicts go into the stats (``sotttt/monitors/*``), which the store
keeps on the run's ``crawl_runs`` row; a failure alerts the operators' notification URLs and
makes ``scrapy crawl`` exit with ``EXIT_MONITORS_FAILED``, so cron and systemd see it.

A distributed run (``scraper.distributed``) is judged as a whole, by the same suite, on the stats of
all its workers summed in its record (``judge``): by the worker that records the end of the run. Each
worker judges only that it ended as it should (``WorkerMonitors``), which sets its exit status.
"""

from __future__ import annotations

import logging
from typing import Any, cast

from scrapy.crawler import Crawler
from spidermon import Monitor, MonitorSuite
from spidermon import settings as spidermon_settings
from spidermon.contrib.scrapy.runners import SpiderMonitorRunner
from spidermon.core.actions import Action

from scraper import stats as stat
from scraper.content.watchlist import WatchlistError, load
from scraper.outputs.notify import redact, send
from scraper.storage.outbox import DeliveryError

logger = logging.getLogger(__name__)

# unittest leaves this module's frames out of a failure's report: a failed monitor reads as its message,
# not as a traceback of the assertion that found it.
__unittest = True

EXIT_MONITORS_FAILED = 3
EXIT_SITE_UNREACHABLE = 69  # EX_UNAVAILABLE: the site itself could not be reached; nothing was judged
FAILED = spidermon_settings.MONITOR.STATUSES.ERROR  # a failed assertion or an error in the monitor


class CrawlMonitor(Monitor):
    """Shared reading of the stats."""

    @property
    def stats(self) -> dict[str, Any]:
        return cast(dict[str, Any], self.data.stats)  # spidermon is untyped

    @property
    def settings(self) -> Any:
        return self.data.crawler.settings

    def ratio(self, part: str, whole: str) -> float:
        total = self.stats.get(whole, 0)
        return self.stats.get(part, 0) / total if total else 0.0

    @property
    def articles(self) -> int:
        return cast(int, self.stats.get(stat.COVERAGE_ARTICLES, 0))

    def skip_if_unreachable(self) -> None:
        """Nothing else is worth judging of a run that could not reach the site: one monitor says it."""
        if self.stats.get(stat.SITE_UNREACHABLE):
            self.skipTest("the site could not be reached (test_site_reachable)")


class SiteMonitor(CrawlMonitor):
    def test_site_reachable(self) -> None:
        """The site answered: its host resolved, accepted connections and gave more than server errors."""
        why = self.stats.get(stat.SITE_UNREACHABLE)
        if why:
            self.fail(f"the site could not be reached: {why}")


class SiteMoveMonitor(CrawlMonitor):
    def test_site_has_not_moved(self) -> None:
        """The site is where its profile says: not redirecting its home page to, or unreachable while
        answering from, a successor host (its articles were followed there all the same)."""
        moved_to = self.stats.get(stat.SITE_MOVED_TO)
        if moved_to:
            self.fail(f"the site moved to {moved_to}: its articles were followed there; update its profile")

    def test_platform_unchanged(self) -> None:
        """The pages show the platform the site's last run found most, and the one its profile declares."""
        counts = {k[len(stat.PLATFORM) :]: v for k, v in self.stats.items() if k.startswith(stat.PLATFORM)}
        if not counts:
            self.skipTest("no page parsed")
        now = max(counts, key=counts.__getitem__)
        for before, said in (
            (stat.PLATFORM_BEFORE, "the last run found"),
            (stat.PLATFORM_EXPECTED, "its profile says"),
        ):
            was = self.stats.get(before)
            if was and was != now:
                self.fail(
                    f"the site changed platform: {counts[now]} of {sum(counts.values())} pages show {now}, "
                    f"{said} {was}"
                )


class FinishReasonMonitor(CrawlMonitor):
    def test_finished_normally(self) -> None:
        """The crawl ended because it was done, not cancelled, killed or shut down."""
        self.skip_if_unreachable()
        reason = self.stats.get("finish_reason")
        self.assertIn(reason, self.settings.getlist("MONITOR_FINISH_REASONS"), f"finish reason {reason!r}")


class FailureRatioMonitor(CrawlMonitor):
    def test_errors_are_rare(self) -> None:
        """Errors (requests given up after every retry, exceptions) stay under the threshold."""
        self.skip_if_unreachable()
        ratio = self.ratio("log_count/ERROR", "downloader/request_count")
        limit = self.settings.getfloat("MONITOR_MAX_ERROR_RATIO")
        self.assertLessEqual(ratio, limit, f"{ratio:.1%} of requests ended in an error (limit {limit:.1%})")

    def test_retries_are_rare(self) -> None:
        """The site is not struggling: retries stay under the threshold."""
        self.skip_if_unreachable()
        ratio = self.ratio("retry/count", "downloader/request_count")
        limit = self.settings.getfloat("MONITOR_MAX_RETRY_RATIO")
        self.assertLessEqual(ratio, limit, f"{ratio:.1%} of requests were retries (limit {limit:.1%})")


class ExtractionMonitor(CrawlMonitor):
    def test_field_coverage(self) -> None:
        """Every field keeps the coverage it should have (title 100%, date and body 99%)."""
        if not self.articles:
            self.skipTest("no article fetched")
        short = []
        for field, minimum in self.settings.getdict("MONITOR_MIN_COVERAGE").items():
            share = self.stats.get(stat.coverage(field), 0) / self.articles
            if share < float(minimum):
                short.append(f"{field} {share:.1%} < {float(minimum):.0%}")
        self.assertFalse(short, "field coverage fell: " + ", ".join(short))

    def test_layout_still_known(self) -> None:
        """Layout drift: the content path took over for many articles, or known-layout pages gave none."""
        if not self.articles:
            self.skipTest("no article fetched")
        share = self.stats.get(stat.coverage("extraction/content"), 0) / self.articles
        expected = float(self.stats.get(stat.CONTENT_SHARE_EXPECTED, 0.0))
        limit = expected + self.settings.getfloat("MONITOR_MAX_FALLBACK_SHARE")
        self.assertLessEqual(
            share,
            limit,
            f"{share:.1%} of articles found only by their content, not by a layout profile "
            f"(limit {limit:.0%}: {expected:.0%} as expected, and the margin): the layout changed?",
        )
        pages = {key: value for key, value in self.stats.items() if key.startswith(stat.NOT_ARTICLE_IN)}
        known = sum(count for key, count in pages.items() if not key.endswith(f"/{stat.UNKNOWN_LAYOUT}"))
        fetched = known + self.articles
        limit = self.settings.getfloat("MONITOR_MAX_NOT_ARTICLE_SHARE")
        self.assertLessEqual(
            known / fetched,
            limit,
            f"{known} of {fetched} article pages of a known layout gave no article "
            f"(limit {limit:.0%}): the layout changed?",
        )

    def test_full_crawl_found_articles(self) -> None:
        """A full crawl that yields no article is a failure, never a quiet success."""
        self.skip_if_unreachable()
        if self.data.spider.mode != "full":
            self.skipTest("incremental runs may rightly find nothing new")
        self.assertGreater(self.articles, 0, "a full crawl found no article at all")


class RecordVerdicts(Action):
    """Put each monitor's verdict into the stats, where the store keeps them with the run."""

    def run_action(self) -> None:
        verdicts = [
            {"name": result.item.name, "passed": result.status not in FAILED, "status": result.status,
             "message": result.reason or None}
            for result in self.result.monitor_results
        ]  # fmt: skip
        stats = self.data.crawler.stats
        stats.set_value(stat.MONITOR_VERDICTS, verdicts)
        stats.set_value(stat.MONITORS_FAILED, sum(not v["passed"] for v in verdicts))


class FailTheCommand(Action):
    """Make the crawl command exit non-zero: 69 if the site could not be reached, else 3."""

    def run_action(self) -> None:
        stats = self.data.crawler.stats
        unreachable = stats.get_value(stat.SITE_UNREACHABLE)
        stats.set_value(stat.EXIT_STATUS, EXIT_SITE_UNREACHABLE if unreachable else EXIT_MONITORS_FAILED)


class AlertOperators(Action):
    """Tell the operators."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__()
        self.crawler = crawler

    @classmethod
    def from_crawler_kwargs(cls, crawler: Crawler) -> dict[str, Any]:
        return {"crawler": crawler}

    def run_action(self) -> None:
        failed = [r for r in self.result.monitor_results if r.status in FAILED]
        lines = [f"- {r.item.name}: {r.reason or r.status}" for r in failed]
        stats = self.crawler.stats
        title = f"sotttt crawl ({self.data.spider.mode}): {len(failed)} monitor(s) failed"
        logger.error("%s\n%s", title, "\n".join(lines))
        for url in self._channels():
            try:
                send(url, title, "\n".join(lines))
            except DeliveryError as error:
                logger.error("monitor alert to %s not delivered: %s", redact(url), error)
                stats.inc_value(stat.MONITOR_ALERT_FAILED)

    def _channels(self) -> list[str]:
        """``MONITOR_NOTIFY_URLS``, and the watchlist's own notification URLs: the same channels."""
        settings = self.crawler.settings
        urls = list(settings.getlist("MONITOR_NOTIFY_URLS"))
        try:
            urls += [url for topic in load(settings.get("WATCHLIST_PATH")).topics for url in topic.notify]
        except WatchlistError as error:
            logger.error("monitor alerts go only to MONITOR_NOTIFY_URLS: %s", error)
        return list(dict.fromkeys(urls))


class CloseMonitors(MonitorSuite):
    monitors = [SiteMonitor, SiteMoveMonitor, FinishReasonMonitor, FailureRatioMonitor, ExtractionMonitor]  # noqa: RUF012
    monitors_finished_actions = [RecordVerdicts]  # noqa: RUF012
    monitors_failed_actions = [FailTheCommand, AlertOperators]  # noqa: RUF012


class WorkerMonitors(MonitorSuite):
    """What one worker of a distributed run judges of itself (a worker refused by its run fails)."""

    monitors = [FinishReasonMonitor]  # noqa: RUF012
    monitors_failed_actions = [FailTheCommand]  # noqa: RUF012


def judge(crawler: Crawler, stats: dict[str, Any]) -> list[dict[str, Any]]:
    """Run ``CloseMonitors`` over ``stats`` — a distributed run's, its workers' summed — as Spidermon runs
    it over a local crawl's own when it closes: a failure alerts and fails the command. The verdicts."""
    runner = SpiderMonitorRunner(spider=crawler.spider)
    runner.run(CloseMonitors(crawler=crawler), stats=stats, crawler=crawler, spider=crawler.spider)
    return cast(list[dict[str, Any]], crawler.stats.get_value(stat.MONITOR_VERDICTS))
