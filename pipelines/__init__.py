"""Item pipelines, one job each, in the order ``ITEM_PIPELINES`` (``scraper/settings.py``) gives."""
