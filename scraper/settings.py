"""All settings of the project, in one place. The environment is read only here."""

from __future__ import annotations

import os

BOT_NAME = "sotttt"
SPIDER_MODULES = ["scraper.spiders"]
NEWSPIDER_MODULE = "scraper.spiders"

# Storage: SQLite by default; PostgreSQL in production, e.g.
# DATABASE_URL=postgresql+psycopg://sotttt@db.example/sotttt
DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///data/sotttt.sqlite3")
STORE_BATCH_SIZE = 100  # items per transaction; the rest is written when the spider closes
NEAR_DUPLICATE_SIMILARITY = 0.8  # shingle similarity at which a new article is linked to an old one

ITEM_PIPELINES = {
    "pipelines.validate.ValidatePipeline": 100,
    "pipelines.dedupe.DedupePipeline": 200,
    "pipelines.store.StorePipeline": 300,
}
