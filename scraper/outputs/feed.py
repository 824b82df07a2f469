"""An Atom feed of articles (feedgen): stable ids, times in +07:00, summaries, links.

Entry ids are tag URIs of the article's ``identity`` (the canonical address it was first seen
under), so an article that moves keeps its id. Text from the site is untrusted: titles and
summaries go in as plain text (feedgen escapes them), stripped of control characters first;
only http(s) addresses become links.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast
from urllib.parse import urlsplit

from feedgen.feed import FeedGenerator
from lxml import etree

from scraper.content.untrusted import one_line, printable, safe_href
from scraper.storage.models import Article, Document
from scraper.timezone import SITE_TZ

TAG_DATE = "2018"  # the year the site's addresses began (tag URIs name a date the name was held)
SUMMARY_CHARACTERS = 400
PUBLISHER = "Sở Thông tin và Truyền thông tỉnh An Giang"
ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "doc": "application/msword",
}


@dataclass(frozen=True)
class Entry:
    """An entry that is not an article: a change of the change log, say. ``key`` names it within the
    feed's host (``change/123``); the text is untrusted and goes in as plain text."""

    key: str
    title: str
    link: str | None
    updated: datetime
    summary: str


def atom(
    feed_id: str,
    title: str,
    site_url: str,
    articles: Sequence[Article],
    topics: dict[int, list[str]],
    now: datetime,
    documents: dict[int, list[Document]] | None = None,
) -> bytes:
    """The feed as UTF-8 XML bytes; ``feed_id`` names it (e.g. ``topic:border``). An article's
    attached ``documents`` are its entry's enclosures (titled ``Kế hoạch 512/KH-STTTT``)."""
    feed, host = _feed(feed_id, title, site_url, newest(articles, now))
    enclosures: dict[str, list[dict[str, str]]] = {}  # entry id -> its documents' links
    for article in articles:
        entry = _entry(feed, f"tag:{host},{TAG_DATE}:article/{article.identity}", article.title, article.url)
        if not safe_href(article.url):  # Atom wants a link or a content: the text, then
            entry.content(one_line(article.body_text) or one_line(article.title), type="text")
        entry.updated(_updated(article))
        if article.published_at:
            entry.published(article.published_at.astimezone(SITE_TZ))
        entry.summary(_summary(article))
        for name in article.authors:
            entry.author({"name": one_line(name)})
        if article.category:
            entry.category(term=one_line(article.category))
        for topic in topics.get(article.id, []):
            entry.category(term=topic, scheme=f"tag:{host},{TAG_DATE}:topics")
        links = [_enclosure(d) for d in (documents or {}).get(article.id, []) if safe_href(d.url)]
        if links:
            enclosures[f"tag:{host},{TAG_DATE}:article/{article.identity}"] = links
    return _with_links(cast(bytes, feed.atom_str(pretty=True)), enclosures)  # feedgen is untyped


def _enclosure(document: Document) -> dict[str, str]:
    """An Atom ``link rel=enclosure`` to the document's file, titled by its type, number and summary."""
    parts = [document.doc_type, document.number, document.summary and f"– {document.summary}"]
    return {
        "rel": "enclosure",
        "href": safe_href(document.url) or "",
        "type": MEDIA_TYPES.get(document.format or "", "application/octet-stream"),
        "length": str(document.size or 0),
        "title": one_line(" ".join(p for p in parts if p)) or one_line(document.name),
    }


def _with_links(xml: bytes, links: dict[str, list[dict[str, str]]]) -> bytes:
    """The feed with ``links`` added to the entries of those ids. feedgen 1.0 writes an entry's
    links with their ``href`` only (its loop variable shadows the link), so it cannot write these."""
    if not links:
        return xml
    root = etree.fromstring(xml)
    for entry in root.iter(f"{{{ATOM}}}entry"):
        for attributes in links.get(entry.findtext(f"{{{ATOM}}}id") or "", []):
            etree.SubElement(entry, f"{{{ATOM}}}link", attributes)
    etree.indent(root)
    return cast(bytes, etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def entries_atom(feed_id: str, title: str, site_url: str, entries: Sequence[Entry], now: datetime) -> bytes:
    """A feed of ``entries`` (newest first) as UTF-8 XML bytes."""
    feed, host = _feed(feed_id, title, site_url, newest_entry(entries, now))
    for item in entries:
        entry = _entry(feed, f"tag:{host},{TAG_DATE}:{item.key}", item.title, item.link)
        entry.updated(item.updated.astimezone(SITE_TZ))
        entry.content(printable(item.summary) or one_line(item.title), type="text")
    return cast(bytes, feed.atom_str(pretty=True))


def newest(articles: Sequence[Article], now: datetime) -> datetime:
    """A feed of ``articles``' time: when the newest of them last changed (``now`` for none)."""
    return max((_updated(a) for a in articles), default=now)


def newest_entry(entries: Sequence[Entry], now: datetime) -> datetime:
    """A feed of ``entries``' time: the newest one's (``now`` for none)."""
    return max((e.updated for e in entries), default=now)


def _entry(feed: FeedGenerator, entry_id: str, title: str, link: str | None) -> Any:
    """A new last entry of ``feed``: its id, its title, its link if that is an http(s) address."""
    entry = feed.add_entry(order="append")
    entry.id(entry_id)
    entry.title(one_line(title))
    if href := safe_href(link):
        entry.link(href=href, rel="alternate")
    return entry


def _feed(feed_id: str, title: str, site_url: str, updated: datetime) -> tuple[FeedGenerator, str]:
    """A feed with its header and no entry yet, and the host its tag URIs name."""
    host = urlsplit(site_url).hostname or "localhost"
    feed = FeedGenerator()
    feed.id(f"tag:{host},{TAG_DATE}:{feed_id}")
    feed.title(one_line(title))
    feed.link(href=site_url, rel="alternate")
    feed.author({"name": PUBLISHER})
    feed.language("vi")
    feed.generator("sotttt-monitor")
    feed.updated(updated.astimezone(SITE_TZ))
    return feed, host


def _updated(article: Article) -> datetime:
    """When the article last changed: its own stamp, else its publication, else when first seen."""
    return (article.updated_at or article.published_at or article.first_seen).astimezone(SITE_TZ)


def _summary(article: Article) -> str:
    text = one_line(article.summary) or one_line(article.body_text)
    return text if len(text) <= SUMMARY_CHARACTERS else text[: SUMMARY_CHARACTERS - 1].rsplit(" ", 1)[0] + "…"
