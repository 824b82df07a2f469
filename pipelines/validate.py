"""Reject what the store cannot keep, before anything is written.

A fetched article without URL, title or body text (or not an article at all), and any item with a
datetime that has no time zone, is logged with its URL, counted under ``sotttt/invalid/<reason>``
and dropped.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from scraper import stats as stat
from scraper.items import FetchedArticle

logger = logging.getLogger(__name__)

REQUIRED = ("url", "title", "body_text")


def invalid_reason(item: Any) -> str | None:
    """Why ``item`` cannot be stored, as a short stat name, or None if it can."""
    dates: list[datetime | None] = [getattr(item, "fetched_at", None)]
    if isinstance(item, FetchedArticle):
        record = item.record
        for name in REQUIRED:
            value = getattr(record, name)
            if value is None or not value.strip():
                return f"missing_{name}"
        if not record.is_article:
            return "not_article"
        dates += [record.published_at, record.updated_at]
    if any(d is not None and d.tzinfo is None for d in dates):
        return "naive_datetime"
    return None


class ValidatePipeline:
    def __init__(self, stats: StatsCollector) -> None:
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler.stats)

    def process_item(self, item: Any) -> Any:
        reason = invalid_reason(item)
        if reason is None:
            return item
        what = item.record.url or "(no URL)" if isinstance(item, FetchedArticle) else item
        self.stats.inc_value(stat.invalid(reason))
        logger.warning("Invalid %s dropped (%s): %s", type(item).__name__, reason, what)
        raise DropItem(f"invalid {type(item).__name__} ({reason}): {what}", log_level="DEBUG")
