"""Distributed crawling: several workers on one run, sharing a scrapy-redis queue and one store.

``REDIS_URL`` set switches it on (``addon.DistributedAddon``); ``python -m scraper.distributed seed``
begins a run and queues its start requests; ``scrapy crawl sotttt -s RUN_ID=N`` is one worker of run
N. See ``docs/distributed.md``.
"""
