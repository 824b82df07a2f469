"""Keep the garbage collector off the crawl's hot path (``GC_THRESHOLDS``).

A crawl allocates and frees a page's worth of objects for every response, and CPython's default
thresholds (700, 10, 10) then run a collection every few pages, each full one walking every object
of the process: the modules, settings and parsers loaded at start among them. When the engine
starts, this extension moves what exists then out of the collector's sight (``gc.freeze``: never
collected, never walked again) and raises the thresholds. Measured on a 5,000-article mirror
crawl (``benchmarks/crawl.py``): the crawl process used about 15% less CPU.
"""

from __future__ import annotations

import gc
from typing import Self

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured


class GcTuning:
    def __init__(self, thresholds: tuple[int, int, int]) -> None:
        self.thresholds = thresholds

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        # A list in settings.py; "10000,50,50" on the command line, "" (-s GC_THRESHOLDS=) for none.
        thresholds = tuple(int(t) for t in crawler.settings.getlist("GC_THRESHOLDS") if str(t).strip())
        if not thresholds:
            raise NotConfigured("GC_THRESHOLDS is empty: the collector keeps its defaults")
        if len(thresholds) != 3 or thresholds[0] <= 0:
            raise ValueError(f"GC_THRESHOLDS must be three numbers, the first above 0, not {thresholds}")
        extension = cls(thresholds)
        crawler.signals.connect(extension.engine_started, signal=signals.engine_started)
        return extension

    def engine_started(self) -> None:
        gc.collect()
        gc.freeze()
        gc.set_threshold(*self.thresholds)
