"""The generic fallback: title, date and body of an article in a layout no profile knows.

Its records say ``profile: "generic"``: a run where many pages end up here means the site's
layout changed. It is conservative: without a title, a date and a body of several
paragraphs, the page is reported as not an article rather than guessed at.
"""

from __future__ import annotations

from lxml import html

from scraper.parsers.body import take_apart
from scraper.parsers.contacts import site_contacts
from scraper.parsers.dateline import split_dateline
from scraper.parsers.dates import parse_date_precise
from scraper.parsers.page import Page
from scraper.parsers.records import ArticleRecord
from scraper.parsers.sanitize import sanitize
from scraper.parsers.text import SKIPPED_TAGS, clean, element_text

PROFILE = "generic"
MIN_PARAGRAPHS = 2
MIN_BODY_CHARS = 200
_NOT_CONTENT = "ancestor-or-self::*[self::nav or self::header or self::footer or self::aside]"


def parse(page: Page, fallback_for: str | None = None) -> ArticleRecord:
    """An article from the densest block of paragraphs, or ``is_article=False``."""
    not_article = ArticleRecord(url=page.url, is_article=False, profile=fallback_for or PROFILE)
    body_element = _densest_container(page.tree)
    if body_element is None:
        return not_article
    page.absolutize(body_element)
    title = _title(page, body_element)
    body = take_apart(body_element)
    published = _published(page, body_element, body.paragraphs)
    if not title or published is None:
        return not_article
    paragraphs = body.paragraphs
    dateline = split_dateline(paragraphs[0]) if paragraphs else None
    if dateline:
        paragraphs = paragraphs[1:]
    return ArticleRecord(
        url=page.url,
        is_article=True,
        profile=PROFILE,
        canonical_url=page.canonical_url(),
        shortlink=page.link("shortlink"),
        title=title,
        published_at=published[0],
        published_precision=published[1],
        summary=(dateline.lead if dateline else page.meta("description")) or None,
        body_text="\n\n".join(paragraphs),
        body_html=sanitize(body_element),
        authors=body.authors,
        source=dateline.source if dateline else None,
        images=body.images,
        attachments=body.attachments,
        contacts=(*site_contacts(page.tree), *body.contacts),
    )


def _densest_container(tree: html.HtmlElement) -> html.HtmlElement | None:
    """The element whose own ``<p>`` children hold the most text, outside nav/header/footer/aside."""
    best, best_chars = None, 0
    for parent in {p.getparent() for p in tree.iter("p") if p.getparent() is not None}:
        if parent.tag in SKIPPED_TAGS or parent.xpath(_NOT_CONTENT):
            continue
        texts = [element_text(p) for p in parent if p.tag == "p"]
        texts = [t for t in texts if t]
        chars = sum(map(len, texts))
        if len(texts) >= MIN_PARAGRAPHS and chars >= MIN_BODY_CHARS and chars > best_chars:
            best, best_chars = parent, chars
    return best


def _title(page: Page, body: html.HtmlElement) -> str | None:
    for ancestor in body.iterancestors():
        headings = ancestor.xpath(".//h1")
        if headings:
            return element_text(headings[0]) or None
    og = page.meta("og:title")
    if og:
        return og
    titles = page.tree.xpath("//title")
    return clean(titles[0].text_content()).split(" | ")[0] or None if titles else None


def _published(page: Page, body: html.HtmlElement, paragraphs: tuple[str, ...]):
    candidates = [page.meta("article:published_time"), page.meta("datePublished")]
    for ancestor in body.iterancestors():
        candidates.extend(ancestor.xpath(".//time/@datetime | .//*[@itemprop='datePublished']/@content"))
        if candidates[2:]:
            break
    for value in candidates:
        found = parse_date_precise(value)
        if found:
            return found
    dateline = split_dateline(paragraphs[0]) if paragraphs else None
    return (dateline.published_at, dateline.precision) if dateline else None
