"""Count which fields each fetched article came with: what the monitors judge extraction by.

Runs first, so that records the validator rejects count too: a layout change shows up as
falling coverage, not as silently fewer articles.
"""

from __future__ import annotations

from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from scraper import stats as stat
from scraper.items import FetchedArticle

COVERED_FIELDS = ("title", "published_at", "body_text", "summary", "authors", "category")


class CoveragePipeline:
    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler.stats)

    def process_item(self, item: Any) -> Any:
        if isinstance(item, FetchedArticle):
            record = item.record
            self.stats.inc_value(stat.COVERAGE_ARTICLES)
            self.stats.inc_value(stat.coverage(f"profile/{record.profile}"))
            self.stats.inc_value(stat.coverage(f"extraction/{record.extraction}"))
            for name in COVERED_FIELDS:
                if getattr(record, name):
                    self.stats.inc_value(stat.coverage(name))
        return item
