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
MARKERS: dict[str, dict[str, re.Pattern[str]]] = {
    WEBSPHERE: {
        "/wps/portal/ address": re.compile(r"/wps/(?:my)?portal/"),
        "!ut/p/ portal state": re.compile(r"!ut/p/[a-z]\d/"),
        "/wps/wcm/connect/ file": re.compile(r"/wps/wcm/connect/"),
        "wpthemeFrame": re.compile(r"\bwptheme[A-Z]\w*"),
        "generator WebSphere": re.compile(r"<meta[^>]+content=[\"'][^\"']*WebSphere", re.IGNORECASE),
    },
    DRUPAL: {
        "generator Drupal": re.compile(r"<meta[^>]+name=[\"']generator[\"'][^>]+Drupal", re.IGNORECASE),
        "data-drupal attribute": re.compile(r"\bdata-drupal-[a-z-]+="),
        "node--type class": re.compile(r"\bnode--type-[\w-]+"),
        "field--name class": re.compile(r"\bfield--name-[\w-]+"),
        "/node/N shortlink": re.compile(r"<link[^>]+rel=[\"']shortlink[\"'][^>]+/node/\d+"),
        "/sites/default/files/": re.compile(r"/sites/default/files/"),
        "drupalSettings": re.compile(r"drupal-settings-json|drupalSettings"),
    },
    WORDPRESS: {
        "generator WordPress": re.compile(r"<meta[^>]+content=[\"']WordPress", re.IGNORECASE),
        "/wp-content/": re.compile(r"/wp-content/"),
        "/wp-includes/": re.compile(r"/wp-includes/"),
        "api.w.org link": re.compile(r"api\.w\.org"),
    },
}
ADDRESS_MARKERS = {WEBSPHERE: re.compile(r"/wps/(?:my)?portal/|!ut/p/"), DRUPAL: re.compile(r"/node/\d+$")}


@dataclass(frozen=True)
class Platform:
    """The platform a page shows (None: no known one) and the markers that said so, by platform."""

    name: str | None
    evidence: dict[str, tuple[str, ...]]


def detect_platform(html: str, url: str = "") -> Platform:
    """The platform that served ``html`` (fetched from ``url``)."""
    evidence: dict[str, tuple[str, ...]] = {}
    for platform, markers in MARKERS.items():
        found = [name for name, pattern in markers.items() if pattern.search(html)]
        address = ADDRESS_MARKERS.get(platform)
        if address is not None and address.search(url):
            found.append("its address")
        if found:
            evidence[platform] = tuple(found)
    if not evidence:
        return Platform(None, {})
    best = max(evidence, key=lambda p: (len(evidence[p]), -PLATFORMS.index(p)))
    return Platform(best, evidence)
