"""The project's own signals (Scrapy's are in ``scrapy.signals``)."""

items_stored = object()
"""Sent by ``StorePipeline`` after each committed batch, with ``complete=False``, and when the spider
is idle and every item it produced is committed, with ``complete=True``."""

request_queued = object()
"""Sent by a distributed worker's scheduler (``scraper.distributed.scheduler``) for each request the
engine hands it, once it is safe in Redis (queued, held, or already seen by the run: ``in_redis=True``)
or kept only in the worker's memory because Redis failed (``in_redis=False``)."""
