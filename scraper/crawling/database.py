"""How a crawl opens the database: the spider and the pipelines each go through ``open_store``."""

from __future__ import annotations

from datetime import timedelta

from scrapy.exceptions import CloseSpider
from scrapy.settings import BaseSettings
from sqlalchemy.exc import SQLAlchemyError

from scraper.storage import Store
from scraper.storage.models import DEFAULT_SITE
from scraper.storage.recheck import RecheckPolicy


def open_store(database_url: str, recheck: RecheckPolicy | None = None, site: str = DEFAULT_SITE) -> Store:
    """The store of ``site`` at ``database_url``; an unreachable database closes the spider instead of
    losing items."""
    try:
        return Store.open(database_url, recheck=recheck, site=site)
    except SQLAlchemyError as exc:
        raise CloseSpider(f"database unreachable: {exc}") from exc


def recheck_policy(settings: BaseSettings) -> RecheckPolicy:
    """When written articles come due again, from the ``RECHECK_*`` settings."""
    return RecheckPolicy(
        young=timedelta(days=settings.getfloat("RECHECK_YOUNG_DAYS")),
        period=timedelta(days=settings.getfloat("RECHECK_PERIOD_DAYS")),
    )
