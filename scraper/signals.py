"""The project's own signals (Scrapy's are in ``scrapy.signals``)."""

items_stored = object()
"""Sent by ``StorePipeline`` after each committed batch, with ``complete=False``, and when the spider
is idle and every item it produced is committed, with ``complete=True``."""
