"""The content path: an article's parts found by the site's content conventions, not by class names.

What is known of every page of the site, whatever its theme: the main heading repeats the page's
title (``<title>``, ``og:title``); the body is the block of densest paragraph text after that
heading; the publication date is in a dateline, in a short date text near the heading, or in the
page's metadata; the breadcrumb is a trail of links that starts at the home page. Side blocks
(menus, sidebars, related news, pagers) are never part of an article. ``locate`` returns where
those parts are; ``scraper.parsers.article`` makes the record from them, as it does for a profile.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree, html

from scraper.parsers.body import file_type
from scraper.parsers.dates import parse_date_precise
from scraper.parsers.text import SKIPPED_TAGS, clean, element_text

MIN_BODY_CHARS = 80
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements that may hold a title written without a heading tag (a table cell, a styled span ...).
_TITLE_HOLDERS = _HEADINGS | {"span", "strong", "b", "td", "div", "p", "a", "header"}
_BLOCKS = frozenset({"p", "div", "li", "td", "blockquote", "section", "article", "figure", "table"})
_TITLE_SEPARATORS = re.compile(r"\s+[|–—-]\s+")
_BODY_PARTS = frozenset({"p", "table", "ul", "ol", "figure", "blockquote", "h2", "h3", "h4", "h5", "h6"})
# Page regions that are never the article: by tag, by ARIA role, and by the words themes use for them.
_REGION_TAGS = frozenset({"nav", "header", "footer", "aside"})
_REGION_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
_SIDE_WORDS = re.compile(
    r"sidebar|side-bar|sidebar_|region-sidebar|\baside\b|related|lien-?quan|tin-?khac|cung-?chuyen-?muc|"
    r"xem-?nhieu|most-?view|tin-?moi|van-?ban-?moi|latest|widget|\bmenu\b|-menu\b|navbar|\bnav\b|"
    r"footer|wpthemeHeader|wpthemeFooter|banner|breadcrumb|crumb|pager|phantrang|phan-trang|pagination|"
    r"comment|share|social",
    re.IGNORECASE,
)
_HIDDEN_CLASS = re.compile(r"(?:^|\s)(?:hidden|visually-hidden|sr-only|element-invisible|d-none)(?:\s|$)")
# Elements that may be a named trail (``breadcrumb``, ``Crumb``, ``duong-dan``), found in C, then tested.
_NAMED_TRAILS = etree.XPath(
    "//*[contains(@class, 'rumb') or contains(@id, 'rumb') or contains(@aria-label, 'rumb')"
    " or contains(@class, 'duong') or contains(@id, 'duong')]"
)
_BREADCRUMB_WORDS = re.compile(r"breadcrumb|crumb|duong-?dan|duongdan", re.IGNORECASE)
# What a trail holds besides its links: separators, and a "you are here" label.
_TRAIL_REST = re.compile(r"\s*(?:(?:bạn đang ở|vị trí|you are here)\s*:?)?[\s/»›>|\-–]*", re.IGNORECASE)
_SHORT_LINKS = etree.XPath("//a[string-length(normalize-space(.)) <= 20]")  # "Trang chủ", "Home"
_HOME_TEXT = re.compile(r"^(trang chủ|home|trang chính)$", re.IGNORECASE)
_DOCUMENT_ORDER = etree.XPath("count(preceding::*) + count(ancestor::*)")
_NODE_CLASS = re.compile(r"(?:^|\s)node(?:\s|$|--type-)")
_MACHINE_DATES = etree.XPath(".//time[@datetime] | .//*[@itemprop='datePublished']")
_MAX_DATE_CHARS = 120
_TEXTS = etree.XPath(".//text()")
# Text that may hold a date: a cheap test before the date parser.
_LOOKS_DATED = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2}|tháng\s*\d", re.IGNORECASE)
_TAGS_LABEL = re.compile(r"(?:từ khóa|từ khoá|tags?|thẻ)\s*:?\s", re.IGNORECASE)
_TAGS_FIELD = re.compile(r"field--name-field-tags|field--tags(?:\s|$)")
_AUTHOR_WORDS = re.compile(r"tac-?gia|author|byline|nguoi-?viet", re.IGNORECASE)
_LABEL_WORDS = re.compile(r"(?:^|\s)\S*(?:[_-]label|[_-]title)(?:\s|$)", re.IGNORECASE)  # a field's label


@dataclass(frozen=True)
class Located:
    """Where an article's parts are on a page; ``scope`` holds them all (their nearest common ancestor)."""

    title: html.HtmlElement
    body: html.HtmlElement
    scope: html.HtmlElement


def title_candidates(tree: html.HtmlElement, og_title: str | None) -> list[str]:
    """What the main heading may read, most specific first: ``og:title``, ``<title>`` and its parts."""
    found: list[str] = []
    if og_title:
        found.append(og_title)
    for element in tree.iterfind(".//title"):
        title = clean(element.text_content())
        if title:
            cuts = [m.span() for m in _TITLE_SEPARATORS.finditer(title)]
            parts = [title[:start] for start, _ in cuts] + [title[end:] for _, end in cuts]
            found += [title, *sorted((p for p in parts if len(p) >= 8), key=len, reverse=True)]
        break
    return list(dict.fromkeys(key(t) for t in found if t))


def key(text: str) -> str:
    """How two titles are compared: cleaned, case-folded, without closing punctuation."""
    return clean(text).casefold().rstrip(" .:")


def is_side_block(element: html.HtmlElement, title: html.HtmlElement | None = None) -> bool:
    """``element`` is a menu, sidebar, related-news list, pager ... or lies inside one.

    A region that holds the article's ``title`` is a wrapper of the page, not a side block
    (themes name their main grid ``sidebar-grid``, ``has-breadcrumb``, ``layout-no-sidebars`` ...).
    """
    for node in (element, *element.iterancestors()):
        if node.tag in {"body", "html"}:
            return False
        if _is_region(node) and (title is None or not contains(node, title)):
            return True
    return False


def _is_region(node: html.HtmlElement) -> bool:
    if node.tag == "main" or node.get("role") == "main":
        return False  # the page's main content, whatever else its classes say ("has-breadcrumb")
    if node.tag in _REGION_TAGS or (node.get("role") or "") in _REGION_ROLES or _is_hidden(node):
        # An <article>'s or <main>'s own <header> and <footer> hold its title, date and byline.
        return node.tag not in {"header", "footer"} or not any(
            a.tag in {"article", "main"} or a.get("role") == "main" for a in node.iterancestors()
        )
    return _names_a_side_block(f"{node.get('class') or ''} {node.get('id') or ''}")


@lru_cache(maxsize=4096)  # a page has a few dozen class names, repeated on every page
def _names_a_side_block(words: str) -> bool:
    return bool(words.strip()) and _SIDE_WORDS.search(words) is not None


def _is_hidden(node: html.HtmlElement) -> bool:
    style = node.get("style")
    if style and "display:none" in style.replace(" ", "").lower():
        return True
    names = node.get("class")
    return bool(names) and _HIDDEN_CLASS.search(names) is not None


def locate(tree: html.HtmlElement, og_title: str | None) -> Located | None:
    """The main heading and the body after it, or None when the page has no such pair."""
    body_tag = tree.find("body")
    if body_tag is None:
        return None
    headings = title_elements(body_tag, title_candidates(tree, og_title))
    if not headings:
        return None
    body = densest_block(body_tag, headings)
    if body is None:
        return None
    title = _nearest_before(headings, body)
    return Located(title=title, body=body, scope=common_ancestor(title, body))


def title_elements(root: html.HtmlElement, candidates: list[str]) -> list[html.HtmlElement]:
    """Elements, outside side blocks, whose whole text is one of ``candidates``: the innermost of each."""
    if not candidates:
        return []
    wanted = set(candidates)
    lengths = {len(c) for c in candidates}
    matches = _title_texts(root, wanted, lengths) or _title_holders(root, wanted, lengths)
    innermost = [m for m in matches if not any(o is not m and contains(m, o) for o in matches)]
    headings = [
        m for m in innermost if m.tag in _HEADINGS or any(a.tag in _HEADINGS for a in m.iterancestors())
    ]
    return headings or innermost


def _title_texts(root: html.HtmlElement, wanted: set[str], lengths: set[int]) -> list[html.HtmlElement]:
    """The fast way: elements whose own text (one text node) is the title."""
    low, high = min(lengths) - 2, max(lengths) + max(lengths) // 5 + 2
    found = []
    for text in _TEXTS(root):
        if low <= len(text) <= high * 2 and text.is_text and key(text) in wanted:
            element = text.getparent()
            if element is not None and key(element_text(element)) in wanted and not _outside_article(element):
                found.append(element)
    return found


def _title_holders(root: html.HtmlElement, wanted: set[str], lengths: set[int]) -> list[html.HtmlElement]:
    """The thorough way, for a title split over several elements (``<h1>Tên <em>bài</em></h1>``)."""
    matches: list[html.HtmlElement] = []
    for element in root.iter(*_TITLE_HOLDERS):
        raw = element.text_content()
        if not raw or len(raw) < min(lengths) or len(raw) > 3 * max(lengths) + 200:
            continue
        size = len(clean(raw))  # the markup's spaces and line breaks aside, the title's length
        if not any(abs(size - length) <= 2 + length // 10 for length in lengths):
            continue
        if key(element_text(element)) in wanted and not _outside_article(element):
            matches.append(element)
    return matches


def _outside_article(element: html.HtmlElement) -> bool:
    """In the page's navigation, footer or a hidden element: where a title is repeated, not shown."""
    return any(
        node.tag in {"nav", "footer", "aside"} or _is_hidden(node)
        for node in (element, *element.iterancestors())
    )


def contains(outer: html.HtmlElement, inner: html.HtmlElement) -> bool:
    return any(a is outer for a in inner.iterancestors())


def densest_block(root: html.HtmlElement, headings: list[html.HtmlElement]) -> html.HtmlElement | None:
    """The element after the first heading whose own paragraphs hold the most text, outside side blocks."""
    start = _position(headings[0])
    scores: dict[html.HtmlElement, int] = {}
    for paragraph in root.iter("p", "div", "br"):
        parent = paragraph.getparent()
        if parent is None or parent.tag in SKIPPED_TAGS:
            continue
        if paragraph.tag == "br":
            chars = len((paragraph.tail or "").strip())
        elif paragraph.tag == "div" and any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in paragraph):
            continue
        else:
            chars = len(paragraph.text_content().strip())
        if chars:
            scores[parent] = scores.get(parent, 0) + chars
    for element, chars in sorted(scores.items(), key=lambda item: item[1], reverse=True):
        if chars < MIN_BODY_CHARS and not _links_a_file(element):
            continue  # a short body is one only when it gives the document ("xem văn bản đính kèm")
        if any(contains(element, h) for h in headings) or _position(element) < start:
            continue
        if not is_side_block(element, headings[0]):
            return _widen(element, headings)
    return None


def _links_a_file(element: html.HtmlElement) -> bool:
    return any(file_type((a.get("href") or "").strip(), a.get("type")) for a in element.iter("a"))


def _widen(body: html.HtmlElement, headings: list[html.HtmlElement]) -> html.HtmlElement:
    """The body's wrapper when its other children are body text too (a table, a list, a figure ...)."""
    total = len(body.text_content())
    for parent in body.iterancestors():
        if parent.tag in {"body", "html"} or _is_region(parent) or any(contains(parent, h) for h in headings):
            break
        siblings = [c for c in parent if c is not body and isinstance(c.tag, str)]
        if not any(
            c.tag in _BODY_PARTS and (c.text_content().strip() or c.find(".//img") is not None)
            for c in siblings
        ):
            break
        if len(parent.text_content()) > total * 1.3 + 200:
            break
        body, total = parent, len(parent.text_content())
    return body


def _nearest_before(headings: list[html.HtmlElement], body: html.HtmlElement) -> html.HtmlElement:
    """Of the title's headings, the last before the body (the body's own heading, not the portlet's)."""
    where = _position(body)
    before = [h for h in headings if _position(h) < where]
    return before[-1] if before else headings[0]


def common_ancestor(first: html.HtmlElement, second: html.HtmlElement) -> html.HtmlElement:
    ancestors = [first, *first.iterancestors()]  # held: lxml makes a new proxy for a node no one holds
    for node in (second, *second.iterancestors()):
        if any(node is a for a in ancestors):
            return node
    return first.getroottree().getroot()


def _position(element: html.HtmlElement) -> int:
    """The element's place in document order."""
    return int(_DOCUMENT_ORDER(element))


def between(
    scope: html.HtmlElement, first: html.HtmlElement, last: html.HtmlElement
) -> list[html.HtmlElement]:
    """Elements of ``scope`` after ``first`` (not inside it) and before ``last`` (not inside it)."""
    found: list[html.HtmlElement] = []
    started = False
    for element in scope.iter():
        if element is last:
            break
        if element is first:
            started = True
            continue
        if started and isinstance(element.tag, str) and not contains(first, element):
            found.append(element)
    return found


def under_a_teaser(found: Located) -> bool:
    """Whether a headline linking elsewhere stands between the title and the body: the body is a
    teaser's (an archive page's heading, then its posts' headlines and excerpts), not the title's."""
    return any(
        element.tag in _HEADINGS and element.find(".//a[@href]") is not None
        for element in between(found.scope, found.title, found.body)
    )


def breadcrumb_category(tree: html.HtmlElement, title: str | None) -> str | None:
    """The deepest link of the breadcrumb trail other than the home page and the article itself."""
    for trail in _breadcrumbs(tree):
        links = [clean(element_text(a)) for a in trail.iter("a")]
        links = [
            t for t in links if t and not _HOME_TEXT.match(t) and (title is None or key(t) != key(title))
        ]
        if links:
            return links[-1]
        return None
    return None


def _breadcrumbs(tree: html.HtmlElement) -> Iterator[html.HtmlElement]:
    """Breadcrumb trails: named so by the theme, then rows of links from the home page with separators."""
    trails: list[html.HtmlElement] = []
    for element in _NAMED_TRAILS(tree):
        words = f"{element.get('class') or ''} {element.get('id') or ''} {element.get('aria-label') or ''}"
        found = _BREADCRUMB_WORDS.search(words) and element.find(".//a") is not None
        if found and not any(contains(t, element) for t in trails):
            trails.append(element)
            yield element
    for home in _SHORT_LINKS(tree):  # only when no named trail gave a category
        if not _HOME_TEXT.match(element_text(home)):
            continue
        parent = home.getparent()
        if parent is None or any(t is parent for t in trails):
            continue
        links = parent.findall("a")
        rest = clean(parent.text_content())
        for link in links:
            rest = rest.replace(clean(link.text_content()), "", 1)
        if len(links) >= 2 and _TRAIL_REST.fullmatch(rest):
            trails.append(parent)
            yield parent


def article_container(scope: html.HtmlElement) -> html.HtmlElement:
    """The article's own element around ``scope``: an ``<article>`` or a Drupal node (its file fields)."""
    for node in (scope, *scope.iterancestors()):
        if node.tag == "article" or _NODE_CLASS.search(node.get("class") or ""):
            return node
    return scope


def precedes(first: html.HtmlElement, second: html.HtmlElement) -> bool:
    return _position(first) < _position(second)


def file_links(found: Located) -> list[html.HtmlElement]:
    """Links of the article's container outside its body and outside side blocks: its file fields."""
    return [
        a
        for a in article_container(found.scope).iter("a")
        if file_type((a.get("href") or "").strip(), a.get("type"))  # the cheap test first
        and not contains(found.body, a)
        and not is_side_block(a, found.title)
    ]


def featured(found: Located) -> list[html.HtmlElement]:
    """Pictures of the article before its body (a featured image), outside side blocks."""
    images = []
    for element in article_container(found.scope).iter("img"):
        if contains(found.body, element):
            break
        if not is_side_block(element, found.title):
            images.append(element)
    return images


def visible_date(found: Located) -> html.HtmlElement | None:
    """The short line nearest the title that is a date, outside the body and side blocks."""
    title, body = found.title, found.body
    where = _position(title)
    for area in (found.scope, *list(found.scope.iterancestors())[:2]):
        lines: list[html.HtmlElement] = []
        for text in _TEXTS(area):
            if not _LOOKS_DATED.search(text) or (element := text.getparent()) is None:
                continue
            # The whole line the date is on ("Ngày đăng : <span>07/11/2023</span>"), short of the page.
            while (parent := element.getparent()) is not None and parent is not area:
                if len(parent.text_content()) > _MAX_DATE_CHARS or contains(parent, title) or parent is body:
                    break
                element = parent
            if element.tag in SKIPPED_TAGS or element is body or contains(body, element) or element is title:
                continue
            if any(element is line for line in lines) or len(element.text_content()) > _MAX_DATE_CHARS:
                continue
            if parse_date_precise(element_text(element)) is not None and not is_side_block(element, title):
                lines.append(element)
        if lines:
            return min(lines, key=lambda d: (_position(d) < where, abs(_position(d) - where)))
    return None


def time_values(found: Located, updated: bool = False) -> list[str]:
    """Machine-readable dates of the article: ``<time datetime>``, ``itemprop=datePublished``; with
    ``updated``, those of its last edit only: hAtom's ``updated`` (WordPress's ``<time class="updated"
    datetime>``), ``itemprop=dateModified``."""
    return [
        value
        for element in _MACHINE_DATES(article_container(found.scope))
        if _of_edit(element) == updated
        and not is_side_block(element, found.title)
        and (value := element.get("datetime") or element.get("content"))
    ]


def _of_edit(element: html.HtmlElement) -> bool:
    """A time of the last edit alone (``class="published updated"``: never edited since)."""
    classes = (element.get("class") or "").split()
    return ("updated" in classes and "published" not in classes) or element.get("itemprop") == "dateModified"


def tags(found: Located) -> tuple[str, ...]:
    """The article's keywords: the links of the block labelled "Từ khóa" (or a Drupal tags field),
    else the links marked ``rel="tag"`` (``rel_categories``)."""
    for element in _around_body(found):
        labelled = _TAGS_FIELD.search(element.get("class") or "") or _TAGS_LABEL.match(_own_text(element))
        if labelled and element.find(".//a") is not None and not is_side_block(element, found.title):
            return tuple(dict.fromkeys(t for a in element.iter("a") if (t := element_text(a))))
    return _rel_tags(found, category=False)


def rel_categories(found: Located) -> tuple[str, ...]:
    """The article's categories as the rel-tag microformat marks them: WordPress writes its category
    links ``rel="category tag"`` and its tags ``rel="tag"``, around the body."""
    return _rel_tags(found, category=True)


def _rel_tags(found: Located, category: bool) -> tuple[str, ...]:
    names = []
    for element in _around_body(found):
        rel = (element.get("rel") or "").lower().split() if element.tag == "a" else ()
        if "tag" in rel and ("category" in rel) == category and (text := element_text(element)):
            names.append(text)
    return tuple(dict.fromkeys(names))


def looks_dated(text: str) -> bool:
    """Whether ``text`` may hold a date: a cheap test before the date parser."""
    return _LOOKS_DATED.search(text) is not None


def _around_body(found: Located) -> Iterator[html.HtmlElement]:
    """The article container's elements in document order, the body's subtree left out."""
    stack = [article_container(found.scope)]
    while stack:
        element = stack.pop()
        if element is found.body:
            continue
        yield element
        stack.extend(reversed([child for child in element if isinstance(child.tag, str)]))


def _own_text(element: html.HtmlElement) -> str:
    """The text an element opens with: its own, or its first child's (a label)."""
    first = next((c for c in element if isinstance(c.tag, str)), None)
    own = (element.text or "").strip()
    return clean(own or (first.text or "" if first is not None else "")) + " "


def byline_outside(found: Located) -> str | None:
    """The text of an author field after the body (``field--name-field-tac-gia``, ``p.tac-gia``)."""
    for element in _around_body(found):
        words = f"{element.get('class') or ''} {element.get('id') or ''} {element.get('itemprop') or ''}"
        if _AUTHOR_WORDS.search(words) and not _LABEL_WORDS.search(words):
            labels = [d for d in element.iterdescendants() if _LABEL_WORDS.search(d.get("class") or "")]
            text = element_text(element)
            for label in labels:
                text = text.replace(element_text(label), "", 1)
            if text.strip(" :"):
                return text.strip(" :")
    return None
