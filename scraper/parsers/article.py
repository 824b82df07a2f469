"""The article parser: ``parse_article(content, url, charset) -> ArticleRecord``.

Pure: no Scrapy, no database, no network, no clock. The layout's selectors come from its
profile; a page that no profile explains goes to the generic fallback.
"""

from __future__ import annotations

from datetime import datetime

from lxml import html

from scraper.parsers import generic
from scraper.parsers.body import attachments, first_paragraph, take_apart
from scraper.parsers.contacts import site_contacts
from scraper.parsers.dateline import Dateline, split_dateline
from scraper.parsers.dates import parse_date_precise
from scraper.parsers.page import Page, load_page
from scraper.parsers.profiles import Profile, detect
from scraper.parsers.records import ArticleRecord, Image, Precision
from scraper.parsers.sanitize import sanitize
from scraper.parsers.text import element_text


def parse_article(content: bytes | str, url: str, charset: str | None = None) -> ArticleRecord:
    """The article on the page at ``url``, or a record saying the page is not one."""
    page = load_page(content, url, charset)
    return article_from_page(page)


def article_from_page(page: Page) -> ArticleRecord:
    profile = detect(page.tree)
    if profile is not None:
        record = _with_profile(page, profile)
        if record is not None:
            return record
    return generic.parse(page, fallback_for=profile.name if profile else None)


def _with_profile(page: Page, profile: Profile) -> ArticleRecord | None:
    tree = page.tree
    container = profile.first("article", tree)
    if container is None:
        return None
    # The article's parts are looked for inside its container (each selector names it too).
    title_element = profile.first("title", container)
    body_element = profile.first("body", container)
    title = element_text(title_element) if title_element is not None else ""
    if not title or body_element is None:
        return None
    page.absolutize(body_element)
    lead_element = profile.first("lead", container)
    lead_text = element_text(lead_element) if lead_element is not None else first_paragraph(body_element)
    dateline = split_dateline(lead_text) if lead_text else None
    summary = dateline.lead if dateline else lead_text
    body = take_apart(body_element, skip_first_paragraph=lead_element is None)
    published = _published(page, profile, container, dateline)
    files = [page.absolutize(link) for link in profile.select("files", container)]
    thumbnails = [
        Image(src, (img.get("alt") or "").strip() or None)
        for img in profile.select("thumbnail", container)
        if (src := page.absolute(img.get("src")))
    ]
    return ArticleRecord(
        url=page.url,
        is_article=True,
        profile=profile.name,
        canonical_url=page.canonical_url(),
        shortlink=page.link("shortlink"),
        title=title,
        published_at=published[0] if published else None,
        published_precision=published[1] if published else None,
        updated_at=_updated(page, profile, container),
        summary=summary or None,
        body_text="\n\n".join(body.paragraphs),
        body_html=sanitize(body_element),
        authors=body.authors,
        source=dateline.source if dateline else None,
        category=_last_text(profile.select("category", tree)),
        tags=tuple(dict.fromkeys(t for t in map(element_text, profile.select("tags", container)) if t)),
        images=tuple(dict.fromkeys((*thumbnails, *body.images))),
        attachments=attachments(body_element, *files),
        contacts=(*site_contacts(tree), *body.contacts),
    )


def _published(
    page: Page, profile: Profile, container: html.HtmlElement, dateline: Dateline | None
) -> tuple[datetime, Precision] | None:
    """The page's own date element, the dateline, then metadata; a time of day wins a tie."""
    element = profile.first("date", container)
    candidates = [
        parse_date_precise(element_text(element)) if element is not None else None,
        (dateline.published_at, dateline.precision) if dateline else None,
        parse_date_precise(page.meta("article:published_time")),
    ]
    found = [c for c in candidates if c is not None]
    if not found:
        return None
    best = found[0]
    if best[1] == "day":
        same_day = [c for c in found if c[1] == "minute" and c[0].date() == best[0].date()]
        best = same_day[0] if same_day else best
    return best


def _updated(page: Page, profile: Profile, container: html.HtmlElement) -> datetime | None:
    element = profile.first("updated", container)
    found = parse_date_precise(element_text(element)) if element is not None else None
    found = found or parse_date_precise(page.meta("article:modified_time"))
    return found[0] if found else None


def _last_text(elements: list[html.HtmlElement]) -> str | None:
    """The deepest of a breadcrumb trail's links, or the only category link."""
    for element in reversed(elements):
        text = element_text(element)
        if text:
            return text
    return None
