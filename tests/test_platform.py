"""Platform detection from the markers the platforms themselves emit (not from theme classes)."""

from __future__ import annotations

import pytest

from mirror import Site
from scraper.parsers.platform import DRUPAL, WEBSPHERE, WORDPRESS, detect_platform

# Heads and bodies as the platforms' own code writes them (Drupal 10 core, WordPress 6 core,
# WebSphere Portal 8.5's theme): the theme around them is anybody's.
DRUPAL_PAGE = """<html><head><meta name="Generator" content="Drupal 10 (https://www.drupal.org)" />
<link rel="shortlink" href="https://sokhcn.angiang.gov.vn/node/447" />
<script type="application/json" data-drupal-selector="drupal-settings-json">{}</script></head>
<body><article class="node node--type-article"><div class="clearfix text-formatted field field--name-body">
<p>Nội dung</p></div></article></body></html>"""
WORDPRESS_PAGE = """<html><head><meta name="generator" content="WordPress 6.4.2" />
<link rel="https://api.w.org/" href="https://example.angiang.gov.vn/wp-json/" />
<link rel="stylesheet" href="https://example.angiang.gov.vn/wp-content/themes/flatsome/style.css" />
<script src="https://example.angiang.gov.vn/wp-includes/js/jquery/jquery.min.js"></script></head>
<body class="post-template-default single single-post"><p>Nội dung</p></body></html>"""
WEBSPHERE_PAGE = """<html><head><base href="https://sokhcn.angiang.gov.vn/wps/portal/Home/!ut/p/z0/04_Sj9CPykssy0xPLMnMz0vMAfIjo8zivQIsTAwdDQz9DSyNXQ0cDQNdTUyD_Q0MDAz0wwkpiAJKG-AAjgb6BbmhigBwB5eB/dz/d5/L2dBISEvZ0FBIS9nQSEh/"></head>
<body class="lotusui30dojo tundra locale_vi"><div class="wpthemeFrame"><div class="wpthemeMainContent">
<img src="/wps/wcm/connect/sokhcn/abc/anh.jpg?MOD=AJPERES" />
<p>Ngày đăng : 07/01/2021</p></div></div></body></html>"""


@pytest.mark.parametrize(
    ("page", "url", "platform"),
    [
        (DRUPAL_PAGE, "https://sokhcn.angiang.gov.vn/15-nam-xay-dung", DRUPAL),
        (WORDPRESS_PAGE, "https://example.angiang.gov.vn/2024/05/bai-viet/", WORDPRESS),
        (WEBSPHERE_PAGE, "https://sokhcn.angiang.gov.vn/wps/portal/Home/!ut/p/z0/04_Sj9/", WEBSPHERE),
    ],
)
def test_each_platform_by_its_own_markers(page: str, url: str, platform: str) -> None:
    found = detect_platform(page, url)
    assert found.name == platform
    assert len(found.evidence[platform]) >= 3
    assert set(found.evidence) == {platform}


def test_a_page_of_no_known_platform_is_none() -> None:
    found = detect_platform(
        "<html><body><div class='post-body'>Tin tức</div></body></html>", "https://x.vn/a"
    )
    assert (found.name, found.evidence) == (None, {})


def test_a_drupal_page_linking_a_portal_file_is_still_drupal() -> None:
    mixed = DRUPAL_PAGE.replace(
        "<p>Nội dung</p>", '<p><a href="https://old.vn/wps/wcm/connect/x.pdf">tệp</a></p>'
    )
    found = detect_platform(mixed, "https://sokhcn.angiang.gov.vn/node/447")
    assert found.name == DRUPAL and found.evidence[WEBSPHERE] == ("/wps/wcm/connect/ file",)


@pytest.mark.parametrize("layout", ["wps2018", "drupal_gavias"])
def test_every_markup_dialect_of_the_mirror_is_its_platform(layout: str) -> None:
    """The mirror's dialects are drawn from real Portal skins and Drupal themes: whatever the theme,
    the platform shows through."""
    site = Site(seed=4, articles=60, layout=layout, base_url="http://127.0.0.1:9", dialect="per-page")  # type: ignore[arg-type]
    expected = {"wps2018": WEBSPHERE, "drupal_gavias": DRUPAL}[layout]
    dialects = set()
    for article in site.articles:
        page = site.resolve(article.path, "")
        dialects.add(site.dialect_of(article))
        assert detect_platform(page.body.decode("utf-8"), site.base_url + article.path).name == expected
    assert len(dialects) >= 3
