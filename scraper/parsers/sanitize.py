"""Article HTML made safe to store and show: an allow-list of tags and attributes (nh3)."""

from __future__ import annotations

import nh3
from lxml import html

ALLOWED_TAGS = frozenset(
    {"p", "br", "strong", "b", "em", "i", "u", "sub", "sup", "span", "ul", "ol", "li", "a", "img"}
    | {"figure", "figcaption", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr"}
    | {"table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption"}
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt"}, "td": {"colspan", "rowspan"}}
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def sanitize(element: html.HtmlElement) -> str:
    """The inner HTML of ``element``, with only allow-listed markup left."""
    inner = (element.text or "") + "".join(
        html.tostring(child, encoding="unicode", with_tail=True) for child in element
    )
    return nh3.clean(
        inner,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()
