"""The article parser: ``parse_article(content, url, charset) -> ArticleRecord``.

Pure: no Scrapy, no database, no network, no clock. Two ways find an article's parts: the
layout's profile (selectors, fast and sharp) and the content path (``content_path``: the site's
content conventions, on any markup). A profile is a hint, never a gate: when its selectors miss,
the content path takes over, and the record says which of them found the article (``extraction``).
Both hand the same parts to one assembly, so every rule (lead, dateline, dates, files, images,
category) holds whichever found them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime

from lxml import etree, html

from scraper.parsers import content_path
from scraper.parsers.body import (
    attachments,
    featured_images,
    first_block,
    is_lead_block,
    split_authors,
    take_apart,
)
from scraper.parsers.contacts import site_contacts, site_tables
from scraper.parsers.content_path import Located
from scraper.parsers.dateline import DEFAULT, Conventions, Dateline, split_dateline
from scraper.parsers.dates import parse_date_precise
from scraper.parsers.page import Page, load_page
from scraper.parsers.profiles import UNKNOWN_LAYOUT, Profile, detect
from scraper.parsers.records import ArticleRecord, Contact, Extraction, Image, Precision
from scraper.parsers.sanitize import sanitize
from scraper.parsers.text import element_text

MIN_LEAD_CHARS = 40
_LEAD_TAGS = frozenset({"p", "div", "section", "td"})
_HOLDS_BLOCKS_OR_LINKS = etree.XPath("boolean(.//p | .//div | .//section | .//td | .//a | .//img)")
_MAX_DATE_CHARS = 120
_TEASER_CHARS = 25  # a link this long is a headline: a body full of them is a listing
_MAX_TEASERS = 4
_LISTING_TEASERS = 2  # teasers of a known layout on a page with no article of it: a listing


@dataclass
class Parts:
    """Where an article's parts are; what a profile does not say, the content conventions fill in."""

    found: Located  # the title, the body, and their scope (where files and featured images are)
    lead: html.HtmlElement | None = None
    date: html.HtmlElement | None = None
    updated: html.HtmlElement | None = None
    category: str | None = None
    tags: tuple[str, ...] = ()
    files: list[html.HtmlElement] = field(default_factory=list)
    images: list[html.HtmlElement] = field(default_factory=list)


def parse_article(
    content: bytes | str, url: str, charset: str | None = None, conventions: Conventions = DEFAULT
) -> ArticleRecord:
    """The article on the page at ``url``, or a record saying the page is not one; ``conventions``:
    the site's own datelines and source tags (``scraper.parsers.dateline``)."""
    return article_from_page(load_page(content, url, charset), conventions)


def article_from_page(page: Page, conventions: Conventions = DEFAULT) -> ArticleRecord:
    profile = detect(page.tree)
    name = profile.name if profile else UNKNOWN_LAYOUT
    parts = _with_profile(page, profile) if profile else None
    extraction: Extraction = "profile"
    if parts is None and not (profile and _shows_teasers(page, profile)):
        parts, extraction = _by_content(page), "content"
    record = _assemble(page, parts, name, extraction, conventions) if parts is not None else None
    record = record or ArticleRecord(url=page.url, is_article=False, profile=name, extraction="none")
    return replace(record, replaced_bytes=page.replaced_bytes) if page.replaced_bytes else record


def _with_profile(page: Page, profile: Profile) -> Parts | None:
    container = profile.first("article", page.tree)
    if container is None:
        return None
    title = profile.first("title", container)
    body = profile.first("body", container)
    if title is None or body is None or not element_text(title):
        return None
    category = _last_text(profile.select("category", page.tree))
    return Parts(
        found=Located(title=title, body=body, scope=container),
        lead=profile.first("lead", container),
        date=profile.first("date", container),
        updated=profile.first("updated", container),
        category=category,
        tags=tuple(dict.fromkeys(t for t in map(element_text, profile.select("tags", container)) if t)),
        files=profile.select("files", container),
        images=profile.select("thumbnail", container),
    )


def _by_content(page: Page) -> Parts | None:
    found = content_path.locate(page.tree, page.meta("og:title"))
    if found is None:
        return None
    return Parts(found=found)


def _assemble(
    page: Page, parts: Parts, profile: str, extraction: Extraction, conventions: Conventions
) -> ArticleRecord | None:
    """The record from the parts, or None when they make no article (no date, no body, a listing)."""
    found = parts.found
    title = element_text(found.title)
    if (
        not title
        or _is_listing(found.body)
        or (extraction == "content" and content_path.under_a_teaser(found))
    ):
        return None
    page.absolutize(found.body)  # the rest of the page: only the links taken from it (files, images)
    lead = parts.lead if parts.lead is not None else _separate_lead(parts, conventions)
    lead_in_body = False
    if lead is None:
        block = first_block(found.body)
        if block is not None and is_lead_block(
            block, split_dateline(element_text(block), conventions) is not None
        ):
            lead, lead_in_body = block, True
    lead_text = element_text(lead) if lead is not None else None
    dateline = split_dateline(lead_text, conventions) if lead_text else None
    body = take_apart(found.body, skip=lead if lead_in_body else None)
    published = _published(page, parts, dateline)
    text = "\n\n".join(body.paragraphs)
    links = [_absolute_link(page, link) for link in (*parts.files, *content_path.file_links(found))]
    files = attachments(found.body, *links)
    # A profile's hit is evidence enough of an article (a missing date then shows in the field
    # coverage); the content path asks for a date and a substantial body.
    by_profile = extraction == "profile"
    least = 1 if by_profile else content_path.MIN_BODY_CHARS
    if (published is None and not by_profile) or (len(text) + len(lead_text or "") < least and not files):
        return None
    return ArticleRecord(
        url=page.url,
        is_article=True,
        profile=profile,
        extraction=extraction,
        canonical_url=page.canonical_url(),
        shortlink=page.link("shortlink"),
        title=title,
        published_at=published[0] if published else None,
        published_precision=published[1] if published else None,
        updated_at=_updated(page, parts),
        summary=(dateline.lead if dateline else lead_text) or None,
        body_text=text,
        body_html=sanitize(found.body),
        authors=body.authors or _authors_outside(found),
        source=dateline.source if dateline else None,
        category=parts.category
        or next(iter(content_path.rel_categories(found)), None)
        or content_path.breadcrumb_category(page.tree, title),
        tags=parts.tags or content_path.tags(found),
        images=_absolute(
            page, (*featured_images(parts.images or content_path.featured(found)), *body.images)
        ),
        attachments=files,
        contacts=_in_page_order(page, found, body.contacts),
    )


def _separate_lead(parts: Parts, conventions: Conventions) -> html.HtmlElement | None:
    """A lead of its own between the title and the body (a sapo, a summary field), if there is one."""
    found = parts.found
    for element in content_path.between(found.scope, found.title, found.body):
        if element.tag not in _LEAD_TAGS or _HOLDS_BLOCKS_OR_LINKS(element):
            continue  # a wrapper of blocks, or links and pictures: the lead is text of its own
        text = element_text(element)
        if len(text) < MIN_LEAD_CHARS or content_path.is_side_block(element, found.title):
            continue
        date = parse_date_precise(text[:_MAX_DATE_CHARS])
        if date is not None and len(text) < _MAX_DATE_CHARS and split_dateline(text, conventions) is None:
            continue  # a date line ("Ngày đăng: ..."), not a lead
        return element
    return None


def _published(page: Page, parts: Parts, dateline: Dateline | None) -> tuple[datetime, Precision] | None:
    """The dateline, the date shown near the title, then metadata; a time of day wins a tie.

    Looked for in that order, and only as far as needed: a dateline with its time ends the search.
    """
    found: list[tuple[datetime, Precision]] = []
    for candidate in _date_candidates(page, parts, dateline):
        if candidate is None:
            continue
        if candidate[1] == "minute" and (not found or candidate[0].date() == found[0][0].date()):
            return candidate
        found.append(candidate)
    return found[0] if found else None


def _date_candidates(
    page: Page, parts: Parts, dateline: Dateline | None
) -> Iterator[tuple[datetime, Precision] | None]:
    yield dateline.date() if dateline else None
    shown = parts.date if parts.date is not None else content_path.visible_date(parts.found)
    yield parse_date_precise(element_text(shown)) if shown is not None else None
    yield parse_date_precise(page.meta("article:published_time"))
    yield from (parse_date_precise(value) for value in content_path.time_values(parts.found))


def _updated(page: Page, parts: Parts) -> datetime | None:
    found = parse_date_precise(element_text(parts.updated)) if parts.updated is not None else None
    found = found or parse_date_precise(page.meta("article:modified_time"))
    edits = (parse_date_precise(value) for value in content_path.time_values(parts.found, updated=True))
    found = found or next((edit for edit in edits if edit is not None), None)
    return found[0] if found else None


def _in_page_order(page: Page, found: Located, own: tuple[Contact, ...]) -> tuple[Contact, ...]:
    """The article's contacts and the site's, in the order the page shows them."""
    tables = site_tables(page.tree)
    site = site_contacts(page.tree, tables)
    return (*site, *own) if tables and content_path.precedes(tables[0], found.body) else (*own, *site)


def _authors_outside(found: Located) -> tuple[str, ...]:
    byline = content_path.byline_outside(found)
    return split_authors(byline) if byline else ()


def _absolute_link(page: Page, link: html.HtmlElement) -> html.HtmlElement:
    """``link`` with its address absolute (one attribute: lxml's rewrite would look for <base> again)."""
    href = page.absolute(link.get("href"))
    if href:
        link.set("href", href)
    return link


def _absolute(page: Page, images: tuple[Image, ...]) -> tuple[Image, ...]:
    """The pictures, once each, with absolute addresses (lxml does not resolve a lazy ``data-src``)."""
    resolved = (Image(src, image.caption) for image in images if (src := page.absolute(image.src)))
    return tuple(dict.fromkeys(resolved))


def _shows_teasers(page: Page, profile: Profile) -> bool:
    """A page of the profile's layout with no article but teasers: a listing (one a sitemap lists)."""
    return len(profile.select("listing_item", page.tree)) >= _LISTING_TEASERS


def _is_listing(body: html.HtmlElement) -> bool:
    """A block of headline links (a category page, search results), not an article's text."""
    headlines = [a for a in body.iter("a") if len(element_text(a)) >= _TEASER_CHARS]
    if len(headlines) < _MAX_TEASERS:
        return False
    linked = sum(len(element_text(a)) for a in headlines)
    return linked * 2 > len(element_text(body))


def _last_text(elements: list[html.HtmlElement]) -> str | None:
    """The deepest of a breadcrumb trail's links, or the only category link."""
    for element in reversed(elements):
        text = element_text(element)
        if text:
            return text
    return None
