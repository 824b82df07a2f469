"""URL canonicalisation: w3lib's rules plus the site's own (portal state, tracking, sessions).

Pure functions, shared by the parsers (``canonical_url``), the spider (what to fetch) and
the store (what is the same article).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NewType
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# WebSphere Portal appends encoded navigational state: ".../!ut/p/z1/<state>/dz/d5/<state>/".
PORTAL_STATE = re.compile(r"/!ut/p/.*$")
# Tracking, session and cache-busting parameters (WebSphere's CACHEID changes when a file is re-cached).
TRACKING_PARAMS = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|zarsrc|mc_cid|mc_eid|_ga|ref|jsessionid|phpsessid|sid|cacheid)$",
    re.IGNORECASE,
)
# Path parameters carrying a session (";jsessionid=...").
SESSION_PATH_PARAM = re.compile(r";jsessionid=[^/?#]*", re.IGNORECASE)
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")
# A URL in its one spelling: what ``canonical`` returns, where a URL enters (the parser's page,
# the spider's requests and redirects). What takes one needs not canonicalise it again.
CanonicalUrl = NewType("CanonicalUrl", str)


# A crawl canonicalises each article's URL in the sitemap and again in its listing, at tens of
# microseconds each time; 65,536 URLs take about 15 MB.
@lru_cache(maxsize=1 << 16)
def canonical(url: str) -> CanonicalUrl:
    """The one spelling of ``url`` used to compare and store it.

    NFC, host in lower case, default port dropped, fragment dropped, query sorted, tracking,
    session and cache-busting parameters removed, WebSphere Portal state segments removed. The scheme is kept:
    the store treats http and https of one host as the same article through ``identity``.
    """
    parts = urlsplit(unicodedata.normalize("NFC", url.strip()))
    path = SESSION_PATH_PARAM.sub("", parts.path)
    path = PORTAL_STATE.sub("", path) or "/"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMS.match(k)]
    )
    host = (parts.hostname or "").lower()
    if parts.port and not (
        (parts.scheme == "http" and parts.port == 80) or (parts.scheme == "https" and parts.port == 443)
    ):
        host = f"{host}:{parts.port}"
    rebuilt = urlunsplit((parts.scheme.lower(), host, path, query, ""))
    return CanonicalUrl(canonicalize_url(rebuilt))


def identity(url: str) -> str:
    """The scheme-free key of a canonical URL: http and https of one page are one article."""
    return identity_of_canonical(canonical(url))


def identity_of_canonical(url: CanonicalUrl) -> str:
    """``identity`` of a URL that ``canonical`` gave already, without canonicalising it again."""
    return SCHEME.sub("", url)
