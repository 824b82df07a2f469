"""Markup dialects: the same content written as different real themes write it (see README.md).

Each platform has a ``classic`` dialect (the markup of ``docs/layouts.md``, the default) and
three more. A site renders every page in one dialect per platform (``--dialect NAME`` or
``NAME,NAME``), or picks one per page (``--dialect per-page``, from a hash of the page's id: the
article's uuid, the listing's path and page number, the home's or message's path).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Literal

from mirror import render_drupal, render_drupal_dialects, render_wps, render_wps_dialects
from mirror.model import Article, Category, SiteLayout
from mirror.page_parts import RelatedLink, Teaser

Platform = Literal["wps", "drupal"]
DEFAULT = "default"
PER_PAGE = "per-page"


@dataclass(frozen=True)
class WpsDialect:
    name: str
    imitates: str
    article_page: Callable[[Article, list[RelatedLink], str], str]
    listing_page: Callable[[Category, list[Teaser], int, int, str], str]
    home_page: Callable[[list[Teaser], str], str]
    message_page: Callable[[str, str, str], str]


@dataclass(frozen=True)
class DrupalDialect:
    name: str
    imitates: str
    article_page: Callable[[Article, list[RelatedLink], str, bool, bool], str]
    listing_page: Callable[[str, list[tuple[str, str]], list[Teaser], int, int, bool], str]
    home_page: Callable[[list[Teaser], dict[Category, list[Teaser]], bool], str]
    message_page: Callable[[str, str, bool], str]


R = render_wps_dialects
D = render_drupal_dialects
WPS_DIALECTS: dict[str, WpsDialect] = {
    d.name: d
    for d in (
        WpsDialect(
            "wps-classic",
            "the mirror's original WebSphere markup (docs/layouts.md)",
            render_wps.article_page,
            render_wps.listing_page,
            render_wps.home_page,
            render_wps.message_page,
        ),
        WpsDialect(
            "wps-portal8",
            "Portal 8.0 theme, 2ColumnRight layout, Standard skin, WCM div template",
            R.p8_article,
            R.p8_listing,
            R.p8_home,
            R.p8_message,
        ),
        WpsDialect(
            "wps-table",
            "legacy table layout (layoutRow/layoutColumn), WCM table template, jQuery lazyload",
            R.tb_article,
            R.tb_listing,
            R.tb_home,
            R.tb_message,
        ),
        WpsDialect(
            "wps-html5",
            "Portal 8.5 theme, NoSkin skin, Bootstrap, HTML5 article template, lazysizes",
            R.h5_article,
            R.h5_listing,
            R.h5_home,
            R.h5_message,
        ),
    )
}
DRUPAL_DIALECTS: dict[str, DrupalDialect] = {
    d.name: d
    for d in (
        DrupalDialect(
            "drupal-classic",
            "the mirror's original Gavias-like markup (docs/layouts.md)",
            render_drupal.article_page,
            render_drupal.listing_page,
            render_drupal.home_page,
            render_drupal.message_page,
        ),
        DrupalDialect(
            "drupal-gavias-monte",
            "gavias_monte node--article (detail and teaser branches) in gavias_edmix page wrappers",
            D.gm_article,
            D.gm_listing,
            D.gm_home,
            D.gm_message,
        ),
        DrupalDialect(
            "drupal-olivero",
            "core Olivero theme",
            D.ol_article,
            D.ol_listing,
            D.ol_home,
            D.ol_message,
        ),
        DrupalDialect(
            "drupal-barrio",
            "Bootstrap Barrio theme, date only in article:published_time",
            D.ba_article,
            D.ba_listing,
            D.ba_home,
            D.ba_message,
        ),
    )
}
NAMES: dict[Platform, tuple[str, ...]] = {"wps": tuple(WPS_DIALECTS), "drupal": tuple(DRUPAL_DIALECTS)}
CLASSIC: dict[Platform, str] = {"wps": "wps-classic", "drupal": "drupal-classic"}


def platform_of(name: str) -> Platform:
    return "wps" if name in WPS_DIALECTS else "drupal"


def canonical(name: str) -> str:
    """The full name of a dialect (``olivero`` → ``drupal-olivero``), or ValueError."""
    if name in WPS_DIALECTS or name in DRUPAL_DIALECTS:
        return name
    matches = [full for full in (*WPS_DIALECTS, *DRUPAL_DIALECTS) if full.split("-", 1)[1] == name]
    if len(matches) == 1:
        return matches[0]
    choices = ", ".join([DEFAULT, PER_PAGE, *WPS_DIALECTS, *DRUPAL_DIALECTS])
    raise ValueError(f"unknown dialect {name!r}; choose from {choices} (or one WPS and one Drupal name)")


def parse(spec: str) -> tuple[bool, dict[Platform, str]]:
    """(per-page?, the dialect of each platform) of a ``--dialect`` value."""
    spec = spec.strip() or DEFAULT
    if spec == PER_PAGE:
        return True, dict(CLASSIC)
    chosen = dict(CLASSIC)
    if spec == DEFAULT:
        return False, chosen
    named: dict[Platform, str] = {}
    for part in spec.split(","):
        name = canonical(part.strip())
        platform = platform_of(name)
        if platform in named:
            raise ValueError(f"two {platform} dialects in {spec!r}: {named[platform]} and {name}")
        named[platform] = name
    return False, {**chosen, **named}


def _pick(names: tuple[str, ...], page_id: str) -> str:
    digest = hashlib.blake2b(page_id.encode(), digest_size=8).digest()
    return names[int.from_bytes(digest, "big") % len(names)]


def with_archive_menu() -> tuple[WpsDialect, DrupalDialect]:
    """The classic dialects with the endless archive in every page's menu (``endless_archive``)."""
    wps, drupal = WPS_DIALECTS[CLASSIC["wps"]], DRUPAL_DIALECTS[CLASSIC["drupal"]]
    return (
        WpsDialect(
            wps.name,
            wps.imitates,
            partial(render_wps.article_page, archive=True),
            partial(render_wps.listing_page, archive=True),
            partial(render_wps.home_page, archive=True),
            partial(render_wps.message_page, archive=True),
        ),
        DrupalDialect(
            drupal.name,
            drupal.imitates,
            partial(render_drupal.article_page, archive=True),
            partial(render_drupal.listing_page, archive=True),
            partial(render_drupal.home_page, archive=True),
            partial(render_drupal.message_page, archive=True),
        ),
    )


class DialectPlan:
    """Which dialect renders which page of one site; ``archive``: the menus link the endless
    archive, which only the classic dialects (``default``) have."""

    def __init__(self, spec: str = DEFAULT, layout: SiteLayout | None = None, archive: bool = False) -> None:
        self.spec = spec.strip() or DEFAULT
        self.per_page, self.chosen = parse(self.spec)
        self._archive: tuple[WpsDialect, DrupalDialect] | None = None
        if archive:
            if self.per_page or self.chosen != CLASSIC:
                raise ValueError(f"the endless archive needs the default dialect, not {self.spec!r}")
            self._archive = with_archive_menu()
        if layout is not None and not self.per_page:
            present: set[Platform] = {"wps", "drupal"}
            if layout == "wps2018":
                present = {"wps"}
            elif layout == "drupal_gavias":
                present = {"drupal"}
            for platform, name in self.chosen.items():
                if platform not in present and name != CLASSIC[platform]:
                    raise ValueError(f"dialect {name} renders {platform} pages; layout {layout} has none")

    def name(self, platform: Platform, page_id: str) -> str:
        return _pick(NAMES[platform], page_id) if self.per_page else self.chosen[platform]

    def wps(self, page_id: str) -> WpsDialect:
        if self._archive is not None:
            return self._archive[0]
        return WPS_DIALECTS[self.name("wps", page_id)]

    def drupal(self, page_id: str) -> DrupalDialect:
        if self._archive is not None:
            return self._archive[1]
        return DRUPAL_DIALECTS[self.name("drupal", page_id)]

    def describe(self) -> str | dict[str, str]:
        return PER_PAGE if self.per_page else {p: n for p, n in self.chosen.items()}
