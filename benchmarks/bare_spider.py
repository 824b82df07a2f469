"""The baseline of ``benchmarks/crawl.py``: fetch a list of URLs with Scrapy and parse nothing.

scrapy runspider benchmarks/bare_spider.py -a urls=FILE -a out=FILE
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from pathlib import Path

import scrapy
from scrapy.http import Response


class BareSpider(scrapy.Spider):
    name = "bare"

    def __init__(self, urls: str, out: str, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.urls = Path(urls).read_text(encoding="utf-8").split()
        self.out = Path(out)
        self.started = 0.0
        self.pages = 0

    async def start(self) -> AsyncIterator[scrapy.Request]:
        self.started = time.perf_counter()
        for url in self.urls:
            yield scrapy.Request(url, callback=self.fetched, dont_filter=True)

    def fetched(self, response: Response) -> None:
        self.pages += 1

    def closed(self, reason: str) -> None:
        seconds = time.perf_counter() - self.started
        self.out.write_text(json.dumps({"pages": self.pages, "seconds": seconds, "reason": reason}))
