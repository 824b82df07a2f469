"""Scrapy extensions of the project (``EXTENSIONS`` in ``scraper/settings.py``), one per module."""
