"""The site's indexes: sitemaps (addresses with ``<lastmod>``; a sitemap index names other sitemaps, as
WordPress's ``/wp-sitemap.xml`` does) and RSS feeds (newest items)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime

from lxml import etree

from scraper.parsers.dates import parse_date
from scraper.timezone import SITE_TZ

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)


@dataclass(frozen=True)
class IndexEntry:
    url: str
    lastmod: datetime | None


def parse_sitemap(content: bytes) -> tuple[IndexEntry, ...] | None:
    """The sitemap's entries, or None if it is not a readable sitemap."""
    root = _root(content)
    if root is None or etree.QName(root).localname != "urlset":
        return None
    entries = []
    for node in root.iterfind("s:url", SITEMAP_NS):
        url = (node.findtext("s:loc", namespaces=SITEMAP_NS) or "").strip()
        if url:
            entries.append(IndexEntry(url, parse_date(node.findtext("s:lastmod", namespaces=SITEMAP_NS))))
    return tuple(entries)


def parse_sitemap_index(content: bytes) -> tuple[str, ...] | None:
    """The addresses of the sitemaps a sitemap index names, or None if it is not a sitemap index."""
    root = _root(content)
    if root is None or etree.QName(root).localname != "sitemapindex":
        return None
    found = (node.findtext("s:loc", namespaces=SITEMAP_NS) for node in root.iterfind("s:sitemap", SITEMAP_NS))
    return tuple(url.strip() for url in found if url and url.strip())


def parse_feed(content: bytes) -> tuple[IndexEntry, ...] | None:
    """The RSS feed's item links with their dates, or None if it is not a readable feed."""
    root = _root(content)
    if root is None or root.tag != "rss":
        return None
    entries = []
    for item in root.iterfind("channel/item"):
        url = (item.findtext("link") or "").strip()
        if url:
            entries.append(IndexEntry(url, _rfc822(item.findtext("pubDate"))))
    return tuple(entries)


def _rfc822(value: str | None) -> datetime | None:
    """RSS dates are RFC 822 (``Mon, 13 Dec 2021 08:30:00 +0700``); anything else, the date parser."""
    try:
        found = parsedate_to_datetime(value or "")
    except (TypeError, ValueError):
        return parse_date(value)
    return found.astimezone(SITE_TZ) if found.tzinfo else found.replace(tzinfo=SITE_TZ)


def _root(content: bytes) -> etree._Element | None:
    try:
        return etree.fromstring(content, parser=_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None
