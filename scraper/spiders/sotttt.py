"""The spider: decides what to fetch on sotttt.angiang.gov.vn and hands pages to the parsers.

``scrapy crawl sotttt`` crawls the live site; ``-a base_url=http://127.0.0.1:PORT`` a mirror;
``-a mode=full`` fetches everything, ``incremental`` (the default) only what may have changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DownloadCancelledError
from scrapy.http import Response
from twisted.python.failure import Failure
from w3lib.encoding import http_content_type_encoding

from scraper import stats as stat
from scraper.crawling.database import open_store
from scraper.crawling.incremental import IncrementalPolicy
from scraper.crawling.pagination import DEFAULT_MAX_PAGES, PageOf, Pagination, Step
from scraper.crawling.parse_pool import PageParser
from scraper.items import (
    ArticleGone,
    ArticleMoved,
    ArticleUnchanged,
    AttachmentSeen,
    DocumentFetched,
    DocumentUnchanged,
    FetchedArticle,
    SiteContacts,
)
from scraper.parsers.decoding import DecodingError
from scraper.parsers.indexes import IndexEntry, parse_feed, parse_sitemap
from scraper.parsers.platform import detect_platform
from scraper.parsers.records import Attachment, ListingRecord
from scraper.storage.store import KnownArticle
from scraper.urls import CanonicalUrl, canonical, identity, identity_of_canonical

MODES = ("incremental", "full")
GONE = (404, 410)
MOVED = (301, 308)
RECHECK_STATUSES = [304, *GONE, *MOVED]
DOCUMENT_TYPES = frozenset({"pdf", "doc", "docx", "xls", "xlsx"})  # fetched and read (DOCUMENTS_FETCH)
T = TypeVar("T")


class SottttSpider(scrapy.Spider):
    name = "sotttt"

    def __init__(self, base_url: str | None = None, mode: str = "incremental", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        self.mode = mode
        self.base_url = (base_url or "").rstrip("/")
        self.policy: IncrementalPolicy | None = None
        self.parser = PageParser(0)
        self.pagination = Pagination(DEFAULT_MAX_PAGES)  # from_crawler: LISTING_MAX_PAGES
        self._contacts_sent = False
        self._home = ""  # the home page's identity: a listing, whatever an index says
        # Every listing, article and file asked for: menus repeat on every page and an article is in
        # both its listing and the sitemap, so most links are asked for again. Skipping them here
        # saves building requests that the scheduler's duplicate filter would only drop.
        self._asked: set[str] = set()
        self.allowed_domains: list[str] = []  # from_crawler: the site's host and its successors

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SottttSpider:
        spider: SottttSpider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.base_url = spider.base_url or settings.get("SITE_BASE_URL").rstrip("/")
        hosts = [urlsplit(spider.base_url).hostname, *settings.getlist("SITE_SUCCESSOR_HOSTS")]
        spider.allowed_domains = [h for h in hosts if h]
        spider._home = identity(f"{spider.base_url}/")
        store = open_store(settings["DATABASE_URL"])
        crawler.signals.connect(store.close, signal=signals.spider_closed)
        spider.policy = IncrementalPolicy(store, spider.incremental)
        spider.pagination = Pagination(settings.getint("LISTING_MAX_PAGES", DEFAULT_MAX_PAGES))
        restarted = lambda: crawler.stats.inc_value(stat.PARSER_RESTARTS)  # noqa: E731
        spider.parser = PageParser(settings.getint("PARSE_PROCESSES"), on_restart=restarted)
        crawler.signals.connect(spider.parser.close, signal=signals.spider_closed)
        return spider

    def now(self) -> datetime:
        """The crawl's clock: real time, unless ``CRAWL_NOW`` fixes it (simulated schedules)."""
        fixed = self.settings.get("CRAWL_NOW")
        return datetime.fromisoformat(fixed).astimezone(UTC) if fixed else datetime.now(UTC)

    @property
    def incremental(self) -> bool:
        return self.mode == "incremental"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.settings.getint("RUN_ID"):
            return  # a worker of a distributed run: its seed command queued the seeds (scraper.distributed)
        for request in self.seeds():
            yield request

    def seeds(self) -> Iterator[scrapy.Request]:
        """Full: listings, sitemap and feed at once. Incremental: sitemap first, then only what it
        cannot tell (the feed, then the listings), plus the known articles due for a re-check."""
        sitemap = self._index("sitemap.xml", self.parse_sitemap)
        if not self.incremental:
            yield from self._listing(f"{self.base_url}/")
            yield sitemap
            yield self._index("rss.xml", self.parse_feed)
            return
        yield sitemap
        for known in self._policy.due(self.now(), self.settings.getint("RECHECK_BUDGET")):
            yield self._recheck(known)

    # -- indexes and listings -----------------------------------------------------------
    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        entries = parse_sitemap(response.body) if response.status == 200 else None
        if entries is None:
            self.crawler.stats.inc_value(stat.SITEMAP_UNUSABLE)
            if self.incremental:  # nothing complete to compare with: the feed, then the listings
                yield self._index("rss.xml", self.parse_feed)
            return
        self.crawler.stats.set_value(stat.SITEMAP_ENTRIES, len(entries))
        for entry in entries:
            yield from self._from_index(entry)
        if self.incremental:
            yield from self._vanished_from(entries)

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        entries = parse_feed(response.body) if response.status == 200 else None
        if entries is None:
            self.crawler.stats.inc_value(stat.FEED_UNUSABLE)
        new = self._policy.fresh(entry.url for entry in entries or ())
        for entry in entries or ():
            yield from self._from_index(entry)
        if self.incremental and (entries is None or new):
            # The feed shows only the newest items: something is new, so walk the listings.
            yield from self._listing(f"{self.base_url}/")

    async def parse_listing(self, response: Response) -> AsyncIterator[scrapy.Request]:
        listing = await self._parsed(response, self.parser.listing)
        if listing is None:
            return
        self.crawler.stats.inc_value(stat.listing_pages(listing.profile))
        for request in self._from_listing(response, listing):
            yield request

    def _from_listing(self, response: Response, listing: ListingRecord) -> Iterator[scrapy.Request]:
        for href in listing.menu_links:
            yield from self._listing(response.urljoin(href))
        teasers = {url: canonical(url) for url in (t.url for t in listing.teasers)}
        fresh = [teasers[url] for url in self._policy.fresh(teasers)]
        for url in fresh:
            yield from self._article(url)
        yield from self._next_page(response, listing, list(teasers.values()), fresh)

    def _next_page(
        self,
        response: Response,
        listing: ListingRecord,
        teasers: list[CanonicalUrl],
        fresh: list[CanonicalUrl],
    ) -> Iterator[scrapy.Request]:
        """The listing's next page, unless its pager ends here (scraper/crawling/pagination.py): no
        next link, no teaser, only teasers its earlier pages listed, (incremental) only stored
        articles, or ``LISTING_MAX_PAGES`` pages."""
        page = PageOf.from_meta(response.meta, response.url)
        step = self.pagination.step(page, teasers, fresh, listing.next_url is not None)
        if step is Step.NEXT and listing.next_url:
            yield from self._listing(response.urljoin(listing.next_url), page.next())
        elif step is Step.CAP:
            self.crawler.stats.inc_value(stat.LISTING_PAGE_CAP_REACHED)
            if self.crawler.stats.get_value(stat.LISTING_PAGE_CAP_REACHED) == 1:
                self.logger.warning(
                    "listing %s reached LISTING_MAX_PAGES (%d): its next page is not asked for (%s counts "
                    "the listings that reach it)",
                    page.pager,
                    self.pagination.max_pages,
                    stat.LISTING_PAGE_CAP_REACHED,
                )
        else:
            self.crawler.stats.inc_value(stat.pager_ended(step))

    def _index(self, name: str, callback: Any) -> scrapy.Request:
        return scrapy.Request(
            f"{self.base_url}/{name}",
            callback=callback,
            meta={"handle_httpstatus_list": [404, 410]},
            errback=self._index_failed,
        )

    def _index_failed(self, failure: Any) -> Iterator[scrapy.Request]:
        """The index could not be fetched at all: fall back to the listings."""
        self.crawler.stats.inc_value(stat.INDEX_UNREACHABLE)
        self.logger.warning("index unreachable: %s", failure.value)
        yield from self._listing(f"{self.base_url}/")

    def _from_index(self, entry: IndexEntry) -> Iterator[scrapy.Request]:
        url = canonical(entry.url)
        if identity_of_canonical(url) == self._home:
            return  # the home page is a listing, walked as one
        known = self._policy.validators(url)
        if known is None:
            yield from self._article(url)
        elif self._policy.changed(entry, known):
            yield self._recheck(known)

    def _vanished_from(self, entries: tuple[IndexEntry, ...]) -> Iterator[scrapy.Request]:
        """Known articles that a complete sitemap no longer lists: re-check them (taken down? moved?)."""
        vanished = self._policy.vanished(entries)
        if vanished.partial:
            self.crawler.stats.set_value(stat.SITEMAP_PARTIAL, vanished.missing)
            self.logger.warning("sitemap lacks %d known articles: treated as partial", vanished.missing)
            return
        for known in vanished.recheck:
            yield self._recheck(known)

    # -- articles -----------------------------------------------------------------------
    async def parse_article(self, response: Response) -> AsyncIterator[Any]:
        now = self.now()
        if response.status == 304:
            yield ArticleUnchanged(url=response.url, fetched_at=now)
            return
        if response.status in GONE:
            yield ArticleGone(url=response.url, status=response.status, fetched_at=now)
            return
        if response.status in MOVED:
            target = canonical(response.urljoin((response.headers.get(b"Location") or b"").decode("latin-1")))
            yield ArticleMoved(old_url=response.url, new_url=target, fetched_at=now)
            for request in self._article(target):
                yield request
            return
        parsed = await self._parsed(response, self.parser.article)
        if parsed is None:
            return
        record = parsed.record
        self.crawler.stats.inc_value(stat.article_pages(record.profile))
        if record.replaced_bytes:
            self.crawler.stats.inc_value(stat.PAGES_WITH_BYTES_REPLACED)
            self.crawler.stats.inc_value(stat.BYTES_REPLACED, record.replaced_bytes)
            self.logger.warning(
                "%s: %d bytes are not UTF-8, shown as U+FFFD", response.url, record.replaced_bytes
            )
        if parsed.facts is None:
            self.crawler.stats.inc_value(stat.NOT_ARTICLE)
            self.crawler.stats.inc_value(stat.not_article(record.profile))
            return
        site = tuple(c for c in record.contacts if c.scope == "site")
        if site and not self._contacts_sent:
            self._contacts_sent = True
            yield SiteContacts(contacts=site, page_url=response.url, fetched_at=now)
        yield FetchedArticle(
            record=record,
            facts=parsed.facts,
            status=response.status,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
            fetched_at=now,
        )
        if self.settings.getbool("RECORD_ATTACHMENTS"):
            article_url = record.canonical_url or record.url
            for file in record.attachments:
                for request in self._file(file, article_url):
                    yield request

    # -- attachments --------------------------------------------------------------------
    def _file(self, file: Attachment, article_url: str) -> Iterator[scrapy.Request]:
        """A GET for a document, a HEAD for its size for any other file. A known document is asked for
        again (conditionally) by a full crawl only: an incremental run's requests are its re-checks'."""
        about = {"article_url": article_url, "name": file.name, "kind": file.type}
        if file.type in DOCUMENT_TYPES and self.settings.getbool("DOCUMENTS_FETCH"):
            if self.incremental and file.url in self._policy.known_documents:
                return
            meta = {
                "download_maxsize": self.settings.getint("DOCUMENT_MAX_BYTES"),
                "handle_httpstatus_list": [304],
            }
            headers = _conditional(*self._policy.known_documents.get(file.url, (None, None)))
            yield from self._once(
                file.url,
                self.parse_document,
                headers=headers,
                meta=meta,
                cb_kwargs=about,
                errback=self._document_failed,
            )
        elif file.url not in self._policy.sized_files:
            yield from self._once(file.url, self.parse_attachment, method="HEAD", cb_kwargs=about)

    async def parse_document(
        self, response: Response, article_url: str, name: str, kind: str
    ) -> AsyncIterator[DocumentFetched | DocumentUnchanged]:
        if response.status == 304:
            self.crawler.stats.inc_value(stat.DOCUMENTS_UNCHANGED)
            yield DocumentUnchanged(url=response.url, article_url=article_url, fetched_at=self.now())
            return
        document = await self.parser.document(response.body)
        self.crawler.stats.inc_value(stat.document_quality(document.text_quality))
        if document.error:
            self.logger.warning("%s: %s", response.url, document.error)
        keep = self.settings.getbool("DOCUMENTS_KEEP_FILES")
        yield DocumentFetched(
            url=response.url,
            article_url=article_url,
            name=name,
            type=kind,
            size=len(response.body),
            content_hash=hashlib.sha256(response.body).hexdigest(),
            document=document,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
            content=response.body if keep else None,
            fetched_at=self.now(),
        )

    def _document_failed(self, failure: Failure) -> None:
        """A document not fetched: larger than ``DOCUMENT_MAX_BYTES``, or the network gave up on it."""
        request = failure.request  # type: ignore[attr-defined]  # Scrapy sets it on errback failures
        if isinstance(failure.value, DownloadCancelledError):
            self.crawler.stats.inc_value(stat.DOCUMENTS_TOO_LARGE)
            limit = self.settings.getint("DOCUMENT_MAX_BYTES")
            self.logger.warning("%s: larger than DOCUMENT_MAX_BYTES (%d): not read", request.url, limit)
        else:
            self.crawler.stats.inc_value(stat.DOCUMENTS_FAILED)
            self.logger.warning("%s: not fetched: %s", request.url, failure.value)

    def parse_attachment(self, response: Response, article_url: str, name: str, kind: str) -> AttachmentSeen:
        size = _header(response, b"Content-Length")
        return AttachmentSeen(
            url=response.url,
            article_url=article_url,
            name=name,
            type=kind,
            size=int(size) if size and size.isdigit() else None,
            fetched_at=self.now(),
        )

    # -- helpers ------------------------------------------------------------------------
    def _article(self, url: str) -> Iterator[scrapy.Request]:
        """A request for the article at ``url``, a canonical URL, unless it was asked for already."""
        return self._once(url, self.parse_article)

    def _listing(self, url: str, page: PageOf | None = None) -> Iterator[scrapy.Request]:
        """A request for the listing page at ``url``, an absolute URL, unless it was asked for already;
        ``page``: where it sits in its listing's pager (default: the first page of its own)."""
        if page is None:
            return self._once(url, self.parse_listing)
        return self._once(url, self.parse_listing, meta=page.meta())

    def _once(self, url: str, callback: Any, **request: Any) -> Iterator[scrapy.Request]:
        """A request for ``url`` (``request``: more of its arguments), unless it was asked for already."""
        if url not in self._asked:
            self._asked.add(url)
            yield scrapy.Request(url, callback=callback, **request)

    @property
    def _policy(self) -> IncrementalPolicy:
        if self.policy is None:
            raise RuntimeError("the spider was not made by from_crawler: it has no store")
        return self.policy

    def _recheck(self, known: KnownArticle) -> scrapy.Request:
        """A conditional request for a known article, with its stored validators."""
        return scrapy.Request(
            known.url,
            headers=_conditional(known.etag, known.last_modified),
            callback=self.parse_article,
            dont_filter=False,
            meta={"handle_httpstatus_list": RECHECK_STATUSES, "dont_redirect": True, "recheck": True},
        )

    def _note_host(self, response: Response) -> None:
        """The site answered from another of its hosts (a successor after a merger): say so."""
        if response.url.startswith(self.base_url):
            return  # nearly every page: no need to parse its address
        host = urlsplit(response.url).hostname
        if host and host != urlsplit(self.base_url).hostname:
            if not self.crawler.stats.get_value(stat.site_moved(host)):
                self.logger.warning("the site answers from %s now (asked %s)", host, self.base_url)
            self.crawler.stats.inc_value(stat.site_moved(host))

    def _note_platform(self, response: Response) -> None:
        """Count the page under the platform it shows (``sotttt/platform/NAME``): a site that moves
        to another platform, or is half-way there, shows in the run's stats."""
        self.crawler.stats.inc_value(stat.platform(detect_platform(response.body, response.url).name))

    async def _parsed(
        self, response: Response, parse: Callable[[bytes, str, str | None], Awaitable[T]]
    ) -> T | None:
        """The page parsed by ``parse`` (a method of ``self.parser``), or None if it cannot be decoded."""
        self._note_host(response)
        self._note_platform(response)
        try:
            return await parse(response.body, response.url, _declared_charset(response))
        except DecodingError as error:
            self._undecodable(response, error)
            return None

    def _undecodable(self, response: Response, error: DecodingError) -> None:
        self.crawler.stats.inc_value(stat.UNDECODABLE)
        self.logger.warning("cannot decode %s: %s", response.url, error)


def _conditional(etag: str | None, last_modified: str | None) -> dict[str, str]:
    """The headers of a conditional request for a resource with these validators."""
    validators = (("If-None-Match", etag), ("If-Modified-Since", last_modified))
    return {name: value for name, value in validators if value}


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _declared_charset(response: Response) -> str | None:
    """The charset the server declared in ``Content-Type``, as w3lib reads it."""
    return http_content_type_encoding(_header(response, b"Content-Type"))
