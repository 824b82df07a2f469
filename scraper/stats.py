"""Every stat name this project sets, in one place: ``sotttt/<area>/<what>``.

The spider, the middlewares, the pipelines, the monitors, the store's run record and the command line
all read and write the crawl's stats through these names; a name with a variable part is a function.
"""

from __future__ import annotations

from scraper.parsers import profiles

PREFIX = "sotttt"

# The run and its verdicts.
RUN_ID = f"{PREFIX}/run_id"
EXIT_STATUS = f"{PREFIX}/exit_status"  # what ``scrapy crawl`` exits with (scraper/commands/crawl.py)
MONITOR_VERDICTS = f"{PREFIX}/monitors/verdicts"
MONITORS_FAILED = f"{PREFIX}/monitors/failed"
MONITOR_ALERT_FAILED = f"{PREFIX}/monitors/alert_failed"

# Field coverage of the articles the crawl stored (pipelines.coverage).
COVERAGE = f"{PREFIX}/coverage"
COVERAGE_ARTICLES = f"{COVERAGE}/articles"

# Indexes, listings and pages (the spider).
SITEMAP_UNUSABLE = f"{PREFIX}/index/sitemap_unusable"
SITEMAP_ENTRIES = f"{PREFIX}/index/sitemap_entries"
SITEMAP_PARTIAL = f"{PREFIX}/index/sitemap_partial"
FEED_UNUSABLE = f"{PREFIX}/index/feed_unusable"
INDEX_UNREACHABLE = f"{PREFIX}/index/unreachable"
# The site itself could not be reached (scraper/middlewares/network_errors.py): "host: why", and the count
SITE_UNREACHABLE = f"{PREFIX}/site/unreachable"
SITE_UNREACHABLE_ERRORS = f"{PREFIX}/site/unreachable_errors"
NETWORK_GAVE_UP = f"{PREFIX}/network/gave_up"  # requests given up on a network error, after any retries
LISTING_PAGE_CAP_REACHED = f"{PREFIX}/listing/page_cap_reached"  # pagers LISTING_MAX_PAGES stopped
NOT_ARTICLE = f"{PREFIX}/pages/not_article"
BYTES_REPLACED = f"{PREFIX}/pages/bytes_replaced"  # bytes not text in the page's encoding, now U+FFFD
PAGES_WITH_BYTES_REPLACED = f"{PREFIX}/pages/with_bytes_replaced"
NOT_ARTICLE_IN = f"{NOT_ARTICLE}/"  # + the layout: article pages of that layout that gave no article
UNKNOWN_LAYOUT = profiles.UNKNOWN_LAYOUT  # the layout of a page no profile recognises
PARSER_RESTARTS = f"{PREFIX}/parse/pool_restarts"
DOCUMENTS = f"{PREFIX}/documents"
DOCUMENTS_UNCHANGED = f"{DOCUMENTS}/unchanged"  # conditional GETs answered 304
DOCUMENTS_TOO_LARGE = f"{DOCUMENTS}/too_large"  # over DOCUMENT_MAX_BYTES: not read
DOCUMENTS_FAILED = f"{DOCUMENTS}/failed"  # the network gave up on it
UNDECODABLE = f"{PREFIX}/invalid/undecodable"
INVALID = f"{PREFIX}/invalid/"  # the prefix of every reason an item was dropped

# Deduplication (pipelines.dedupe).
DEDUPE_LOOKUPS_SKIPPED = f"{PREFIX}/dedupe/lookups_skipped"
DEDUPE_URL_CONFLICT = f"{PREFIX}/dedupe/url_conflict"
DEDUPE_SAME_CONTENT = f"{PREFIX}/dedupe/same_content"
DEDUPE_NEAR_DUPLICATE = f"{PREFIX}/dedupe/near_duplicate"
DEDUPE_REPUBLISHED = (
    f"{PREFIX}/dedupe/republished"  # near-duplicates that are the article, moved to a successor
)

# Storing (pipelines.store).
STORE_UNRESOLVED = f"{PREFIX}/store/skipped/unresolved"
STORE_LOST = f"{PREFIX}/store/lost"

# Alerts (scraper.extensions.alerts).
ALERTS_NO_RUN = f"{PREFIX}/alerts/skipped/no_run"
ALERTS_NO_DATABASE = f"{PREFIX}/alerts/skipped/database"

# Distributed runs (scraper.distributed).
WORKERS = f"{PREFIX}/distributed/workers"
LEASES_REAPED = f"{PREFIX}/distributed/leases/reaped"
LEASES_RELEASED = f"{PREFIX}/distributed/leases/released"
LEASES_RELEASED_AT_CLOSE = f"{PREFIX}/distributed/leases/released_at_close"
LEASES_GIVEN_BACK = f"{PREFIX}/distributed/leases/given_back"


def coverage(field: str) -> str:
    """Articles that have ``field`` (``profile/<name>``: that the profile extracted)."""
    return f"{COVERAGE}/{field}"


def not_article(profile: str) -> str:
    """Article pages of the ``profile`` layout that gave no article."""
    return f"{NOT_ARTICLE_IN}{profile}"


def listing_pages(profile: str) -> str:
    return f"{PREFIX}/pages/listing/{profile}"


def pager_ended(step: str) -> str:
    """Listings whose walk down their pages ended for ``step`` (scraper.crawling.pagination.Step)."""
    return f"{PREFIX}/listing/ended/{step}"


def article_pages(profile: str) -> str:
    return f"{PREFIX}/profile/{profile}"


def document_quality(quality: str) -> str:
    """Documents fetched and read, by the quality of their text (ok, garbled, no_text)."""
    return f"{DOCUMENTS}/quality/{quality}"


PLATFORM = f"{PREFIX}/platform/"  # + the platform: pages that show it
# What the monitors compare a run with (scraper/spiders/sotttt.py, at its start).
PLATFORM_BEFORE = f"{PREFIX}/site/platform_before"  # the platform the site's last run found most
PLATFORM_EXPECTED = f"{PREFIX}/site/platform_expected"  # the platform its profile declares
# The share of articles the content path may find without it being layout drift: its last run's, or
# all of them on a platform no layout profile knows (scraper/parsers/profiles), else none.
CONTENT_SHARE_EXPECTED = f"{PREFIX}/site/content_share_expected"
# A move: pages answered from a successor after a redirect from the site's own host, and where the
# whole site went ("http://successor"), said once.
REDIRECTED_TO_SUCCESSOR = f"{PREFIX}/site/redirected_to_successor"
SITE_MOVED_TO = f"{PREFIX}/site/moved_to"
# Redirects of an index or a listing to a host the profile does not name: not followed.
REDIRECTED_ELSEWHERE = f"{PREFIX}/site/redirected_elsewhere"


def politeness(setting: str) -> str:
    """The value of a politeness setting the run crawled with (its site profile's, unless -s said)."""
    return f"{PREFIX}/politeness/{setting.lower()}"


def host_unreachable(host: str) -> str:
    """Why one of the site's hosts was given up on in this run (its other hosts may still answer)."""
    return f"{PREFIX}/site/host_unreachable/{host}"


def platform(name: str | None) -> str:
    """Pages by the platform they show (``scraper.parsers.platform``); ``none``: no known one."""
    return f"{PREFIX}/platform/{name or 'none'}"


def site_moved(host: str) -> str:
    """Pages the site answered from ``host``, another of its hosts."""
    return f"{PREFIX}/site_moved/{host}"


def retry_after(status: int) -> str:
    return f"{PREFIX}/retry_after/{status}"


def invalid(reason: str) -> str:
    return f"{INVALID}{reason}"


def topic(name: str) -> str:
    return f"{PREFIX}/topics/{name}"


def stored(outcome: str) -> str:
    """Items the store wrote with ``outcome`` (created, updated, unchanged, removed ...)."""
    return f"{PREFIX}/store/{outcome}"


def store_skipped(reason: str) -> str:
    return f"{PREFIX}/store/skipped/{reason}"


def alerts(outcome: str) -> str:
    return f"{PREFIX}/alerts/{outcome}"
