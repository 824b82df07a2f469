"""The store: the one way into the database for the pipelines and the spider.

    store = Store.open(DATABASE_URL)  # creates the SQLite folder, migrates the schema to Alembic's head
    run_id = store.begin_run("incremental", now)
    summary = store.write(run_id, items)  # one transaction per call: all of it or none of it
    store.finish_run(run_id, counts, "finished", now)

SQLite (``sqlite:///data/sotttt.sqlite3`` by default) runs in WAL mode with foreign keys on, and a
writing transaction takes the database's write lock when it begins, so concurrent writers queue
instead of failing. PostgreSQL is reached with ``postgresql+psycopg://user@host/db``; a batch that
meets a deadlock or a serialisation failure there is retried.

Engines and migrations are ``scraper.storage.engine``'s, run bookkeeping ``scraper.storage.runs``'s;
migrate a database by hand with ``python -m scraper.storage upgrade``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Any

from sqlalchemy import (
    BindParameter,
    CompoundSelect,
    Engine,
    Text,
    bindparam,
    cast,
    func,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from scraper.storage import outbox, runs
from scraper.storage.batch import StoreItem, WriteSummary, apply_batch
from scraper.storage.engine import WRITE, connect, schema_revision, upgrade_schema
from scraper.storage.models import (
    DEFAULT_SITE,
    Article,
    ArticleUrl,
    Attachment,
    CrawlRun,
    Document,
    TZDateTime,
)
from scraper.storage.outbox import Alert, DeliveryError, DeliveryReport
from scraper.storage.recheck import RecheckPolicy
from scraper.storage.retag import Tagger, retag_chunk
from scraper.storage.runs import RunCounts, RunShare
from scraper.urls import identity

__all__ = [
    "KnownArticle",
    "Match",
    "Store",
    "StoreItem",
    "Stored",
    "WriteSummary",
]

logger = logging.getLogger(__name__)

RETRIES = 5
NEAR_CANDIDATES = 20
MATCH_ADDRESSES = 5  # a record's address, canonical URL and shortlink, and addresses that redirected to it
TRANSIENT_SQLSTATES = {"40001", "40P01"}  # serialization failure, deadlock detected
RETAG_CHUNK = 500

# Statements run once per item, built once: building one costs more than running it. They must
# find their index even before PostgreSQL has gathered statistics (a first crawl): articles are
# reached from their URLs by primary key in subqueries, never by a join.
ARTICLE_AT_URL = (
    select(func.min(ArticleUrl.article_id))
    .where(ArticleUrl.identity == bindparam("identity"))
    .scalar_subquery()
)
VALIDATORS = select(Article.url, Article.etag, Article.last_modified).where(Article.id == ARTICLE_AT_URL)
DUE = (
    select(Article.url, Article.etag, Article.last_modified)
    .where(Article.site == bindparam("site"), Article.next_check_at <= bindparam("now", type_=TZDateTime))
    .order_by(Article.next_check_at, Article.id)
    .limit(bindparam("budget"))
)


def _match_statement() -> CompoundSelect[str, str | None, str | None, str | None]:
    """One query for ``Store.match``: the addresses, then the same content, then near-duplicates."""

    def part(kind: str, address: Any, key: Any, body: Any) -> list[Any]:
        return [literal(kind).label("kind"), address.label("address"), key.label("key"), body.label("body")]

    none = cast(null(), Text)
    key_of_url = select(Article.identity).where(Article.id == ArticleUrl.article_id).scalar_subquery()
    # A fixed number of parameters, not an expanding IN: the statement is then compiled once.
    addresses: list[BindParameter[str]] = [bindparam(f"identity_{n}") for n in range(MATCH_ADDRESSES)]
    by_address = select(*part("address", ArticleUrl.identity, key_of_url, none)).where(
        ArticleUrl.identity.in_(addresses)
    )
    # No ORDER BY with these LIMITs: it could make PostgreSQL walk the primary key for a hash that
    # no article has, rather than look it up in its own index.
    by_content = (
        select(*part("content", none, Article.identity, none))
        .where(Article.content_hash == bindparam("content_hash"))
        .limit(1)
        .subquery()
    )
    near = (
        select(*part("near", none, Article.identity, none))
        .where((Article.title_key == bindparam("title_key")) | (Article.lead_key == bindparam("lead_key")))
        .limit(NEAR_CANDIDATES)
        .subquery()
    )
    return union_all(by_address.subquery().select(), by_content.select(), near.select())


MATCH = _match_statement()


@dataclass(frozen=True)
class KnownArticle:
    """A known article's address and the validators for a conditional re-check."""

    url: str
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class Stored:
    """What near-duplicate comparison reads of a stored article (``Store.bodies``)."""

    body: str
    title_key: str
    published_at: datetime | None


@dataclass(frozen=True)
class Match:
    """What the database knows of a fetched record (``Store.match``)."""

    keys: dict[str, str]  # URL identity -> key of the article known under it
    same_content: str | None  # key of an article with the same content hash
    near: list[str]  # keys of near-duplicate candidates (``Store.bodies`` has their text)


class Store:
    """Articles, their URLs, versions and change log, the contact directory and the crawl runs.

    A store is one site's (``site``, a profile's name): the runs it begins, the articles it creates and
    its contact directory are that site's, and it re-checks only that site's articles. Lookups by
    address and content see every site's articles: an article is one, whichever site finds it.
    """

    def __init__(
        self, engine: Engine, recheck: RecheckPolicy | None = None, site: str = DEFAULT_SITE
    ) -> None:
        self.engine = engine
        self.recheck = recheck or RecheckPolicy()
        self.site = site
        # Lookups need no transaction: on PostgreSQL that saves a BEGIN and a ROLLBACK round trip each.
        postgres = engine.dialect.name == "postgresql"
        self._reader = engine.execution_options(isolation_level="AUTOCOMMIT") if postgres else engine
        self._read = sessionmaker(self._reader, expire_on_commit=False)
        self._write = sessionmaker(engine.execution_options(**{WRITE: True}), expire_on_commit=False)

    @classmethod
    def open(
        cls,
        database_url: str,
        *,
        upgrade: bool = True,
        recheck: RecheckPolicy | None = None,
        site: str = DEFAULT_SITE,
    ) -> Store:
        """Connect to ``database_url`` and, unless told not to, bring its schema to the latest version.
        ``recheck`` decides when written articles come due again (``scraper.storage.recheck``); ``site``
        is the site it writes for."""
        engine = connect(database_url)
        if upgrade:
            upgrade_schema(engine)
        return cls(engine, recheck, site)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # The spider's incremental mode.

    def is_known(self, url: str) -> bool:
        """Whether an article was ever seen under ``url`` (compared by ``identity``, NFC)."""
        return self.validators(url) is not None

    def validators(self, url: str) -> KnownArticle | None:
        """The article known under ``url`` with its ETag and Last-Modified, or None if unknown."""
        with self._reader.connect() as connection:
            row = connection.execute(VALIDATORS, {"identity": identity(url)}).first()
        return KnownArticle(*row) if row else None

    def sized_files(self) -> set[str]:
        """The URL of every linked file whose size is recorded (no need to ask the site again)."""
        with self._reader.connect() as connection:
            return set(connection.scalars(select(Attachment.url).where(Attachment.size.is_not(None))))

    def document_validators(self) -> dict[str, tuple[str | None, str | None]]:
        """Every fetched document's URL with its ETag and Last-Modified (for conditional requests)."""
        query = select(Document.url, Document.etag, Document.last_modified).where(Document.url.is_not(None))
        with self._reader.connect() as connection:
            return {url: (etag, modified) for url, etag, modified in connection.execute(query) if url}

    def live_urls(self) -> Iterator[str]:
        """The canonical URL of every live article of the site (what its complete sitemaps should list)."""
        with self.engine.connect() as connection:
            query = select(Article.url).where(Article.site == self.site, Article.status == "live")
            yield from connection.execution_options(yield_per=1000).scalars(query)

    def due_for_recheck(self, now: datetime, budget: int) -> list[KnownArticle]:
        """Up to ``budget`` articles whose re-check is due at ``now``, the most overdue first.

        Young articles come due often, old ones rarely, removed ones monthly (``scraper.storage.recheck``).
        """
        with self._reader.connect() as connection:
            rows = connection.execute(DUE, {"site": self.site, "now": now, "budget": budget})
            return [KnownArticle(*row) for row in rows]

    # Crawl runs.

    def begin_run(self, mode: str, started_at: datetime) -> int:
        """Record the start of a crawl of the site; its id ties the versions and events it writes to it."""
        with self._write.begin() as session:
            return runs.begin(session, self.site, mode, started_at)

    def last_run_stats(self) -> dict[str, Any]:
        """The stats of the site's last finished run ({} before its first)."""
        query = (
            select(CrawlRun.stats)
            .where(CrawlRun.site == self.site, CrawlRun.finished_at.is_not(None))
            .order_by(CrawlRun.id.desc())
            .limit(1)
        )
        with self._reader.connect() as connection:
            return connection.scalar(query) or {}

    def finish_run(
        self,
        run_id: int,
        counts: RunCounts,
        finish_reason: str,
        finished_at: datetime,
        stats: dict[str, Any] | None = None,
        monitors: list[dict[str, Any]] | None = None,
    ) -> None:
        """Record the end of a crawl: its counts, why it ended, its stats and the monitors' verdicts."""
        with self._write.begin() as session:
            runs.finish(session, run_id, counts, finish_reason, finished_at, stats, monitors)

    def add_to_run(self, run_id: int, share: RunShare) -> bool:
        """Add one worker's counts and stats to a run that several workers share (``scraper.distributed``):
        the counts are incremented in the UPDATE itself, numeric stats summed, other stats replaced.
        False if the run is finished or unknown."""
        with self._write.begin() as session:
            return runs.add_to_run(session, run_id, share)

    def close_run(self, run_id: int, finish_reason: str, finished_at: datetime) -> dict[str, Any] | None:
        """Record the end of a run whose workers added their counts (``add_to_run``, ``write``). For the
        one call that does, the run's stats, its workers' summed, to judge it by; None if the run was
        finished already, or is unknown."""
        with self._write.begin() as session:
            return runs.close(session, run_id, finish_reason, finished_at)

    def record_verdicts(self, run_id: int, verdicts: list[dict[str, Any]]) -> None:
        """Record the monitors' verdicts on a run (a distributed one, judged once it is closed)."""
        with self._write.begin() as session:
            runs.record_verdicts(session, run_id, verdicts)

    # Lookups for deduplication.

    def match(self, identities: Sequence[str], content_hash: str, near_keys: tuple[str, str]) -> Match:
        """What is known of a fetched record, in one round trip: which articles its addresses (by
        identity) belong to, an article of the same content, and near-duplicate candidates."""
        if not 0 < len(identities) <= MATCH_ADDRESSES:
            raise ValueError(f"match takes 1 to {MATCH_ADDRESSES} addresses, not {len(identities)}")
        padded = [*identities, *[identities[0]] * (MATCH_ADDRESSES - len(identities))]
        parameters = {
            **{f"identity_{n}": identity for n, identity in enumerate(padded)},
            "content_hash": content_hash,
            "title_key": near_keys[0],
            "lead_key": near_keys[1],
        }
        with self._reader.connect() as connection:
            rows = connection.execute(MATCH, parameters).all()
        return Match(
            keys={row.address: row.key for row in rows if row.kind == "address"},
            same_content=next((row.key for row in rows if row.kind == "content"), None),
            near=[row.key for row in rows if row.kind == "near"],
        )

    def lookup_keys(self) -> frozenset[int]:
        """The ``hash`` of every key ``match`` looks an article up by: URL identities, content hashes,
        near-duplicate keys. A record none of whose keys is among them would match nothing that is
        stored now. Hashes, not the keys: 20,000 articles take about 5 MB (this process only)."""
        with self._reader.connect() as connection:
            identities = connection.execute(select(ArticleUrl.identity)).scalars()
            articles = connection.execute(select(Article.content_hash, Article.title_key, Article.lead_key))
            return frozenset(
                {hash(identity) for identity in identities}
                | {hash(key) for row in articles for key in row if key is not None}
            )

    def bodies(self, keys: Sequence[str]) -> dict[str, Stored]:
        """The body text, title key and publication time of each of these articles (by key), for
        near-duplicate comparison and to recognise a republished article."""
        if not keys:
            return {}
        query = select(Article.identity, Article.body_text, Article.title_key, Article.published_at).where(
            Article.identity.in_(keys)
        )
        with self._reader.connect() as connection:
            rows = connection.execute(query).all()
        return {key: Stored(body or "", title_key, published) for key, body, title_key, published in rows}

    # Writing.

    def write(
        self,
        run_id: int,
        items: Sequence[StoreItem],
        share: Callable[[WriteSummary], RunShare] | None = None,
    ) -> WriteSummary:
        """Apply ``items`` in order in one transaction; writing the same items again changes nothing.

        A worker of a shared run gives ``share``: what it adds to the run's record, given what the
        batch stored. It is added in the same transaction, so that the record counts every committed
        item even of a worker killed later; and last, so that the record's row lock is held only until
        the commit.
        """
        attempt = 1
        while True:
            try:
                with self._write.begin() as session:
                    summary = apply_batch(session, run_id, items, self.recheck, self.site)
                    if share is not None:
                        runs.add_to_run(session, run_id, share(summary))
                    return summary
            except DBAPIError as exc:
                if attempt >= RETRIES or getattr(exc.orig, "sqlstate", None) not in TRANSIENT_SQLSTATES:
                    raise
                logger.warning("Retrying a batch of %d items after %s", len(items), exc.orig)
                attempt += 1

    # Reading and tagging, for the command line (``scraper.storage.queries`` holds the questions).

    def reading(self) -> Session:
        """A session for reading (``with store.reading() as session: ...``); it writes nothing."""
        return self._read()

    def schema_revision(self) -> str | None:
        """The Alembic revision the database is at; None for a database never migrated."""
        return schema_revision(self.engine)

    def retag(self, topics_of: Tagger, chunk: int = RETAG_CHUNK) -> int:
        """Apply ``topics_of`` (search text -> topics) to every stored article; how many changed."""
        after, changed = 0, 0
        while True:
            with self._write.begin() as session:
                last, done = retag_chunk(session, after, chunk, topics_of)
            if last is None:
                return changed
            after, changed = last, changed + done

    # Alerts (``scraper.storage.outbox``).

    def queue_alerts(self, run_id: int, alerts: Sequence[Alert], now: datetime) -> int:
        """Record a run's alerts to send (once per run, topic and URL); how many were new."""
        with self._write.begin() as session:
            return outbox.queue(session, run_id, alerts, now)

    def deliver_alerts(
        self, send: Callable[[str, str, str], None], now: Callable[[], datetime]
    ) -> DeliveryReport:
        """Send every undelivered alert, this run's and earlier runs' failures, oldest first.

        ``send(url, title, body)`` raises ``DeliveryError`` when the message did not go through:
        the attempt and its reason are recorded and the alert stays pending for the next run.
        """
        report = DeliveryReport()
        with self._read() as session:
            waiting = outbox.pending(session)
        for delivery_id in waiting:
            with self._write.begin() as session:
                delivery = outbox.claim(session, delivery_id)
                if delivery is None:  # delivered or being delivered by another process meanwhile
                    continue
                delivery.attempts += 1
                delivery.last_attempt_at = now()
                try:
                    send(delivery.target, delivery.title, delivery.body)
                except DeliveryError as error:
                    delivery.last_error = str(error)
                    report.failed += 1
                    logger.warning(
                        "Alert %d (topic %s, attempt %d) not delivered, kept for the next run: %s",
                        delivery.id,
                        delivery.topic,
                        delivery.attempts,
                        error,
                    )
                else:
                    delivery.delivered_at = now()
                    delivery.last_error = None
                    report.delivered += 1
        return report
