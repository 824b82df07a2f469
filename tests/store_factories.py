"""Records as the parsers return them, items as the spider hands them, and a way to run the pipelines.

Shared by the storage tests and by ``store_feeder.py``, the crawl-like process they start.
"""

from __future__ import annotations

import asyncio
import os
import random
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace
from typing import Any
from uuid import uuid4

import psycopg
from alembic import command
from psycopg import sql
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.pipelines import ItemPipelineManager
from scrapy.utils.test import get_crawler
from sqlalchemy import create_engine, func, make_url, select, text

from scraper import settings
from scraper.content.facts import content_facts
from scraper.items import ArticleGone, FetchedArticle
from scraper.parsers.records import ArticleRecord, Attachment, Contact, Image
from scraper.sites.profiles import SiteProfile
from scraper.storage import Store
from scraper.storage.engine import alembic_config
from scraper.storage.models import Base, ChangeEvent

VN = timezone(timedelta(hours=7))
T0 = datetime(2025, 5, 9, 15, 25, tzinfo=VN)
SITE = "https://sotttt.angiang.gov.vn"
POSTGRES_URL = os.environ.get("SOTTTT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("SOTTTT_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")

SITE_CONTACTS = (
    Contact(
        "Văn phòng Sở", "Chánh Văn phòng", ("0296.6.522.225",), ("vanphong.stttt@angiang.gov.vn",), "site"
    ),
    Contact(
        "Phòng Bưu chính, Viễn thông",
        None,
        ("0296.3.957.049", "0378.247.247"),
        ("pbcvt.stttt@angiang.gov.vn",),
        "site",
    ),
)
WORDS = (
    "tỉnh an giang sở thông tin truyền thông hội nghị tổng kết chuyển đổi số năm công tác triển khai "
    "kế hoạch ủy ban nhân dân người dân doanh nghiệp dịch vụ công trực tuyến hồ sơ thủ tục hành chính "
    "biên giới an ninh mạng báo chí xuất bản phát thanh truyền hình bưu chính viễn thông hạ tầng số "
    "đào tạo kỹ năng cán bộ công chức thành phố long xuyên châu đốc huyện xã phường thị trấn chương trình "
    "đề án nghị quyết quyết định thông báo hướng dẫn kiểm tra giám sát đánh giá kết quả nhiệm vụ giải pháp"
)
VOCABULARY = WORDS.split()


def body(n: int, words: int = 120) -> str:
    """A body text of its own for article ``n``: no two share a three-word run by chance."""
    rng = random.Random(n)
    sentences = [" ".join(rng.choices(VOCABULARY, k=12)).capitalize() + "." for _ in range(words // 12)]
    return "\n".join(sentences)


def record(n: int = 1, **changes: Any) -> ArticleRecord:
    """Article ``n`` of the current (Drupal) layout, as its parser returns it."""
    base = ArticleRecord(
        url=f"{SITE}/tin-tuc/thong-bao-so-{n}",
        is_article=True,
        profile="drupal_gavias",
        canonical_url=f"{SITE}/tin-tuc/thong-bao-so-{n}",
        shortlink=f"{SITE}/node/{n}",
        title=f"Thông báo số {n} về chuyển đổi số",
        published_at=T0 - timedelta(days=n),
        published_precision="minute",
        summary=f"Tóm tắt thông báo số {n}.",
        body_text=body(n),
        body_html=f"<div class='post-body'><p>{body(n)}</p></div><div class='luotxem'>Lượt xem: 12</div>",
        authors=("Quách Vân", "Thúy Hằng"),
        source="Sở TT&TT AG",
        category="Tin tức",
        tags=("chuyển đổi số", "biên giới"),
        images=(Image(f"{SITE}/sites/default/files/2025-05/anh-{n}.jpg", "Quang cảnh hội nghị"),),
        attachments=(
            Attachment(f"{SITE}/sites/default/files/2025-05/tb-{n}.pdf", "Thông báo", "application/pdf"),
        ),
        contacts=SITE_CONTACTS,
    )
    return replace(base, **changes)


def fetched(
    rec: ArticleRecord, at: datetime = T0, etag: str | None = None, modified: str | None = None
) -> FetchedArticle:
    return FetchedArticle(
        record=rec, facts=content_facts(rec), status=200, etag=etag, last_modified=modified, fetched_at=at
    )


def make_crawler(database_url: str, **overrides: Any) -> Crawler:
    """A crawler with the project's settings, writing to ``database_url``, and no extensions:
    nothing is crawled, and they expect a running engine."""
    project = {name: getattr(settings, name) for name in dir(settings) if name.isupper()}
    no_extensions = {"EXTENSIONS_BASE": {}, "EXTENSIONS": {}, "SPIDERMON_ENABLED": False}
    return get_crawler(settings_dict={**project, **no_extensions, "DATABASE_URL": database_url, **overrides})


def run_pipelines(crawler: Crawler, items: Iterable[Any], reason: str = "finished") -> list[Any]:
    """Pass ``items`` through the crawler's pipelines as a crawl would; the items that came out."""
    manager = ItemPipelineManager.from_crawler(crawler)

    async def crawl() -> list[Any]:
        out = []
        await manager.open_spider_async()
        for item in items:
            with suppress(DropItem):
                out.append(await manager.process_item_async(item))
        await manager.close_spider_async()
        return out

    out = asyncio.run(crawl())
    crawler.signals.send_catch_log(signals.spider_closed, spider=None, reason=reason)
    return out


def count(store: Store, table: str, where: str = "true") -> int:
    """Rows of ``table`` matching the SQL condition ``where``."""
    with store.engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(text(table)).where(text(where)))


def counts(store: Store) -> dict[str, int]:
    """Rows of every table."""
    return {t.name: count(store, t.name) for t in Base.metadata.sorted_tables}


@contextmanager
def postgres_schema(base_url: str = POSTGRES_URL) -> Iterator[str]:
    """A database URL whose tables live in a new, empty schema, dropped afterwards."""
    url = make_url(base_url)
    conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
    schema = f"sotttt_test_{uuid4().hex[:12]}"
    with psycopg.connect(conninfo, connect_timeout=3, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
        try:
            yield url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
                hide_password=False
            )
        finally:
            admin.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(sql.Identifier(schema)))


def crawl(database_url: str, *items: Any, **overrides: Any) -> Crawler:
    """One crawl run that hands ``items`` to the pipelines; the crawler, for its stats."""
    crawler = make_crawler(database_url, **overrides)
    run_pipelines(crawler, items)
    return crawler


OTHER = SiteProfile(  # a second site, for the tests of the read side's site filters
    name="sonnptnt",
    display_name="Sở Nông nghiệp và Phát triển nông thôn tỉnh An Giang",
    hosts=("sonnptnt.angiang.gov.vn",),
    start_urls=("https://sonnptnt.angiang.gov.vn/",),
)


def other_record(n: int, **changes: Any) -> ArticleRecord:
    """Article ``n`` of ``OTHER``'s site: ``record(n)`` at its own addresses."""
    url = f"{OTHER.base_url}/tin-tuc/bai-so-{n}"
    return record(n, url=url, canonical_url=url, shortlink=f"{OTHER.base_url}/node/{n}", **changes)


def crawl_site(database_url: str, profile: SiteProfile, *items: Any, **overrides: Any) -> Crawler:
    """``crawl``, as a crawl of the site ``profile`` (its run, articles and events are that site's)."""
    crawler = make_crawler(database_url, **overrides)
    crawler.spider = SimpleNamespace(profile=profile, mode="full")  # type: ignore[assignment]
    run_pipelines(crawler, items)
    return crawler


def events(store: Store) -> list[tuple[str, str, dict[str, Any] | None]]:
    """(subject, kind, details) of every change event, in order."""
    with store.engine.connect() as connection:
        rows = connection.execute(
            select(ChangeEvent.subject, ChangeEvent.kind, ChangeEvent.details).order_by("id")
        )
        return [tuple(row) for row in rows]


def downgrade(database_url: str, revision: str) -> None:
    """Take the database's schema back to an older ``revision`` with Alembic."""
    engine = create_engine(database_url)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection=connection), revision)
    finally:
        engine.dispose()


BORDER = "Bộ đội Biên phòng tuyên truyền về chủ quyền biên giới quốc gia."


def store_two_sites(database_url: str) -> None:
    """sotttt: articles 1-3 (1 and 3 of the border topic); OTHER's site: articles 11-12 (11 border,
    of category Nông nghiệp), then a second run of OTHER's site that removes 12."""
    crawl(
        database_url,
        fetched(record(1, body_text=BORDER)),
        fetched(record(2, title="Hội nghị chuyển đổi số", tags=())),
        fetched(record(3, body_text=BORDER)),
    )
    crawl_site(
        database_url,
        OTHER,
        fetched(other_record(11, body_text=BORDER, category="Nông nghiệp"), T0 + timedelta(hours=1)),
        fetched(other_record(12, title="Mùa lúa mới", tags=()), T0 + timedelta(hours=1)),
    )
    crawl_site(database_url, OTHER, ArticleGone(other_record(12).url, 410, T0 + timedelta(days=1)))
