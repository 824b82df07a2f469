"""Article and listing pages parsed in the crawl process, or in worker processes (``PARSE_PROCESSES``).

Parsing an article page and deriving its content facts takes a few milliseconds of CPU, as much
as Scrapy spends fetching the page (a listing page, a little less). At the live site's polite pace
that is nothing, and the crawl parses in its own process (``PARSE_PROCESSES = 0``, the default).
A fast crawl (the mirror, a backfill) would be bound by that one core: with ``PARSE_PROCESSES = N``
pages are parsed in N worker processes while the crawl process fetches and stores.

A worker that dies (out of memory, a crash in lxml) breaks the pool: that page is parsed in the
crawl process, a new pool is started for the next ones, and the caller's ``on_restart`` is told.
Nothing is lost. A crawl process that dies (SIGKILL) takes its workers with it: each watches its
parent and exits once it is gone, so an unattended run leaves no process behind. Needs Scrapy's
asyncio reactor (its default, and this project's).

Each worker has ``QUEUED_PAGES`` pages queued for it. The executor's default (one page beyond its
workers) starves them: its feeder thread needs the crawl process's GIL to hand over the next page,
and the crawl process holds it for tens of milliseconds at a time (a store batch takes about 70 ms,
a page 3 ms to parse). Measured at 5,000 articles (``benchmarks/crawl.py``): 255 pages/s with the
default, 320 with 16 pages queued, and no better with 48.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, process
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

from scraper.content.facts import ContentFacts, content_facts
from scraper.parsers.article import parse_article
from scraper.parsers.dateline import DEFAULT, Conventions
from scraper.parsers.document import DocumentRecord, read_document
from scraper.parsers.listing import parse_listing
from scraper.parsers.records import ArticleRecord, ListingRecord

QUEUED_PAGES = 16  # per worker process: see above
T = TypeVar("T")


@dataclass(frozen=True)
class ParsedArticle:
    """An article page's record, and its content facts when it is an article."""

    record: ArticleRecord
    facts: ContentFacts | None


def parse_article_page(
    content: bytes, url: str, charset: str | None, conventions: Conventions = DEFAULT
) -> ParsedArticle:
    """Parse the page and derive its facts: what a worker process runs (raises ``DecodingError``)."""
    record = parse_article(content, url, charset, conventions)
    return ParsedArticle(record, content_facts(record) if record.is_article else None)


class PageParser:
    """``await parser.article(body, url, charset)``, ``await parser.listing(body, url, charset)`` and
    ``await parser.document(body)``, here or in ``processes`` worker processes; articles with the
    site's own ``conventions`` (its profile's datelines and source tags)."""

    def __init__(
        self,
        processes: int,
        on_restart: Callable[[], None] = lambda: None,
        conventions: Conventions = DEFAULT,
    ) -> None:
        if processes < 0:
            raise ValueError(f"PARSE_PROCESSES must be 0 or more, not {processes}")
        self.processes = processes
        self.on_restart = on_restart
        self.conventions = conventions
        self._pool: ProcessPoolExecutor | None = None

    async def article(self, content: bytes, url: str, charset: str | None) -> ParsedArticle:
        return await self._run(parse_article_page, content, url, charset, self.conventions)

    async def listing(self, content: bytes, url: str, charset: str | None) -> ListingRecord:
        return await self._run(parse_listing, content, url, charset)

    async def document(self, content: bytes) -> DocumentRecord:
        return await self._run(read_document, content)

    async def _run(self, parse: Callable[..., T], *args: Any) -> T:
        if not self.processes:
            return parse(*args)
        if self._pool is None:
            # How many calls an executor queues beyond its workers: a tuning constant CPython documents
            # in concurrent.futures.process, read when an executor is made (typeshed declares it Final).
            process.EXTRA_QUEUED_CALLS = max(  # type: ignore[misc]
                process.EXTRA_QUEUED_CALLS, QUEUED_PAGES * self.processes
            )
            # spawn, not fork: the crawl process runs threads (Twisted's pool, the database's); and
            # not forkserver, whose workers are not the crawl's children and outlive it.
            self._pool = ProcessPoolExecutor(
                self.processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_exit_with_parent,
                initargs=(os.getpid(),),
            )
        pool = self._pool
        try:
            return await asyncio.wrap_future(pool.submit(parse, *args))
        except BrokenProcessPool:
            if self._pool is pool:  # the first of the pages that were in the broken pool
                self._pool = None
                pool.shutdown(wait=False, cancel_futures=True)
                self.on_restart()
            return parse(*args)

    def close(self) -> None:
        """Stop the worker processes (the next page parsed starts new ones)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _exit_with_parent(parent: int, every: float = 1.0) -> None:
    """In a worker: exit as soon as the crawl process ``parent`` is gone (its children are then
    adopted by another process). Nothing is lost: the crawl process is what keeps the results."""

    def watch() -> None:
        while os.getppid() == parent:
            threading.Event().wait(every)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
