"""All settings of the project, in one place. The environment is read only here.

Defaults are polite for the live site. Tests and benchmarks crawl the local mirror at full
speed by overriding settings (``MIRROR_SPEED`` below), never through code branches.
"""

from __future__ import annotations

import os
import secrets
import socket

BOT_NAME = "sotttt"
SPIDER_MODULES = ["scraper.spiders"]
NEWSPIDER_MODULE = "scraper.spiders"
COMMANDS_MODULE = "scraper.commands"  # `scrapy crawl` with a run lock and meaningful exit statuses

# -- the site -----------------------------------------------------------------------------
# The site a crawl crawls (`scrapy crawl sotttt -a site=NAME` says another): a profile in scraper/sites/
# (its hosts, successors, start addresses, platform, indexes, sections and politeness), or in the
# folder SITE_PROFILES_DIR names, read after them: adding a site is adding a file there.
SITE = os.environ.get("SOTTTT_SITE", "sotttt")
SITE_PROFILES_ENV = "SOTTTT_SITE_PROFILES"  # python -m scraper.sites passes it on to each crawl
SITE_PROFILES_DIR = os.environ.get(SITE_PROFILES_ENV)
# The same site served at another address (a mirror, a staging copy); None: the profile's own.
SITE_BASE_URL = os.environ.get("SOTTTT_BASE_URL")
CONTACT_URL = os.environ.get("SOTTTT_CONTACT_URL", "https://github.com/sotttt-monitor/sotttt-monitor")

# -- politeness ---------------------------------------------------------------------------
USER_AGENT = f"sotttt-monitor/0.1 (announcement monitor; +{CONTACT_URL})"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
# Scrapy starts this many asyncio tasks for every response's output; ours are a few items each.
CONCURRENT_ITEMS = 4
COOKIES_ENABLED = False
# Nothing listens: Scrapy's telnet console and its remote-control HTTP endpoint (which runs Python sent
# to it) are off; `-s TELNETCONSOLE_ENABLED=True` or `-s REMOTE_CONTROL_ENABLED=True` turns one on.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
REDIRECT_MAX_TIMES = 5

RETRY_ENABLED = True
RETRY_TIMES = 4
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_BACKOFF_BASE = 2.0  # seconds before the first retry; doubled for each further one
RETRY_BACKOFF_MAX = 120.0  # and never more than this, Retry-After included
DOWNLOADER_MIDDLEWARES = {
    "scraper.middlewares.network_errors.SiteReachability": 560,  # sees each attempt, before the retries
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scraper.middlewares.polite_retry.PoliteRetryMiddleware": 550,
    "scraper.middlewares.network_errors.QuietNetworkErrors": 540,  # sees what the retries gave up
}
# A site that cannot be reached ends the run at once, finish reason "site_unreachable" (exit status 69):
# after this many DNS failures or refused connections in a row (never retried: waiting does not help),
SITE_UNREACHABLE_AFTER = 3
# or this many server errors in a row from a site that has not answered properly once in the run.
SITE_ERRORS_ONLY_AFTER = 10

# -- what a run fetches -------------------------------------------------------------------
# Re-checks of known articles (conditional requests), so edits and take-downs of old articles are
# found without re-crawling: younger articles at every run, every article within the period.
RECHECK_YOUNG_DAYS = 30
RECHECK_PERIOD_DAYS = 7
# At most this many per incremental run: keep it above live articles x run interval / period
# (5,000 articles, hourly runs, 7 days: 30 a run).
RECHECK_BUDGET = 200
CRAWL_NOW = None  # an ISO time the crawl takes as "now": only to simulate a schedule (benchmarks/revisit.py)
RECORD_ATTACHMENTS = True  # ask for each linked file: GET a document (below), HEAD any other for its size
# Documents (PDF, DOC, DOCX, XLS, XLSX) are fetched (conditional GETs on revisits) and read as
# documents: text, its quality, the metadata they state (scraper/parsers/document.py). The database
# keeps their text and the hashes of bytes and text; the bytes themselves only with DOCUMENTS_KEEP_FILES.
DOCUMENTS_FETCH = True
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024  # larger ones are not downloaded (counted: sotttt/documents/too_large)
DOCUMENTS_KEEP_FILES = False
# Pages of one listing (a category, a tag, an archive) a run asks for at most. A pager ends before that
# at a page with no next link, no teaser, or only teasers its earlier pages listed (scraper/crawling/
# pagination.py); the cap guards against a pager that shows something else on every page forever.
# 500 pages of 20 teasers is 10,000 articles in one listing: raise it if a listing really holds more.
# Reaching the cap is counted in the stats (sotttt/listing/page_cap_reached) and logged once.
LISTING_MAX_PAGES = 500
# Processes that parse article and listing pages beside the crawl process (scraper/crawling/parse_pool.py). 0
# parses in the crawl process: plenty at the live site's pace. A fast crawl (a mirror, a backfill) on
# a machine with a spare core is bound by parsing: 1 there gives 1.7 times the pages per second.
PARSE_PROCESSES = 0

# -- storage ------------------------------------------------------------------------------
# SQLite by default; PostgreSQL in production: postgresql+psycopg://sotttt@db.example/sotttt
DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///data/sotttt.sqlite3")
STORE_BATCH_SIZE = 100  # items per transaction; the rest is written when the spider closes
NEAR_DUPLICATE_SIMILARITY = 0.8  # shingle similarity at which a new article is linked to an old one

ITEM_PIPELINES = {
    "pipelines.coverage.CoveragePipeline": 50,
    "pipelines.validate.ValidatePipeline": 100,
    "pipelines.dedupe.DedupePipeline": 200,
    "pipelines.topics.TopicsPipeline": 250,
    "pipelines.store.StorePipeline": 300,
}

# -- watchlists and alerts ----------------------------------------------------------------
# Topics every article is tagged with, and where their alerts go (see the file's comments).
# None: the file shipped in the package, scraper/watchlists.toml (edit it, or point to your own).
WATCHLIST_PATH = os.environ.get("SOTTTT_WATCHLIST")
ALERTS_ENABLED = True  # at the end of a crawl, send each topic's new and changed articles
ALERT_MAX_ARTICLES = 30  # articles listed in one message; the others are counted

# -- the web interface and API (python -m scraper.web; scraper/web/) -------------------------
WEB_HOST = "127.0.0.1"  # only this machine; expose it through a reverse proxy with authentication (README)
WEB_PORT = 8080
WEB_PAGE_SIZE = 20  # rows of a page or an API answer unless ?limit= says otherwise
WEB_MAX_PAGE_SIZE = 100  # the most ?limit= may ask for
WEB_MAX_OFFSET = 10_000  # the deepest ?offset= a list may be read at
WEB_MAX_QUERY_CHARACTERS = 200  # a search query's length
WEB_MAX_PHRASES = 8  # comma-separated phrases in one search
# A search ranks at most this many matching articles, the ones stored last (ranking reads their whole
# text); when more match, the page says so: a date or a category narrows the search to what counts.
WEB_SEARCH_CANDIDATES = int(os.environ.get("SOTTTT_WEB_SEARCH_CANDIDATES") or 500)
WEB_TOPIC_NEWEST = 5  # articles of each topic on the topics page
WEB_FEED_ENTRIES = 50  # entries of a feed

# -- distributed crawling (scraper/distributed/, docs/distributed.md) ---------------------
# REDIS_URL set: this crawl is one worker of the seeded run RUN_ID (`python -m scraper.distributed
# seed` prints it), sharing its scrapy-redis queue and fingerprints. Unset: the local scheduler.
REDIS_URL = os.environ.get("REDIS_URL", "")
RUN_ID = int(os.environ.get("SOTTTT_RUN_ID") or 0)
REDIS_KEY_PREFIX = "sotttt"  # a run's keys are <prefix>:run:<id>:...
MAX_IDLE_TIME_BEFORE_CLOSE = 10  # seconds of a quiet run (nothing queued or in flight) before a worker leaves
WORKER_LEASE_SECONDS = 30  # a worker silent this long is dead: the requests it held go back to the queue
RUN_KEYS_TTL = 7 * 24 * 3600  # seconds a run's keys outlive its last worker's last beat
WORKER_ID = f"{socket.gethostname()}-{os.getpid()}-{secrets.token_hex(2)}"  # one per process
ADDONS = {"scraper.distributed.addon.DistributedAddon": 0}

# -- mirror speed: what tests and benchmarks pass with -s / Settings.setdict ---------------
MIRROR_SPEED = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS": 32,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 32,
    "RETRY_BACKOFF_BASE": 0.05,
    "RETRY_BACKOFF_MAX": 2.0,
    "DOWNLOAD_TIMEOUT": 5,
}

# -- monitoring: Spidermon judges every crawl when it closes (scraper/monitors.py) --------------
SPIDERMON_ENABLED = True
EXTENSIONS = {
    "spidermon.contrib.scrapy.extensions.Spidermon": 500,  # judges the crawl (scraper/monitors.py)
    "scraper.extensions.alerts.AlertsExtension": 510,  # watchlist alerts (scraper/extensions/alerts.py)
    "scraper.extensions.gc_tuning.GcTuning": 0,  # fewer garbage collections (scraper/extensions/gc_tuning.py)
}
GC_THRESHOLDS = [10_000, 50, 50]  # gc.set_threshold once the engine starts; [] keeps the defaults
SPIDERMON_SPIDER_CLOSE_MONITORS = ("scraper.monitors.CloseMonitors",)
MONITOR_FINISH_REASONS = ["finished"]
MONITOR_MAX_ERROR_RATIO = 0.02  # requests ending in an error, after their retries
MONITOR_MAX_RETRY_RATIO = 0.25
MONITOR_MIN_COVERAGE = {"title": 1.0, "published_at": 0.99, "body_text": 0.99}
MONITOR_MAX_FALLBACK_SHARE = 0.05  # articles found by their content, not a layout profile: layout drift
MONITOR_MAX_NOT_ARTICLE_SHARE = 0.1  # article pages of a known layout that gave no article: layout drift
# apprise URLs told when a monitor fails, e.g. "mailto://user:pass@example.org,json://host/hook"
MONITOR_NOTIFY_URLS = [u for u in os.environ.get("SOTTTT_MONITOR_NOTIFY", "").split(",") if u]

LOG_LEVEL = os.environ.get("SOTTTT_LOG_LEVEL", "INFO")
FEED_EXPORT_ENCODING = "utf-8"
# `scrapy crawl sotttt -O items.jsonl` (or .json, .csv, .xml, ...): one plain record per item, with
# its "kind" (scraper/exports.py); Scrapy's own exporters cannot write the items' bytes and datetimes.
FEED_EXPORTERS = {
    "json": "scraper.exports.JsonExporter",
    "jsonlines": "scraper.exports.JsonLinesExporter",
    "jsonl": "scraper.exports.JsonLinesExporter",
    "jl": "scraper.exports.JsonLinesExporter",
    "csv": "scraper.exports.CsvExporter",
    "xml": "scraper.exports.XmlExporter",
    "pickle": "scraper.exports.PickleExporter",
    "marshal": "scraper.exports.MarshalExporter",
}
