"""The spider: decides what to fetch on a site and hands pages to the parsers.

``scrapy crawl sotttt`` crawls the site of the ``sotttt`` profile (``scraper/sites``); ``-a site=NAME``
another profile's; ``-a base_url=http://127.0.0.1:PORT`` the same site served elsewhere (a mirror);
``-a mode=full`` fetches everything, ``incremental`` (the default) only what may have changed.

A site's successor hosts (its profile's ``successor_hosts``) are crawled beside its own: their
sitemaps, feeds and listings, and redirects to them are followed (Scrapy's offsite filter drops the
others). Articles there are the site's articles moved (``pipelines.dedupe``). A whole-site move (the
home page redirects to a successor, or the site's own host cannot be reached while a successor
answers) is said once, loudly, in the stats (``sotttt/site/moved_to``) and by the monitors.
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
from scraper.parsers.indexes import IndexEntry, parse_feed, parse_sitemap, parse_sitemap_index
from scraper.parsers.platform import detect_platform
from scraper.parsers.profiles import all_profiles
from scraper.parsers.records import Attachment, ListingRecord
from scraper.settings import SITE
from scraper.sites.profiles import POLITENESS, SiteProfile, site_profile
from scraper.storage.store import KnownArticle
from scraper.urls import CanonicalUrl, canonical, identity, identity_of_canonical

MODES = ("incremental", "full")
GONE = (404, 410)
MOVED = (301, 308)
REDIRECTS = (301, 302, 303, 307, 308)
# Indexes and listings see their redirects (Scrapy's RedirectMiddleware would hand a redirect to a
# page already asked for to the duplicate filter, unseen): a move to a successor shows there.
SEEING_REDIRECTS = {"dont_redirect": True, "handle_httpstatus_list": list(REDIRECTS)}
RECHECK_STATUSES = [304, *GONE, *MOVED]
DOCUMENT_TYPES = frozenset({"pdf", "doc", "docx", "xls", "xlsx"})  # fetched and read (DOCUMENTS_FETCH)
T = TypeVar("T")


class SottttSpider(scrapy.Spider):
    name = "sotttt"

    def __init__(
        self, site: str | None = None, base_url: str | None = None, mode: str = "incremental", **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
        self.mode = mode
        self.site = site or ""  # from_crawler: the SITE setting unless -a site= says
        self.base_url = (base_url or "").rstrip("/")
        self.profile: SiteProfile | None = None  # from_crawler: the site's profile
        self.bases: list[str] = []  # from_crawler: the site's own address, then its successors'
        self.previous: dict[str, Any] = {}  # from_crawler: the stats of the site's last run
        self.policy: IncrementalPolicy | None = None
        self.parser = PageParser(0)
        self.pagination = Pagination(DEFAULT_MAX_PAGES)  # from_crawler: LISTING_MAX_PAGES
        self._contacts_sent = False
        self._homes: set[str] = set()  # the home pages' identities: listings, whatever an index says
        # Every listing, article and file asked for: menus repeat on every page and an article is in
        # both its listing and the sitemap, so most links are asked for again. Skipping them here
        # saves building requests that the scheduler's duplicate filter would only drop.
        self._asked: set[str] = set()
        self.allowed_domains: list[str] = []  # from_crawler: the site's hosts and its successors

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SottttSpider:
        spider: SottttSpider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.site = spider.site or settings.get("SITE") or SITE
        profile = site_profile(spider.site, settings.get("SITE_PROFILES_DIR"))
        base_url = spider.base_url or (settings.get("SITE_BASE_URL") or "").rstrip("/")
        spider.profile = profile = profile.at(base_url) if base_url else profile
        spider.base_url = profile.base_url
        scheme = urlsplit(spider.base_url).scheme
        spider.bases = [spider.base_url, *(f"{scheme}://{host}" for host in profile.successor_hosts)]
        spider.allowed_domains = list(profile.followed_hostnames)
        spider._homes = {identity(f"{base}/") for base in spider.bases}
        for name, value in profile.politeness.items():  # below -s: a command line still decides
            settings.set(name, value, priority="spider")
        store = open_store(settings["DATABASE_URL"], site=profile.name)
        crawler.signals.connect(store.close, signal=signals.spider_closed)
        spider.policy = IncrementalPolicy(store, spider.incremental)
        spider.previous = store.last_run_stats()
        spider.pagination = Pagination(settings.getint("LISTING_MAX_PAGES", DEFAULT_MAX_PAGES))
        restarted = lambda: crawler.stats.inc_value(stat.PARSER_RESTARTS)  # noqa: E731
        processes = settings.getint("PARSE_PROCESSES")
        spider.parser = PageParser(processes, on_restart=restarted, conventions=profile.conventions)
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
        self._note_previous_run()
        for setting, _ in POLITENESS.values():
            self.crawler.stats.set_value(stat.politeness(setting), self.settings.get(setting))
        if self.settings.getint("RUN_ID"):
            return  # a worker of a distributed run: its seed command queued the seeds (scraper.distributed)
        for request in self.seeds():
            yield request

    def seeds(self) -> Iterator[scrapy.Request]:
        """For the site and each successor host: full, listings, sitemaps and feeds at once;
        incremental, the first sitemap, then only what it cannot tell (the feeds, then the listings).
        Incremental runs add the known articles due for a re-check."""
        for base in self.bases:
            sitemaps, feeds = self._profile.indexes(base)
            if not self.incremental:
                for url in self._start_urls(base):
                    yield from self._listing(url)
                yield from (self._index(url, self.parse_sitemap, base) for url in sitemaps)
                yield from (self._index(url, self.parse_feed, base) for url in feeds)
            elif sitemaps:
                yield self._index(sitemaps[0], self.parse_sitemap, base)
            else:
                yield from self._feeds_or_listings(base)
        if self.incremental:
            for known in self._policy.due(self.now(), self.settings.getint("RECHECK_BUDGET")):
                yield self._recheck(known)

    def _start_urls(self, base: str) -> list[str]:
        """Where listings start: the profile's start addresses on the site's own host, the home elsewhere."""
        return list(self._profile.start_urls) if base == self.base_url else [f"{base}/"]

    def _feeds_or_listings(self, base: str) -> Iterator[scrapy.Request]:
        feeds = self._profile.indexes(base)[1]
        if feeds:
            yield from (self._index(url, self.parse_feed, base) for url in feeds)
        else:
            for url in self._start_urls(base):
                yield from self._listing(url)

    # -- indexes and listings -----------------------------------------------------------
    def parse_sitemap(self, response: Response, base: str, part: bool = False) -> Iterator[scrapy.Request]:
        """A sitemap's entries; a sitemap index's sitemaps (their parts: no complete list of the site)."""
        if response.status in REDIRECTS:
            yield from self._redirected(response, self._index_request(self.parse_sitemap, base, part=part))
            return
        body = response.body if response.status == 200 else b""
        children = parse_sitemap_index(body)
        if children is not None:
            for url in children:
                yield from self._once(url, **self._index_request(self.parse_sitemap, base, part=True))
            return
        entries = parse_sitemap(body)
        if entries is None:
            self.crawler.stats.inc_value(stat.SITEMAP_UNUSABLE)
            if self.incremental:  # nothing complete to compare with: the feeds, then the listings
                yield from self._feeds_or_listings(base)
            return
        self.crawler.stats.inc_value(stat.SITEMAP_ENTRIES, len(entries))
        for entry in entries:
            yield from self._from_index(entry)
        if self.incremental and not part:
            yield from self._vanished_from(entries, base)

    def parse_feed(self, response: Response, base: str) -> Iterator[scrapy.Request]:
        if response.status in REDIRECTS:
            yield from self._redirected(response, self._index_request(self.parse_feed, base))
            return
        entries = parse_feed(response.body) if response.status == 200 else None
        if entries is None:
            self.crawler.stats.inc_value(stat.FEED_UNUSABLE)
        new = self._policy.fresh(entry.url for entry in entries or ())
        for entry in entries or ():
            yield from self._from_index(entry)
        if self.incremental and (entries is None or new):
            # The feed shows only the newest items: something is new, so walk the listings.
            for url in self._start_urls(base):
                yield from self._listing(url)

    async def parse_listing(self, response: Response) -> AsyncIterator[scrapy.Request]:
        if response.status in REDIRECTS:
            for request in self._redirected(
                response, {"callback": self.parse_listing, "meta": SEEING_REDIRECTS}
            ):
                yield request
            return
        listing = await self._parsed(response, self.parser.listing)
        if listing is None:
            return
        self.crawler.stats.inc_value(stat.listing_pages(listing.profile))
        for request in self._from_listing(response, listing):
            yield request

    def _from_listing(self, response: Response, listing: ListingRecord) -> Iterator[scrapy.Request]:
        for href in listing.menu_links:
            url = response.urljoin(href)
            if self._profile.follows(url):
                yield from self._listing(url)
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

    def _index(self, url: str, callback: Any, base: str) -> scrapy.Request:
        """A request for a sitemap or feed of the site at ``base`` (its own address or a successor's)."""
        return scrapy.Request(url, **self._index_request(callback, base))

    def _index_request(self, callback: Any, base: str, **more: Any) -> dict[str, Any]:
        """A request's arguments but its URL, for an index of the site at ``base`` (``more``: cb_kwargs)."""
        meta = {**SEEING_REDIRECTS, "handle_httpstatus_list": [*GONE, *REDIRECTS]}
        return {
            "callback": callback,
            "cb_kwargs": {"base": base, **more},
            "meta": meta,
            "errback": self._index_failed,
        }

    def _redirected(self, response: Response, request: dict[str, Any]) -> Iterator[scrapy.Request]:
        """An index or a listing answered with a redirect: followed (a request of ``request``'s arguments)
        to the site's own, alias and successor hosts only. From the site's own host to a successor, an
        index or the home page that redirects says the whole site moved."""
        target = response.urljoin((response.headers.get(b"Location") or b"").decode("latin-1"))
        to, profile = urlsplit(target), self._profile
        if to.hostname not in profile.followed_hostnames:
            self.crawler.stats.inc_value(stat.REDIRECTED_ELSEWHERE)
            self.logger.warning(
                "not followed: %s redirects to %s, not a host of the site", response.url, target
            )
            return
        whole_site = request["callback"] != self.parse_listing or identity(response.url) in self._homes
        if self._to_successor(response.url, target) and whole_site:
            self.site_moved(
                f"{to.scheme}://{to.netloc}", f"{urlsplit(response.url).path or '/'} redirects there"
            )
        yield from self._once(target, **request)

    def _to_successor(self, source: str, target: str) -> bool:
        """Whether a redirect from ``source`` to ``target`` leaves the site's own host for a successor
        (counted: ``sotttt/site/redirected_to_successor``)."""
        profile = self._profile
        hosts = urlsplit(source).hostname, urlsplit(target).hostname
        if hosts[0] in profile.own_hostnames and hosts[1] in profile.successor_hostnames:
            self.crawler.stats.inc_value(stat.REDIRECTED_TO_SUCCESSOR)
            return True
        return False

    def _index_failed(self, failure: Failure) -> Iterator[scrapy.Request]:
        """The index could not be fetched at all: fall back to the listings."""
        self.crawler.stats.inc_value(stat.INDEX_UNREACHABLE)
        self.logger.warning("index unreachable: %s", failure.value)
        request = failure.request  # type: ignore[attr-defined]  # Scrapy sets it on errback failures
        for url in self._start_urls(request.cb_kwargs["base"]):
            yield from self._listing(url)

    def _from_index(self, entry: IndexEntry) -> Iterator[scrapy.Request]:
        url = canonical(entry.url)
        if identity_of_canonical(url) in self._homes:
            return  # a home page is a listing, walked as one
        known = self._policy.validators(url)
        if known is None:
            yield from self._article(url)
        elif self._policy.changed(entry, known):
            yield self._recheck(known)

    def _vanished_from(self, entries: tuple[IndexEntry, ...], base: str) -> Iterator[scrapy.Request]:
        """Known articles at ``base`` that its complete sitemap no longer lists: re-check them (taken
        down? moved?)."""
        vanished = self._policy.vanished(entries, identity(f"{base}/").split("/", 1)[0])
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
            for request in self._once(target, self.parse_article, meta={"redirect_urls": [response.url]}):
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
            former_urls=tuple(response.meta.get("redirect_urls", ())),
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
            return self._once(url, self.parse_listing, meta=SEEING_REDIRECTS)
        return self._once(url, self.parse_listing, meta={**SEEING_REDIRECTS, **page.meta()})

    def _once(self, url: str, callback: Any, **request: Any) -> Iterator[scrapy.Request]:
        """A request for ``url`` (``request``: more of its arguments), unless it was asked for already."""
        if url not in self._asked:
            self._asked.add(url)
            yield scrapy.Request(url, callback=callback, **request)

    @property
    def _profile(self) -> SiteProfile:
        if self.profile is None:
            raise RuntimeError("the spider was not made by from_crawler: it has no site profile")
        return self.profile

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
        """The site answered from a successor host (after a merger): say so, and count an article that
        redirected there. (The home page, indexes and listings see their redirects: ``_redirected``.)"""
        if response.url.startswith(self.base_url):
            return  # nearly every page: no need to parse its address
        host = urlsplit(response.url).hostname
        if host and host in self._profile.successor_hostnames:
            if not self.crawler.stats.get_value(stat.site_moved(host)):
                self.logger.warning("the site answers from %s now (asked %s)", host, self.base_url)
            self.crawler.stats.inc_value(stat.site_moved(host))
            redirects = response.meta.get("redirect_urls") or ()
            if redirects:
                self._to_successor(redirects[0], response.url)

    def site_moved(self, new_address: str, why: str) -> None:
        """The whole site moved to ``new_address``: said once, loudly (SiteMoveMonitor fails on it, and
        alerts), logged as a warning: not an error of the run's, which followed the site there."""
        if self.crawler.stats.get_value(stat.SITE_MOVED_TO):
            return
        self.crawler.stats.set_value(stat.SITE_MOVED_TO, new_address)
        self.logger.warning(
            "the site %s moved to %s (%s): its articles are followed there; "
            "put %s in the profile's start_urls (%s)",
            self.base_url, new_address, why, new_address, self._profile.source or self._profile.name,
        )  # fmt: skip

    def _note_previous_run(self) -> None:
        """What the monitors compare this run with: the platform the site's last run found most and the
        one its profile declares, and the share of articles its layouts leave to the content path."""
        counts = {
            k: v for k, v in self.previous.items() if k.startswith(stat.PLATFORM) and isinstance(v, int)
        }
        if counts:
            self.crawler.stats.set_value(
                stat.PLATFORM_BEFORE, max(counts, key=counts.__getitem__)[len(stat.PLATFORM) :]
            )
        expected = self._profile.platform
        if expected != "detect":
            self.crawler.stats.set_value(stat.PLATFORM_EXPECTED, expected)
        share = _share(self.previous, stat.coverage("extraction/content"), stat.COVERAGE_ARTICLES)
        if share is None:
            known = {layout.platform for layout in all_profiles()}
            share = 1.0 if expected != "detect" and self._profile.detected_as not in known else 0.0
        self.crawler.stats.set_value(stat.CONTENT_SHARE_EXPECTED, share)

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


def _share(stats: dict[str, Any], part: str, whole: str) -> float | None:
    """``part`` of ``whole`` in a run's stats, None if it had none."""
    total = stats.get(whole)
    return stats.get(part, 0) / total if isinstance(total, int) and total else None


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
