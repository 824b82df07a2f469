"""Resolve each fetched article to the one article it is, and link near-duplicates.

The record's addresses (its URL, ``rel=canonical`` and ``/node/N`` shortlink) are compared by
``identity``, so http/https, tracking parameters and portal state are one article. An article
whose addresses are all new but whose content is already known (this run or before) is the same
article under another URL. A new article much like an existing one (the same notice re-posted
with a small edit) stays an article of its own, linked to the other as related.

An article that moved is the article it was (``ResolvedArticle.moved``): found through an address
that redirected to it (``FetchedArticle.former_urls``), or seen on a successor host of the site
(``scraper/sites``) as an article first seen on one of the site's own hosts, by its address, its
content, or republished there under a new address: the same title and publication day, and a body
as similar as a near-duplicate's.

Emits a ``ResolvedArticle`` (record in NFC) for each ``FetchedArticle``; other items pass through.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import replace
from datetime import date, datetime
from typing import Any, Self

from scrapy.crawler import Crawler
from scrapy.statscollectors import StatsCollector

from scraper import stats as stat
from scraper.content.facts import ContentFacts, most_similar, sketch
from scraper.crawling.database import open_store
from scraper.items import FetchedArticle, ResolvedArticle
from scraper.storage.store import NEAR_CANDIDATES, Match, Store
from scraper.timezone import SITE_TZ
from scraper.urls import identity

# What tells a republished article from a near-duplicate: its folded title's key and its publication day.
Sameness = tuple[str, date | None]


class DedupePipeline:
    def __init__(
        self, stats: StatsCollector, database_url: str, threshold: float, shared: bool = False
    ) -> None:
        self.stats = stats
        self.database_url = database_url
        self.threshold = threshold
        self.shared = shared  # other processes write articles meanwhile: the workers of a distributed run
        self.store: Store
        # What the database held when the run began; None when others may write meanwhile.
        self.stored_keys: frozenset[int] | None = None
        # What this run has resolved so far: not all of it is in the database yet.
        self.by_identity: dict[str, str] = {}
        self.by_hash: dict[str, str] = {}
        # The sketch of every article of this run (not its body: 20,000 articles take a few MB), and
        # the latest ones by near-duplicate key, as many as the database offers as candidates.
        self.sketches: dict[str, bytes] = {}
        self.sameness: dict[str, Sameness] = {}
        self.latest: defaultdict[str, deque[str]] = defaultdict(lambda: deque(maxlen=NEAR_CANDIDATES))
        self.successors: frozenset[str] = frozenset()  # the site's successor hosts (open_spider)
        self.spider: Any = None  # the crawl's spider (from_crawler): its site profile names the successors

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        settings = crawler.settings
        pipeline = cls(
            crawler.stats,
            settings["DATABASE_URL"],
            settings.getfloat("NEAR_DUPLICATE_SIMILARITY"),
            shared=bool(settings.getint("RUN_ID")),
        )
        pipeline.spider = crawler.spider
        return pipeline

    def open_spider(self) -> None:
        profile = getattr(self.spider, "profile", None)
        self.successors = frozenset(profile.successor_hostnames if profile is not None else ())
        self.store = open_store(self.database_url)
        # A local crawl holds the run lock: no other process adds articles while it runs, so what
        # the database did not hold at the start, only this run can have added, and this pipeline
        # knows that already. A new article then costs no lookup.
        self.stored_keys = None if self.shared else self.store.lookup_keys()

    def close_spider(self) -> None:
        self.store.close()

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedArticle):
            return item
        record, facts = item.record, item.facts  # NFC since the parser loaded the page
        digest, identities = facts.content_hash, list(facts.identities)
        former = [i for i in dict.fromkeys(identity(u) for u in item.former_urls) if i not in identities]
        addresses = [*identities, *former]
        key = next((self.by_identity[i] for i in addresses if i in self.by_identity), None)
        redirected = key is not None and not any(i in self.by_identity for i in identities)
        related: tuple[str | None, float | None] = (None, None)
        sameness = (facts.near_keys[0], _day(record.published_at))
        if key is None:
            match = self._match(addresses, facts)
            key = self._known_key(identities, match.keys)
            if key is None and (key := self._known_key(former, match.keys)) is not None:
                redirected = True
            key = key or self._same_content(digest, match.same_content)
            if key is None:
                key = identities[0]
                related = self._near_duplicate(facts, key, match.near, sameness)
                if related[0] is not None and self._republished(facts.url, related[0], sameness):
                    self.stats.inc_value(stat.DEDUPE_REPUBLISHED)
                    key, related = related[0], (None, None)
        self.by_identity.update(dict.fromkeys(addresses, key))
        self.by_hash.setdefault(digest, key)
        self.sameness.setdefault(key, sameness)
        return ResolvedArticle(
            fetched=replace(item, record=record),
            key=key,
            related_to=related[0],
            similarity=related[1],
            moved=redirected or (self._on_successor(facts.url) and not self._on_successor(key)),
        )

    def _on_successor(self, address: str) -> bool:
        """Whether a URL or a URL identity is on one of the site's successor hosts."""
        return _host(address) in self.successors

    def _republished(self, url: str, other: str, sameness: Sameness) -> bool:
        """Whether the article at ``url``, much like the article ``other``, is ``other`` republished on
        a successor host: the same title and publication day, ``other`` first seen on the site's own."""
        return (
            self._on_successor(url) and not self._on_successor(other) and self.sameness.get(other) == sameness
        )

    def _match(self, identities: list[str], facts: ContentFacts) -> Match:
        """What the database knows of the record, asked only if it may know something."""
        keys = (*identities, facts.content_hash, *facts.near_keys)
        if self.stored_keys is not None and not any(hash(k) in self.stored_keys for k in keys):
            self.stats.inc_value(stat.DEDUPE_LOOKUPS_SKIPPED)
            return Match(keys={}, same_content=None, near=[])
        return self.store.match(identities, facts.content_hash, facts.near_keys)

    def _known_key(self, identities: list[str], known: dict[str, str]) -> str | None:
        """The article any of these addresses belongs to, preferring the canonical one."""
        keys = [known[i] for i in identities if i in known]
        if len(set(keys)) > 1:
            self.stats.inc_value(stat.DEDUPE_URL_CONFLICT)
        return keys[0] if keys else None

    def _same_content(self, digest: str, stored: str | None) -> str | None:
        key = self.by_hash.get(digest) or stored
        if key is not None:
            self.stats.inc_value(stat.DEDUPE_SAME_CONTENT)
        return key

    def _near_duplicate(
        self, facts: ContentFacts, key: str, stored: list[str], sameness: Sameness
    ) -> tuple[str | None, float | None]:
        """The most similar known article, if similar enough, with its similarity.

        Candidates of this run have their sketch here; only earlier runs' ones are read and sketched.
        """
        mine = self.sketches[key] = facts.sketch
        self.sameness[key] = sameness
        candidates = {other: self.sketches[other] for k in facts.near_keys for other in self.latest[k]}
        candidates |= {other: self.sketches[other] for other in stored if other in self.sketches}
        earlier = self.store.bodies([other for other in stored if other not in self.sketches])
        candidates |= {other: sketch(found.body) for other, found in earlier.items()}
        for other, found in earlier.items():
            self.sameness.setdefault(other, (found.title_key, _day(found.published_at)))
        candidates.pop(key, None)
        for k in facts.near_keys:
            self.latest[k].append(key)
        score, similar = most_similar(mine, candidates, at_least=self.threshold)
        if similar is None:
            return None, None
        self.stats.inc_value(stat.DEDUPE_NEAR_DUPLICATE)
        return similar, score


def _host(address: str) -> str:
    """The host of a URL or of a URL identity (``host[:port]/path``), without its port."""
    without_scheme = address.split("://", 1)[-1]
    return without_scheme.split("/", 1)[0].rsplit(":", 1)[0].lower()


def _day(when: datetime | None) -> date | None:
    """The day of a publication time, on the site's clock."""
    return when.astimezone(SITE_TZ).date() if when is not None else None
