"""Item pipelines, one job each, in the order ``ITEM_PIPELINES`` (``scraper/settings.py``) gives."""

from __future__ import annotations

from scrapy.exceptions import CloseSpider
from sqlalchemy.exc import SQLAlchemyError

from scraper.recheck import RecheckPolicy
from scraper.store import Store


def open_store(database_url: str, recheck: RecheckPolicy | None = None) -> Store:
    """The store at ``database_url``; an unreachable database closes the spider instead of losing items."""
    try:
        return Store.open(database_url, recheck=recheck)
    except SQLAlchemyError as exc:
        raise CloseSpider(f"database unreachable: {exc}") from exc
