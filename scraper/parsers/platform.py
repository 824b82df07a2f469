"""Which platform served a page, from what the platforms themselves emit, not from a theme's classes.

A pure function of a page's HTML and its address. Each platform's own markers (SITE.md, "What nobody
here has seen"): WebSphere Portal's ``/wps/portal/`` and ``/wps/wcm/connect/`` addresses, its
``!ut/p/`` portal state and its theme's ``wpthemeFrame``; Drupal core's ``generator`` meta,
``data-drupal-*`` attributes, ``node--type-*`` and ``field--name-*`` classes, ``/node/N``
shortlinks and ``/sites/default/files/``; WordPress's ``generator`` meta, ``/wp-content/`` and
``/wp-includes/`` and its REST API link (``api.w.org``). The platform with the most distinct markers
wins; a page with none is of no known platform (``None``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WEBSPHERE, DRUPAL, WORDPRESS = "websphere_portal", "drupal", "wordpress"
PLATFORMS = (WEBSPHERE, DRUPAL, WORDPRESS)
# (platform, marker, pattern): ASCII, searched for in the page's bytes (nothing to decode). One search
# each: most are literal enough for the engine's fast scan, which one alternation of all would lose.
MARKERS = (
    (WEBSPHERE, "/wps/portal/ address", rb"/wps/(?:my)?portal/"),
    (WEBSPHERE, "!ut/p/ portal state", rb"!ut/p/[a-z]\d/"),
    (WEBSPHERE, "/wps/wcm/connect/ file", rb"/wps/wcm/connect/"),
    (WEBSPHERE, "wpthemeFrame", rb"\bwptheme[A-Z]"),
    (WEBSPHERE, "generator WebSphere", rb"(?i:<meta[^>]+content=[\"'][^\"']*WebSphere)"),
    (DRUPAL, "generator Drupal", rb"(?i:<meta[^>]+name=[\"']generator[\"'][^>]+Drupal)"),
    (DRUPAL, "data-drupal attribute", rb"\bdata-drupal-[a-z-]+="),
    (DRUPAL, "node--type class", rb"\bnode--type-"),
    (DRUPAL, "field--name class", rb"\bfield--name-"),
    (DRUPAL, "/node/N shortlink", rb"<link[^>]+rel=[\"']shortlink[\"'][^>]+/node/\d+"),
    (DRUPAL, "/sites/default/files/", rb"/sites/default/files/"),
    (DRUPAL, "drupalSettings", rb"drupal-settings-json|drupalSettings"),
    (WORDPRESS, "generator WordPress", rb"(?i:<meta[^>]+content=[\"']WordPress)"),
    (WORDPRESS, "/wp-content/", rb"/wp-content/"),
    (WORDPRESS, "/wp-includes/", rb"/wp-includes/"),
    (WORDPRESS, "api.w.org link", rb"api\.w\.org"),
)
COMPILED = tuple((platform, marker, re.compile(pattern)) for platform, marker, pattern in MARKERS)
ADDRESS_MARKERS = {WEBSPHERE: re.compile(r"/wps/(?:my)?portal/|!ut/p/"), DRUPAL: re.compile(r"/node/\d+$")}


@dataclass(frozen=True)
class Platform:
    """The platform a page shows (None: no known one) and the markers that said so, by platform."""

    name: str | None
    evidence: dict[str, tuple[str, ...]]


def detect_platform(page: bytes | str, url: str = "") -> Platform:
    """The platform that served ``page`` (its bytes, or its text; fetched from ``url``)."""
    content = page.encode("utf-8", "replace") if isinstance(page, str) else page
    found: dict[str, list[str]] = {}
    for platform, marker, pattern in COMPILED:
        if pattern.search(content):
            found.setdefault(platform, []).append(marker)
    for platform, address in ADDRESS_MARKERS.items():
        if address.search(url):
            found.setdefault(platform, []).append("its address")
    if not found:
        return Platform(None, {})
    best = max(found, key=lambda p: (len(found[p]), -PLATFORMS.index(p)))
    return Platform(best, {platform: tuple(markers) for platform, markers in found.items()})
