from datetime import datetime
from zoneinfo import ZoneInfo

from scraper.parsers.indexes import IndexEntry, parse_feed, parse_sitemap

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def test_sitemap_entries_with_lastmod():
    xml = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://sotttt.angiang.gov.vn/tin-tuc/a</loc><lastmod>2025-05-09T15:25:00+07:00</lastmod></url>
<url><loc> https://sotttt.angiang.gov.vn/tin-tuc/b </loc></url></urlset>"""
    assert parse_sitemap(xml) == (
        IndexEntry("https://sotttt.angiang.gov.vn/tin-tuc/a", datetime(2025, 5, 9, 15, 25, tzinfo=TZ)),
        IndexEntry("https://sotttt.angiang.gov.vn/tin-tuc/b", None),
    )


def test_feed_items_with_rfc822_dates():
    xml = b"""<rss version="2.0"><channel><title>x</title>
<item><link>https://sotttt.angiang.gov.vn/node/5</link>
<pubDate>Mon, 13 Dec 2021 01:30:00 +0000</pubDate></item>
<item><link>https://sotttt.angiang.gov.vn/node/6</link><pubDate>13/12/2021</pubDate></item>
</channel></rss>"""
    assert parse_feed(xml) == (
        IndexEntry("https://sotttt.angiang.gov.vn/node/5", datetime(2021, 12, 13, 8, 30, tzinfo=TZ)),
        IndexEntry("https://sotttt.angiang.gov.vn/node/6", datetime(2021, 12, 13, tzinfo=TZ)),
    )


def test_unreadable_indexes_are_none_not_errors():
    assert parse_sitemap(b"<html><body>404</body></html>") is None
    assert parse_sitemap(b"\x00garbage") is None
    assert parse_feed(b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><rss>&a;</rss>') == ()
    assert parse_feed(b"<urlset/>") is None
