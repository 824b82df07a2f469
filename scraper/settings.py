"""All settings of the project, in one place. The environment is read only here."""

from __future__ import annotations

BOT_NAME = "sotttt"
SPIDER_MODULES = ["scraper.spiders"]
NEWSPIDER_MODULE = "scraper.spiders"
