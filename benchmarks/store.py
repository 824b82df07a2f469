"""Storage benchmark: records stored per second, and the analyst's queries on a large database.

    python benchmarks/store.py [--articles 10000] [--query-articles 100000] [--postgres-url URL]

On SQLite (a temporary file) and PostgreSQL (a temporary schema; figures null when unreachable):
- records stored per second by ``Store.write``, batched (``STORE_BATCH_SIZE`` items a transaction)
  and one transaction per item, for ``--articles`` new articles;
- records per second through the whole pipeline chain (validate, dedupe, store) for as many;
- with ``--query-articles`` articles stored, the median milliseconds of "articles new since a date"
  and "one article's history" (``new_since_ms``/``history_ms``: the slower of the two databases).

Progress goes to stderr; the last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

import psycopg
from psycopg import sql
from scrapy.pipelines import ItemPipelineManager
from sqlalchemy import make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scraper import settings
from scraper.content.facts import content_facts
from scraper.items import FetchedArticle, ResolvedArticle
from scraper.parsers.records import ArticleRecord, Attachment
from scraper.storage import Store, queries
from scraper.storage.queries import Window
from scraper.urls import identity
from tests.store_factories import make_crawler

SITE = "https://sotttt.angiang.gov.vn"
START = datetime(2021, 1, 1, tzinfo=UTC)
WORDS = (
    "tỉnh an giang sở thông tin truyền thông hội nghị tổng kết chuyển đổi số năm công tác triển khai kế "
    "hoạch ủy ban nhân dân người dân doanh nghiệp dịch vụ công trực tuyến hồ sơ thủ tục hành chính biên "
    "giới an ninh mạng báo chí xuất bản phát thanh truyền hình bưu chính viễn thông hạ tầng số đào tạo"
)
VOCABULARY = WORDS.split()
QUERY_RUNS = 50


def record(n: int) -> ArticleRecord:
    """Article ``n``: a body of about 2 KB, a title, an attachment, three URLs."""
    rng = random.Random(n)
    body = "\n".join(" ".join(rng.choices(VOCABULARY, k=15)).capitalize() + "." for _ in range(25))
    return ArticleRecord(
        url=f"{SITE}/tin-tuc/bai-{n}",
        is_article=True,
        profile="drupal_gavias",
        canonical_url=f"{SITE}/tin-tuc/bai-{n}",
        shortlink=f"{SITE}/node/{n}",
        title=f"Bài số {n}: " + " ".join(rng.choices(VOCABULARY, k=8)),
        published_at=START + timedelta(minutes=n),
        published_precision="minute",
        summary=body[:200],
        body_text=body,
        body_html=f"<p>{body}</p>",
        authors=("Thúy Hằng",),
        category="Tin tức",
        attachments=(Attachment(f"{SITE}/sites/default/files/tb-{n}.pdf", "Thông báo", "application/pdf"),),
    )


def fetched(n: int, at: datetime | None = None) -> FetchedArticle:
    rec = record(n)
    return FetchedArticle(rec, content_facts(rec), 200, f'"{n}"', None, at or START + timedelta(minutes=n))


def resolved(item: FetchedArticle) -> ResolvedArticle:
    """What the dedupe pipeline makes of a new article."""
    return ResolvedArticle(item, identity(item.record.canonical_url or ""))


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def rate(count: int, work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return round(count / (time.perf_counter() - started), 1)


def store_rate(url: str, items: Sequence[ResolvedArticle], batch: int) -> float:
    with Store.open(url) as store:
        run = store.begin_run("benchmark", START)

        def write() -> None:
            for i in range(0, len(items), batch):
                store.write(run, items[i : i + batch])

        return rate(len(items), write)


def pipeline_rate(url: str, items: Sequence[FetchedArticle]) -> float:
    crawler = make_crawler(url)
    manager = ItemPipelineManager.from_crawler(crawler)

    async def feed() -> None:
        await manager.open_spider_async()
        for item in items:
            await manager.process_item_async(item)
        await manager.close_spider_async()

    return rate(len(items), lambda: asyncio.run(feed()))


def _new_since(store: Store, since: datetime) -> int:
    """The command line's "what is new" (``scraper.cli new``): a page of 100 rows."""
    with store.reading() as session:
        return len(queries.new_articles(session, Window(since), 100))


def _history(store: Store, url: str) -> int:
    """The command line's change log of one article found by one of its URLs (``scraper.cli show``)."""
    with store.reading() as session:
        found = queries.article(session, url)
        return len(queries.history(session, found.id)) if found else 0


def fill(store: Store, articles: int) -> int:
    """``articles`` articles stored by one run, one in ten edited once (a second version, an
    "updated" event, 400 days later): the run's id."""
    run = store.begin_run("benchmark", START)
    for i in range(1, articles + 1, 1000):
        numbers = range(i, min(i + 1000, articles + 1))
        edits = [
            resolved(
                replace(
                    fetched(n),
                    record=replace(record(n), title="Sửa"),
                    fetched_at=START + timedelta(days=400),
                )
            )
            for n in numbers
            if n % 10 == 0
        ]
        store.write(run, [resolved(fetched(n)) for n in numbers] + edits)
        if numbers[-1] % 10_000 == 0:
            log(f"  {numbers[-1]} articles stored")
    return run


def query_times(url: str, articles: int) -> tuple[float, float]:
    """Median ms of "new since" and "history" with ``articles`` stored, one in ten edited once."""
    with Store.open(url) as store:
        fill(store, articles)
        rng = random.Random(0)
        since = START + timedelta(minutes=articles - 100)
        new = median_ms(lambda: _new_since(store, since))
        history = median_ms(lambda: _history(store, f"{SITE}/node/{rng.randrange(10, articles, 10)}"))
        return new, history


def median_ms(query: Callable[[], list[Any]]) -> float:
    times = []
    for _ in range(QUERY_RUNS):
        started = time.perf_counter()
        assert query(), "a benchmark query found nothing"
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 2)


def measure(database: Callable[[], Any], articles: int, query_articles: int) -> dict[str, float]:
    items = [fetched(n) for n in range(1, articles + 1)]
    figures = {}
    for name, batch in (
        ("records_per_s", settings.STORE_BATCH_SIZE),
        ("records_per_s_one_per_transaction", 1),
    ):
        with database() as url:
            figures[name] = store_rate(url, [resolved(i) for i in items], batch)
        log(f"  {name}: {figures[name]}")
    with database() as url:
        figures["pipeline_records_per_s"] = pipeline_rate(url, items)
    log(f"  pipeline_records_per_s: {figures['pipeline_records_per_s']}")
    with database() as url:
        figures["new_since_ms"], figures["history_ms"] = query_times(url, query_articles)
    return figures


@contextmanager
def sqlite_database() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{folder}/benchmark.sqlite3"


def postgres_database(base: str) -> Callable[[], Any]:
    @contextmanager
    def schema() -> Iterator[str]:
        url = make_url(base)
        name = f"sotttt_bench_{uuid4().hex[:12]}"
        with psycopg.connect(
            url.set(drivername="postgresql").render_as_string(False), autocommit=True
        ) as admin:
            admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(name)))
            try:
                yield url.update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(False)
            finally:
                admin.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(name)))

    return schema


def reachable(base: str) -> bool:
    try:
        psycopg.connect(
            make_url(base).set(drivername="postgresql").render_as_string(False), connect_timeout=3
        ).close()
    except psycopg.OperationalError as exc:
        log(f"PostgreSQL not reachable, its figures are null: {exc}")
        return False
    return True


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--query-articles", type=int, default=100_000)
    parser.add_argument("--postgres-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args(argv)
    results: dict[str, float | None] = {}
    log("SQLite")
    sqlite = measure(sqlite_database, args.articles, args.query_articles)
    postgres: dict[str, float | None] = dict.fromkeys(sqlite)
    if reachable(args.postgres_url):
        log("PostgreSQL")
        postgres = {**measure(postgres_database(args.postgres_url), args.articles, args.query_articles)}
    for name in sqlite:
        results[f"sqlite_{name}"] = sqlite[name]
        results[f"postgres_{name}"] = postgres[name]
    for query in ("new_since_ms", "history_ms"):
        results[query] = max(v for v in (sqlite[query], postgres[query]) if v is not None)
    results["articles"], results["query_articles"] = args.articles, args.query_articles
    print(json.dumps(results))


if __name__ == "__main__":
    main()
