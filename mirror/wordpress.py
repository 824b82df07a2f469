"""The ``wordpress`` layout's addresses, dates and machine files (feed, sitemaps, robots.txt).

What a WordPress 6.4 install with the ``/%year%/%monthnum%/%day%/%postname%/`` permalink structure,
the Vietnamese locale and the Asia/Ho_Chi_Minh time zone serves, as its core writes it:
``wp-includes/feed-rss2.php`` (the ``/feed/`` RSS 2.0), ``wp-includes/sitemaps/`` (``WP_Sitemaps_Renderer``:
``/wp-sitemap.xml`` index, ``/wp-sitemap-posts-post-1.xml`` with ``<lastmod>`` in ``DATE_W3C``, posts by ID),
``do_robots()`` (robots.txt naming the sitemap) and ``sanitize_file_name()`` (upload names).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from email.utils import format_datetime
from urllib.parse import quote
from xml.sax.saxutils import escape

from mirror.feeds import WORDPRESS_DISALLOW as DISALLOW
from mirror.vntext import slugify

VERSION = "6.4.3"
THEME = "twentyseventeen"
THEME_VERSION = "20231107"
UPLOADS = "/wp-content/uploads"
FEED_PATH = "/feed/"
SITEMAP_INDEX = "/wp-sitemap.xml"
SITEMAP_MAX_URLS = 2000  # wp_sitemaps_get_max_urls()
POSTS_PER_PAGE = 10  # the posts_per_page option's default
POSTS_PER_RSS = 10  # posts_per_rss
LOGIN_PATH = "/wp-login.php"
ADMIN_PATH = "/wp-admin/"
FIRST_CATEGORY_ID = 2  # term 1 is "Chưa phân loại" (Uncategorized)
AUTHOR = "Ban biên tập"
MONTHS = (
    "Tháng Một", "Tháng Hai", "Tháng Ba", "Tháng Tư", "Tháng Năm", "Tháng Sáu",
    "Tháng Bảy", "Tháng Tám", "Tháng Chín", "Tháng Mười", "Tháng Mười Một", "Tháng Mười Hai",
)  # fmt: skip
_FILE_RUNS = re.compile(r"[\r\n\t -]+")
_FILE_SPECIAL = re.compile(r"[?\[\]/\\=<>:;,'\"&$#*()|~`!{}%+’«»”“]")


def permalink(when: datetime, slug: str) -> str:
    """``/2021/08/20/<slug>/``."""
    return f"/{when:%Y/%m/%d}/{slug}/"


def shortlink_key(post_id: int) -> str:
    """The route key of ``/?p=N`` (``wp_get_shortlink``), which answers 301 to the permalink."""
    return f"/?p={post_id}"


def sanitize_file_name(name: str) -> str:
    """WordPress's ``sanitize_file_name``: special characters dropped, runs of spaces and dashes one dash."""
    cleaned = _FILE_RUNS.sub("-", _FILE_SPECIAL.sub("", name))
    return cleaned.strip(".-_")


def upload_path(when: datetime, name: str) -> str:
    """``/wp-content/uploads/2021/08/<sanitized name>``, the month the file was uploaded."""
    return f"{UPLOADS}/{when:%Y/%m}/{quote(sanitize_file_name(name))}"


def category_path(slug: str) -> str:
    return f"/category/{slug}/"


def tag_slug(tag: str) -> str:
    return slugify(tag, 200)


def tag_path(tag: str) -> str:
    return f"/tag/{tag_slug(tag)}/"


def page_path(base: str, page: int) -> str:
    """Page ``page`` (0-based) of an archive at ``base`` (``/``, ``/category/x/``): ``<base>page/N/``."""
    return base if page == 0 else f"{base}page/{page + 1}/"


def display_date(value: datetime) -> str:
    """``get_the_date()`` with the Vietnamese ``j F, Y`` format: ``20 Tháng Tám, 2021``."""
    return f"{value.day} {MONTHS[value.month - 1]}, {value.year}"


def w3c(value: datetime) -> str:
    """``DATE_W3C`` in the site's time zone: ``2021-08-20T09:10:00+07:00``."""
    return value.isoformat()


def rss_date(value: datetime) -> str:
    """``mysql2date('D, d M Y H:i:s +0000', …GMT)``."""
    return format_datetime(value.astimezone(UTC))


def robots_txt(base_url: str) -> str:
    """``do_robots()`` (the virtual robots.txt) with the site's extra rule for the login page."""
    lines = ["User-agent: *", *(f"Disallow: {p}" for p in DISALLOW), f"Allow: {ADMIN_PATH}admin-ajax.php"]
    return "\n".join(lines) + f"\n\nSitemap: {base_url}{SITEMAP_INDEX}\n"


def _xml_head(base_url: str, stylesheet: str) -> str:
    # SimpleXMLElement::asXML(): the declaration, the stylesheet PI, then the root on one line each.
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<?xml-stylesheet type="text/xsl" href="{escape(base_url)}/{stylesheet}" ?>\n'
    )


def sitemap_index(base_url: str, sitemaps: Sequence[str]) -> str:
    """``/wp-sitemap.xml``: one ``<sitemap><loc>`` per sitemap page (core gives no lastmod here)."""
    entries = "".join(f"<sitemap><loc>{escape(base_url + path)}</loc></sitemap>" for path in sitemaps)
    return (
        _xml_head(base_url, "wp-sitemap-index.xsl")
        + f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>\n'
    )


def sitemap_urlset(base_url: str, entries: Sequence[tuple[str, str | None]]) -> str:
    """A sitemap page: (absolute URL, lastmod or None) for each entry."""
    urls = "".join(
        f"<url><loc>{escape(loc)}</loc>" + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "") + "</url>"
        for loc, lastmod in entries
    )
    return (
        _xml_head(base_url, "wp-sitemap.xsl")
        + f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n'
    )


def sitemap_posts_path(page: int) -> str:
    """``/wp-sitemap-posts-post-N.xml`` (1-based)."""
    return f"/wp-sitemap-posts-post-{page}.xml"


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def rss_feed(site_name: str, base_url: str, description: str, items: Sequence[str], built: datetime) -> str:
    """``feed-rss2.php``: the channel around ``items`` (each from :func:`rss_item`)."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"\n'
        '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
        '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
        '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '\txmlns:atom="http://www.w3.org/2005/Atom"\n'
        '\txmlns:sy="http://purl.org/rss/1.0/modules/syndication/"\n'
        '\txmlns:slash="http://purl.org/rss/1.0/modules/slash/"\n'
        "\t>\n\n<channel>\n"
        f"\t<title>{escape(site_name)}</title>\n"
        f'\t<atom:link href="{escape(base_url)}{FEED_PATH}" rel="self" type="application/rss+xml" />\n'
        f"\t<link>{escape(base_url)}</link>\n"
        f"\t<description>{escape(description)}</description>\n"
        f"\t<lastBuildDate>{rss_date(built)}</lastBuildDate>\n"
        "\t<language>vi</language>\n"
        "\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>\n"
        "\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>\n"
        f"\t<generator>https://wordpress.org/?v={VERSION}</generator>\n"
        f"{''.join(items)}</channel>\n</rss>\n"
    )


def rss_item(
    title: str,
    link: str,
    post_id: int,
    base_url: str,
    published: datetime,
    categories: Sequence[str],
    excerpt: str,
    content: str,
) -> str:
    cats = "".join(f"\n\t\t<category>{cdata(c)}</category>" for c in categories)
    return (
        "\t<item>\n"
        f"\t\t<title>{escape(title)}</title>\n"
        f"\t\t<link>{escape(link)}</link>\n"
        f"\t\t<comments>{escape(link)}#respond</comments>\n"
        f"\t\t<dc:creator>{cdata(AUTHOR)}</dc:creator>\n"
        f"\t\t<pubDate>{rss_date(published)}</pubDate>{cats}\n\n"
        f'\t\t<guid isPermaLink="false">{escape(base_url)}/?p={post_id}</guid>\n\n'
        f"\t\t\t\t\t<description>{cdata(excerpt)}</description>\n"
        f"\t\t\t\t\t\t\t\t\t\t<content:encoded>{cdata(content)}</content:encoded>\n"
        f"\t\t\t\t\t\t\t<wfw:commentRss>{escape(link)}feed/</wfw:commentRss>\n"
        "\t\t\t<slash:comments>0</slash:comments>\n"
        "\t\t</item>\n"
    )
