"""robots.txt, rss.xml and sitemap.xml."""

from __future__ import annotations

import re
from email.utils import format_datetime
from xml.sax.saxutils import escape

from mirror.model import Article, SiteLayout
from mirror.page_parts import SITE_NAME

DRUPAL_DISALLOW = (
    "/admin/",
    "/comment/reply/",
    "/filter/tips",
    "/node/add/",
    "/search/",
    "/user/",
    "/index.php/admin/",
    "/*?q=",
)
WPS_DISALLOW = ("/wps/myportal/", "/wps/portal/Home/2018/tim-kiem")
WORDPRESS_DISALLOW = ("/wp-admin/", "/wp-login.php")  # mirror/wordpress.py writes its robots.txt


def disallowed_paths(layout: SiteLayout) -> tuple[str, ...]:
    if layout == "wps2018":
        return WPS_DISALLOW
    if layout == "drupal_gavias":
        return DRUPAL_DISALLOW
    if layout == "wordpress":
        return WORDPRESS_DISALLOW
    return DRUPAL_DISALLOW + WPS_DISALLOW


def robots_txt(layout: SiteLayout, base_url: str) -> str:
    lines = ["#", "# robots.txt", "#", "User-agent: *"]
    if layout != "wps2018":
        lines += ["Allow: /core/*.css$", "Allow: /core/*.js$", "Allow: /sites/default/files/"]
    lines += [f"Disallow: {path}" for path in disallowed_paths(layout)]
    if layout != "wps2018":
        lines += ["", f"Sitemap: {base_url}/sitemap.xml"]
    return "\n".join(lines) + "\n"


def robots_matcher(layout: SiteLayout) -> re.Pattern[str]:
    """One regex matching every path+query the robots.txt disallows (``*`` and ``$`` as Google reads them)."""
    parts = []
    for rule in disallowed_paths(layout):
        pattern = re.escape(rule).replace(r"\*", ".*")
        parts.append(pattern[:-2] + "$" if pattern.endswith(r"\$") else pattern)
    return re.compile("|".join(parts))


def rss_xml(articles: list[Article], base_url: str) -> str:
    items = []
    for a in articles:
        link = escape(base_url + a.path)
        authors = escape(", ".join(a.authors) or SITE_NAME)
        items.append(
            f"<item><title>{escape(a.title)}</title><link>{link}</link>"
            f"<description>{escape(a.lead)}</description>"
            f"<pubDate>{format_datetime(a.published_at)}</pubDate><dc:creator>{authors}</dc:creator>"
            f'<guid isPermaLink="false">{a.nid} at {escape(base_url)}</guid></item>'
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<rss version="2.0" xml:base="{escape(base_url)}/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<channel><title>{SITE_NAME}</title><link>{escape(base_url)}/</link>"
        f"<description>Tin mới</description><language>vi</language>{''.join(items)}</channel></rss>\n"
    )


def sitemap_xml(entries: list[tuple[str, str]]) -> str:
    """``entries``: (absolute URL, lastmod in ISO 8601)."""
    urls = "".join(
        f"<url><loc>{escape(loc)}</loc><lastmod>{lastmod}</lastmod><changefreq>weekly</changefreq></url>"
        for loc, lastmod in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n'
    )
