"""The current layout: Drupal 8+ with a Gavias theme (aliases, ``/node/N``, ``/sites/default/files``)."""

from scraper.parsers.profiles import Profile

DRUPAL_GAVIAS = Profile(
    name="drupal_gavias",
    signature="article.node, ul.gva_menu, div.post-block, link[rel='shortlink'][href*='/node/']",
    article="article.node--type-article, article.node--view-mode-full",
    title="article.node h1.post-title",
    body="article.node div.field--name-body",
    lead=None,
    date="article.node div.post-meta span.post-created",
    updated="article.node div.post-updated",
    category="article.node div.post-meta span.post-categories a",
    tags="article.node div.field--name-field-tags a",
    thumbnail="article.node div.post-thumbnail img",
    files="article.node div.field--name-field-file a",
    listing_item="div.view-content div.post-block",
    listing_link="h3.post-title a",
    listing_date="span.post-created",
    listing_category="span.post-categories a",
    menu="ul.gva_menu a",
    platform="drupal",
    next_page="nav.pager li.pager__item--next a",
)
