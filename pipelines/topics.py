"""Tag each resolved article with the watchlist topics its content matches (``WATCHLIST_PATH``).

A pipeline of its own, not a step of the store's write: matching is a pure function of the
record and the watchlist, needs no row lock and no database, and is nothing the store should
know about (the store writes what the item says, as it does with images). Here it runs once
per fetched article, outside the write transaction; the store keeps the tags with the content
they describe, replacing them whenever that content is created or changes. An edited watchlist
is applied to what is stored already by ``python -m scraper.cli topics --retag``.

Stats: ``sotttt/topics/<topic>`` (articles tagged), ``sotttt/topics/_none`` (matched no topic).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from scraper import stats as stat
from scraper.content.watchlist import Watchlist, load
from scraper.items import ResolvedArticle


class TopicsPipeline:
    def __init__(self, stats: StatsCollector, watchlist: Watchlist) -> None:
        self.stats = stats
        self.watchlist = watchlist

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        # A malformed watchlist stops the crawl before it starts: tagging with a guess would
        # leave wrong topics on every article it stores.
        return cls(crawler.stats, load(crawler.settings["WATCHLIST_PATH"]))

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, ResolvedArticle):
            return item
        topics = self.watchlist.topics_of(item.fetched.facts.search_text)
        for topic in topics or ("_none",):
            self.stats.inc_value(stat.topic(topic))
        return replace(item, topics=topics)
