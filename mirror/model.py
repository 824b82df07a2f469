"""The mirror's data: categories, files and articles (mutable: the server edits them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from mirror.documents import OfficialDocument

# The last two break extraction on purpose, for the monitors' tests: a redesign no profile
# knows, and the current layout with every date taken off the page.
# ``wordpress`` (mirror/wordpress_site.py): the same articles as a WordPress site, a site layout of its own.
Layout = Literal["wps2018", "drupal_gavias", "redesign2026", "drupal_undated", "wordpress"]
SiteLayout = Literal["wps2018", "drupal_gavias", "mixed", "wordpress"]
DatelineKind = Literal["bracket", "plain", "time_first", "none"]

PAGE_LAYOUTS: tuple[Layout, ...] = ("wps2018", "drupal_gavias", "redesign2026", "drupal_undated")
SITE_LAYOUTS: tuple[SiteLayout, ...] = ("wps2018", "drupal_gavias", "mixed", "wordpress")


@dataclass(frozen=True)
class Category:
    slug: str
    name: str


@dataclass(frozen=True)
class Image:
    """One picture of an article: ``src`` in the body, ``thumb`` for Drupal's post-thumbnail."""

    src: str
    thumb: str | None
    caption: str


@dataclass(frozen=True)
class Attachment:
    """An attached file: ``path`` is the percent-encoded address, ``name`` the decoded file name.

    ``document`` is the official document it holds, written as ``format`` (``pdf`` or ``docx``,
    whatever the name says); without one (or without the font a PDF needs) it is a plain PDF of
    ``pages`` pages of ASCII text."""

    path: str
    name: str
    pages: int
    document: OfficialDocument | None = None
    format: str = "pdf"


@dataclass
class Article:
    index: int
    uid: str
    nid: int
    category: Category
    title: str
    slug: str
    published_at: datetime
    dateline: DatelineKind
    dash: str
    source: str | None
    lead: str
    paragraphs: list[str]
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    views: int
    layout: Layout
    path: str
    image: Image | None = None
    attachment: Attachment | None = None
    event_date: str | None = None
    updated_at: datetime | None = None
    meta_times: bool = False
    status: int = 200
    old_paths: list[str] = field(default_factory=list)

    @property
    def modified_at(self) -> datetime:
        return self.updated_at or self.published_at

    @property
    def live(self) -> bool:
        return self.status == 200

    @property
    def order_key(self) -> tuple[datetime, int]:
        """Listings show newest first: by publication time, then by index."""
        return (self.published_at, self.index)
