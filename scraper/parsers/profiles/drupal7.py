"""Drupal 7, from core's own templates whatever the theme: ``page.tpl.php``'s ``#content`` and
``h1#page-title``, the body class ``node-type-TYPE`` of a node's page, ``field.tpl.php``'s
``field-name-*`` classes, ``node.tpl.php``'s ``node-teaser`` and ``submitted``, ``theme_pager``'s
``pager-next``, Views' ``views-row``. The successor sites' platform after the 2025 mergers
(``sokhcn.angiang.gov.vn``'s slug addresses)."""

from scraper.parsers.profiles import Profile

DRUPAL7 = Profile(
    name="drupal7",
    signature="div.field.field-name-body, div.view-content div.views-row div.node-teaser",
    # A node's own page (core's body class node-type-TYPE); its title is the page's, outside the node.
    article="body[class*='node-type-'] #content",
    title="h1#page-title",
    body="div.node div.field-name-body",
    lead=None,
    date="div.node div.submitted",
    updated=None,
    category="div.node div.field-name-field-category a",
    tags="div.node div.field-name-field-tags a",
    thumbnail="div.node div.field-name-field-image img",
    files="div.node div.field-name-field-file a",
    listing_item="div.view-content div.views-row",
    listing_link="h2 a",
    listing_date="div.submitted",
    listing_category=None,
    menu="#main-menu a",
    platform="drupal",
    next_page="ul.pager li.pager-next a",
)
