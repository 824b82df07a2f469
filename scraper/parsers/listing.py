"""The listing parser: teasers (link, title, date, category) and the next page of a category."""

from __future__ import annotations

from scraper.parsers.dates import parse_date
from scraper.parsers.page import Page, load_page
from scraper.parsers.profiles import Profile, detect
from scraper.parsers.records import ListingRecord, Teaser
from scraper.parsers.text import element_text

GENERIC_TEASER_LINKS = (
    "//main//h2/a[@href] | //main//h3/a[@href] | //article//h2/a[@href] | //article//h3/a[@href]"
)


def parse_listing(content: bytes | str, url: str, charset: str | None = None) -> ListingRecord:
    """The teasers of the listing page at ``url``; an unknown layout falls back to headline links."""
    return listing_from_page(load_page(content, url, charset))


def listing_from_page(page: Page) -> ListingRecord:
    profile = detect(page.tree)
    if profile is not None:
        return _with_profile(page, profile)
    teasers = tuple(
        Teaser(url=url, title=element_text(link), published_at=None)
        for link in page.tree.xpath(GENERIC_TEASER_LINKS)
        if element_text(link) and (url := page.absolute(link.get("href")))
    )
    menu = tuple(dict.fromkeys(filter(None, map(page.absolute, page.tree.xpath("//nav//a/@href")))))
    return ListingRecord(url=page.url, profile="generic", teasers=teasers, next_url=None, menu_links=menu)


def _with_profile(page: Page, profile: Profile) -> ListingRecord:
    teasers: list[Teaser] = []
    for item in profile.select("listing_item", page.tree):
        link = profile.first("listing_link", item)
        url = page.absolute(link.get("href")) if link is not None else None
        if url is None:
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
    next_link = profile.first("next_page", page.tree)
    menu = (page.absolute(link.get("href")) for link in profile.select("menu", page.tree))
    return ListingRecord(
        url=page.url,
        profile=profile.name,
        teasers=tuple(teasers),
        next_url=page.absolute(next_link.get("href")) if next_link is not None else None,
        menu_links=tuple(dict.fromkeys(href for href in menu if href)),
    )
