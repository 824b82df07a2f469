"""Layout profiles: each layout of the site is data (CSS selectors), not parser branches.

``detect`` picks the profile of a page; a page that no profile recognises is handed to the
generic fallback, and its record says so (that is how layout drift is noticed).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from lxml import html
from lxml.cssselect import CSSSelector

UNKNOWN_LAYOUT = "generic"  # the ``profile`` of a page no profile recognises


@dataclass(frozen=True)
class Profile:
    """The selectors of one layout. ``None`` means the layout has no such part."""

    name: str
    signature: str  # matches some element on every page of this layout
    article: str  # the article container; its absence means "not an article"
    title: str
    body: str
    lead: str | None  # a separate lead element; None: the body's first paragraph is the lead
    date: str | None
    updated: str | None
    category: str
    tags: str
    thumbnail: str | None
    files: str | None  # file fields outside the body
    listing_item: str
    listing_link: str
    listing_date: str
    listing_category: str | None
    menu: str  # the main menu's links: where the categories are
    platform: str  # what scraper.parsers.platform names the platform of the layout
    next_page: str

    @cached_property
    def compiled(self) -> dict[str, CSSSelector]:
        fields = ("signature", "article", "title", "body", "lead", "date", "updated", "category", "tags")
        more = ("thumbnail", "files", "listing_item", "listing_link", "listing_date", "listing_category")
        names = (*fields, *more, "menu", "next_page")
        return {name: CSSSelector(getattr(self, name)) for name in names if getattr(self, name)}

    def select(self, part: str, root: html.HtmlElement) -> list[html.HtmlElement]:
        selector = self.compiled.get(part)
        return selector(root) if selector is not None else []

    def first(self, part: str, root: html.HtmlElement) -> html.HtmlElement | None:
        found = self.select(part, root)
        return found[0] if found else None


def all_profiles() -> tuple[Profile, ...]:
    from scraper.parsers.profiles.drupal7 import DRUPAL7
    from scraper.parsers.profiles.drupal_gavias import DRUPAL_GAVIAS
    from scraper.parsers.profiles.wps2018 import WPS2018

    return (WPS2018, DRUPAL7, DRUPAL_GAVIAS)  # Drupal 7 first: its pages have Drupal 8's shortlink too


def detect(tree: html.HtmlElement) -> Profile | None:
    """The profile whose signature the page carries, or None for an unknown layout."""
    for profile in all_profiles():
        if profile.select("signature", tree):
            return profile
    return None
