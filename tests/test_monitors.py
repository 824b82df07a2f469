"""The monitors judged from hand-built stats (nothing crawled), as Spidermon's own tests do."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from scrapy.crawler import Crawler
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler
from spidermon.runners import MonitorRunner

from scraper import stats as stat
from scraper.monitors import EXIT_MONITORS_FAILED, EXIT_SITE_UNREACHABLE, CloseMonitors, WorkerMonitors
from scraper.monitors import judge as judge_run
from scraper.settings import MONITOR_MIN_COVERAGE
from tests.receiver import Receiver

HEALTHY = {
    "finish_reason": "finished",
    "downloader/request_count": 1000,
    "retry/count": 10,
    "log_count/ERROR": 2,
    "sotttt/coverage/articles": 900,
    "sotttt/coverage/title": 900,
    "sotttt/coverage/published_at": 900,
    "sotttt/coverage/body_text": 899,
    "sotttt/coverage/profile/drupal_gavias": 900,
    "sotttt/coverage/extraction/profile": 900,
}


def monitored_crawler(
    mode: str = "full", notify: list[str] | None = None, watchlist: str | None = None
) -> Crawler:
    """A crawler with the monitors' settings, empty stats and a spider in ``mode``; nothing crawls."""
    crawler = get_crawler(
        settings_dict={
            "MONITOR_FINISH_REASONS": ["finished"],
            "MONITOR_MAX_ERROR_RATIO": 0.02,
            "MONITOR_MAX_RETRY_RATIO": 0.25,
            "MONITOR_MIN_COVERAGE": MONITOR_MIN_COVERAGE,
            "MONITOR_MAX_FALLBACK_SHARE": 0.05,
            "MONITOR_MAX_NOT_ARTICLE_SHARE": 0.1,
            "MONITOR_NOTIFY_URLS": notify or [],
            "WATCHLIST_PATH": watchlist,
        }
    )
    crawler.stats = MemoryStatsCollector(crawler)
    crawler.spider = SimpleNamespace(mode=mode, name="sotttt", log=lambda *a, **k: None)
    return crawler


def judge(
    stats: dict, mode: str = "full", notify: list[str] | None = None, watchlist: str | None = None
) -> tuple[dict[str, dict], dict]:
    """Run the close-time suite over ``stats`` as Spidermon does; the verdicts by monitor, the stats after."""
    crawler = monitored_crawler(mode, notify, watchlist)
    crawler.stats.set_stats(dict(stats))
    suite = CloseMonitors(crawler=crawler)
    MonitorRunner().run(
        suite, stats=stats, crawler=crawler, spider=crawler.spider, stats_history=[], job=None
    )
    after = crawler.stats.get_stats()
    verdicts = {v["name"].split("/")[-1]: v for v in after["sotttt/monitors/verdicts"]}
    return verdicts, after


def failed(verdicts: dict[str, dict]) -> set[str]:
    return {name for name, v in verdicts.items() if not v["passed"]}


def test_a_healthy_crawl_passes_every_monitor():
    verdicts, stats = judge(HEALTHY)
    assert failed(verdicts) == set()
    assert len(verdicts) == 9
    assert stats["sotttt/monitors/failed"] == 0
    assert "sotttt/exit_status" not in stats


@pytest.mark.parametrize(
    ("change", "monitor", "message"),
    [
        ({"finish_reason": "shutdown"}, "test_finished_normally", "shutdown"),
        ({"log_count/ERROR": 50}, "test_errors_are_rare", "5.0% of requests ended in an error"),
        ({"retry/count": 400}, "test_retries_are_rare", "40.0% of requests were retries"),
        ({"sotttt/coverage/published_at": 850}, "test_field_coverage", "published_at 94.4% < 99%"),
        ({"sotttt/coverage/title": 899}, "test_field_coverage", "title 99.9% < 100%"),
        ({"sotttt/coverage/extraction/content": 300}, "test_layout_still_known", "the layout changed?"),
        (
            {"sotttt/pages/not_article/wps2018": 200},
            "test_layout_still_known",
            "of a known layout gave no article",
        ),
        ({"sotttt/coverage/articles": 0}, "test_full_crawl_found_articles", "found no article"),
        (
            {"sotttt/site/moved_to": "https://sokhcn.angiang.gov.vn"},
            "test_site_has_not_moved",
            "the site moved to https://sokhcn.angiang.gov.vn",
        ),
        (
            {
                "sotttt/platform/wordpress": 90,
                "sotttt/platform/drupal": 10,
                "sotttt/site/platform_before": "drupal",
            },
            "test_platform_unchanged",
            "90 of 100 pages show wordpress, the last run found drupal",
        ),
        (
            {"sotttt/platform/drupal": 90, "sotttt/site/platform_expected": "websphere_portal"},
            "test_platform_unchanged",
            "90 of 90 pages show drupal, its profile says websphere_portal",
        ),
    ],
)
def test_each_monitor_fails_on_what_it_watches(change, monitor, message):
    verdicts, stats = judge({**HEALTHY, **change})
    assert monitor in failed(verdicts)
    assert message in verdicts[monitor]["message"]
    assert stats["sotttt/exit_status"] == EXIT_MONITORS_FAILED


def test_the_content_path_finding_what_it_found_before_is_no_layout_drift():
    """A site no layout profile knows (a WordPress site added by a profile) has its articles found by their
    content at every run: that is its normal, and only a change from it is drift."""
    content = {**HEALTHY, "sotttt/coverage/extraction/content": 900, "sotttt/coverage/extraction/profile": 0}
    verdicts, _ = judge({**content, "sotttt/site/content_share_expected": 1.0})
    assert "test_layout_still_known" not in failed(verdicts)
    verdicts, _ = judge({**content, "sotttt/site/content_share_expected": 0.5})
    assert "the layout changed?" in verdicts["test_layout_still_known"]["message"]


def test_a_platform_as_before_and_as_declared_passes():
    same = {**HEALTHY, "sotttt/platform/drupal": 900, "sotttt/site/platform_before": "drupal"}
    verdicts, _ = judge({**same, "sotttt/site/platform_expected": "drupal"})
    assert failed(verdicts) == set()


def test_an_unreachable_site_is_the_one_verdict_and_its_own_exit_status():
    unreachable = {
        "finish_reason": "site_unreachable",
        "downloader/request_count": 3,
        "log_count/ERROR": 3,
        "sotttt/site/unreachable": "sotttt.angiang.gov.vn: CannotResolveHostError: DNS lookup failed",
    }
    verdicts, stats = judge(unreachable)
    assert failed(verdicts) == {"test_site_reachable"}
    assert verdicts["test_site_reachable"]["message"] == (
        "the site could not be reached: sotttt.angiang.gov.vn: CannotResolveHostError: DNS lookup failed"
    )
    assert verdicts["test_errors_are_rare"]["status"] == "SKIPPED"  # 100% errors: said once, above
    assert stats["sotttt/exit_status"] == EXIT_SITE_UNREACHABLE != EXIT_MONITORS_FAILED


def test_an_incremental_run_that_finds_nothing_new_is_fine():
    quiet = {"finish_reason": "finished", "downloader/request_count": 3}
    verdicts, _ = judge(quiet, mode="incremental")
    assert failed(verdicts) == set()
    assert {v["status"] for v in verdicts.values()} == {"OK", "SKIPPED"}


def test_a_failure_is_sent_to_the_operators():
    with Receiver() as receiver:
        judge({**HEALTHY, "sotttt/coverage/extraction/content": 300}, notify=[receiver.url])
    assert len(receiver.messages) == 1
    message = receiver.messages[0]
    assert "1 monitor(s) failed" in message["title"]
    assert "test_layout_still_known" in message["message"]


def test_a_failure_also_goes_to_the_watchlists_channels(tmp_path):
    with Receiver() as receiver:
        watchlist = tmp_path / "watchlists.toml"
        watchlist.write_text(
            f'[topics.border]\ntitle = "Biên giới"\nkeywords = ["biên giới"]\nnotify = ["{receiver.url}"]\n',
            encoding="utf-8",
        )
        judge({**HEALTHY, "finish_reason": "shutdown"}, watchlist=str(watchlist))
    assert [m["title"] for m in receiver.messages] == ["sotttt crawl (full): 1 monitor(s) failed"]


def test_a_distributed_run_is_judged_by_the_same_monitors_on_its_workers_summed_stats():
    with Receiver() as receiver:
        crawler = monitored_crawler(notify=[receiver.url])
        crawler.stats.set_stats({"finish_reason": "finished", "downloader/request_count": 10})  # one worker's
        run = {
            **HEALTHY,
            "sotttt/coverage/extraction/content": 300,
        }  # summed: the other worker met a new layout
        verdicts = judge_run(crawler, run)
    assert {v["name"].split("/")[-1] for v in verdicts if not v["passed"]} == {"test_layout_still_known"}
    assert len(verdicts) == 9
    assert crawler.stats.get_value(stat.EXIT_STATUS) == EXIT_MONITORS_FAILED
    assert [m["title"] for m in receiver.messages] == ["sotttt crawl (full): 1 monitor(s) failed"]


@pytest.mark.parametrize(
    ("reason", "status"), [("finished", None), ("run_arguments_differ", EXIT_MONITORS_FAILED)]
)
def test_a_worker_of_a_distributed_run_judges_only_how_it_ended(reason, status):
    with Receiver() as receiver:
        crawler = monitored_crawler(notify=[receiver.url])
        stats = {"finish_reason": reason, "log_count/ERROR": 1}  # its errors are the run's to judge
        MonitorRunner().run(
            WorkerMonitors(crawler=crawler), stats=stats, crawler=crawler, spider=crawler.spider
        )
    assert crawler.stats.get_value(stat.EXIT_STATUS) == status
    assert receiver.messages == []  # the run's verdict alerts, not each worker's
