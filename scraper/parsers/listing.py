"""The listing parser: teasers (link, title, date, category) and the next page of a category.

As for articles, a layout's profile is a hint: its teasers count only outside side blocks (a
"most read" box in the sidebar may wear the teasers' classes), and when it finds none the
content path reads the page by its conventions: headline links with their dates in the main
column, and a pager's "next" link (``rel=next``, Drupal's ``pager__item--next``, "Trang sau").
"""

from __future__ import annotations

import re
from datetime import datetime

from lxml import etree, html

from scraper.parsers import content_path
from scraper.parsers.body import file_type
from scraper.parsers.dates import parse_date
from scraper.parsers.page import Page, load_page
from scraper.parsers.profiles import UNKNOWN_LAYOUT, Profile, detect
from scraper.parsers.records import ListingRecord, Teaser
from scraper.parsers.text import element_text

HEADLINE_CHARS = 20  # a link this long is a headline, not a menu entry or a "Xem thêm"
_NEXT_TEXT = re.compile(r"^(?:trang sau|sau|tiếp|tiếp theo|next)?\s*[›»>]*$", re.IGNORECASE)
# Menus as themes write them: <nav>, ARIA navigation, or named so (menu-chinh, gva_menu, MainNav).
_MENU_LINKS = etree.XPath(
    "//nav//a | //*[@role='navigation']//a"
    " | //*[contains(@class, 'menu') or contains(@id, 'menu') or contains(@class, 'Nav')]//a"
)
_NEXT_LINKS = etree.XPath(
    "//a[@rel='next'] | //link[@rel='next'] | //li[contains(@class, 'pager__item--next')]//a"
    " | //li[contains(@class, 'next')]//a"
)


def parse_listing(content: bytes | str, url: str, charset: str | None = None) -> ListingRecord:
    """The teasers of the listing page at ``url``, by its layout's profile or by its content."""
    return listing_from_page(load_page(content, url, charset))


def listing_from_page(page: Page) -> ListingRecord:
    profile = detect(page.tree)
    anchor = _heading(page)
    teasers = _with_profile(page, profile, anchor) if profile else ()
    next_url = _profile_next(page, profile) if profile else None
    menu = _menu(page, profile)
    return ListingRecord(
        url=page.url,
        profile=profile.name if profile else UNKNOWN_LAYOUT,
        teasers=teasers or _by_content(page, anchor),
        next_url=next_url or _next_by_content(page),
        menu_links=menu,
    )


def _heading(page: Page) -> html.HtmlElement | None:
    """The listing's own heading ("Chuyển đổi số"): what tells the main column from the sidebars."""
    body = page.tree.find("body")
    if body is None:
        return None
    candidates = content_path.title_candidates(page.tree, page.meta("og:title"))
    headings = content_path.title_elements(body, candidates)
    return headings[0] if headings else None


def _with_profile(page: Page, profile: Profile, anchor: html.HtmlElement | None) -> tuple[Teaser, ...]:
    teasers: list[Teaser] = []
    for item in profile.select("listing_item", page.tree):
        link = profile.first("listing_link", item)
        url = page.absolute(link.get("href")) if link is not None else None
        if link is None or url is None or content_path.is_side_block(item, anchor):
            continue
        date = profile.first("listing_date", item)
        category = profile.first("listing_category", item)
        teasers.append(
            Teaser(
                url=url,
                title=element_text(link),
                published_at=parse_date(element_text(date)) if date is not None else None,
                category=element_text(category) or None if category is not None else None,
            )
        )
    return tuple(teasers)


def _by_content(page: Page, anchor: html.HtmlElement | None) -> tuple[Teaser, ...]:
    """Headline links of the main column, each with the date its row shows."""
    body = page.tree.find("body")
    if body is None:
        return ()
    links = [a for a in body.iter("a") if _is_headline(a) and not content_path.is_side_block(a, anchor)]
    teasers: dict[str, Teaser] = {}
    for link in links:
        url = page.absolute(link.get("href"))
        if url is None or url in teasers:
            continue
        row = _row(link, links)
        teasers[url] = Teaser(url=url, title=element_text(link), published_at=_row_date(row, link))
    return tuple(teasers.values())


def _is_headline(link: html.HtmlElement) -> bool:
    href = (link.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")) or file_type(href):
        return False
    return len(element_text(link)) >= HEADLINE_CHARS


def _row(link: html.HtmlElement, links: list[html.HtmlElement]) -> html.HtmlElement:
    """The link's teaser: its widest ancestor that holds no other headline link."""
    row = link
    for parent in link.iterancestors():
        if any(other is not link and content_path.contains(parent, other) for other in links):
            break
        row = parent
    return row


def _row_date(row: html.HtmlElement, link: html.HtmlElement) -> datetime | None:
    text = element_text(row).replace(element_text(link), " ", 1)
    return parse_date(text[:200]) if content_path.looks_dated(text) else None


def _profile_next(page: Page, profile: Profile) -> str | None:
    link = profile.first("next_page", page.tree)
    return page.absolute(link.get("href")) if link is not None else None


def _next_by_content(page: Page) -> str | None:
    """The pager's "next" link: ``rel=next``, a ``next`` item, or a link reading "Trang sau »"."""
    for link in _NEXT_LINKS(page.tree):
        if (url := page.absolute(link.get("href"))) is not None:
            return url
    for link in page.tree.iter("a"):
        text = element_text(link)
        if text and len(text) <= 20 and _NEXT_TEXT.match(text) and (url := page.absolute(link.get("href"))):
            return url
    return None


def _menu(page: Page, profile: Profile | None) -> tuple[str, ...]:
    """The main menu's links (where the categories are): the profile's, else any menu's."""
    links = (profile.select("menu", page.tree) if profile else []) or _MENU_LINKS(page.tree)
    return tuple(dict.fromkeys(href for link in links if (href := page.absolute(link.get("href")))))
