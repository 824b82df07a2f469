"""An article body taken apart: paragraphs, images with captions, byline, files, contacts.

Works on any body element, whichever profile found it; links are already absolute.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from lxml import html

from scraper.parsers.contacts import contact_from_text
from scraper.parsers.records import Attachment, Contact, Image
from scraper.parsers.text import SKIPPED_TAGS, element_text

BLOCK_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "tr", "dd", "dt", "address"})
CONTAINER_TAGS = frozenset(
    {
        "div",
        "section",
        "article",
        "ul",
        "ol",
        "dl",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "blockquote",
        "center",
    }
)
FILE_TYPES = frozenset({"pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "zip", "rar", "7z", "odt", "ods"})
GENERIC_LINK_TEXT = re.compile(
    r"^(tải về|tải xuống|tại đây|xem tại đây|download|xem|xem chi tiết|(?:file |tệp )?đính kèm)?$",
    re.IGNORECASE,
)
_BYLINE_MAX = 80
# A views counter a plugin writes into the body ("Lượt xem: 1.532"): page furniture, not text.
_SPACES = re.compile(r"\s+")
VIEW_COUNT = re.compile(r"^(?:số\s+)?lượt\s+(?:xem|đọc|truy\s+cập)\s*:?\s*[\d.,]+$", re.IGNORECASE)
_AUTHOR_SPLIT = re.compile(r"\s+[–—-]\s+|\s*[,;]\s*|\s+và\s+")
_BYLINE_PREFIX = re.compile(
    r"^(?:(?:bài|tin|ảnh|bài và ảnh|tin và ảnh|tác giả)(?:\s*,\s*ảnh)?\s*:\s*)", re.IGNORECASE
)
_EMPHASIS = frozenset({"strong", "b", "em", "i", "span"})
# Where lazy loaders keep the real address; ``src`` last, since it may hold the placeholder.
_LAZY_SOURCES = ("data-src", "data-original", "data-lazy-src", "data-srcset", "src", "srcset")
_ICON_PIXELS = 32
_ICON_NAME = re.compile(r"(?:^|[/_.-])icons?(?:[/_.-]|$)|file-?type|mime", re.IGNORECASE)


@dataclass(frozen=True)
class Body:
    paragraphs: tuple[str, ...]
    images: tuple[Image, ...]
    attachments: tuple[Attachment, ...]
    authors: tuple[str, ...]
    contacts: tuple[Contact, ...]


@dataclass
class _Block:
    element: html.HtmlElement
    text: str
    images: list[str]


def take_apart(body: html.HtmlElement, *, skip: html.HtmlElement | None = None) -> Body:
    """Paragraph texts (captions and byline removed), images, files, authors, contacts.

    ``skip`` is a block of the body that is not body text (the lead, when the body opens with it).
    """
    images: list[Image] = []
    paragraphs: list[_Block] = []
    uncaptioned: list[str] = []  # images of the previous block: the next block may caption them

    def settle(caption: str | None = None) -> None:
        """Record the pending images; ``caption`` belongs to the last of them."""
        plain = uncaptioned[:-1] if caption else uncaptioned
        images.extend(Image(src, None) for src in plain)
        if caption and uncaptioned:
            images.append(Image(uncaptioned[-1], caption))
        uncaptioned.clear()

    for block in _blocks(body):
        if block.element is skip:
            continue
        if block.images:
            settle()
            uncaptioned[:] = block.images
            caption = _figure_caption(block.element)
            if caption:
                settle(caption)
                continue
            if not block.text:
                continue
        elif uncaptioned and block.text and _is_caption(block.element, block.text):
            settle(block.text)
            continue
        settle()
        if block.text and not _is_furniture(block):
            paragraphs.append(block)
    settle()
    authors: tuple[str, ...] = ()
    if paragraphs and _is_byline(paragraphs[-1]):
        authors = split_authors(paragraphs.pop().text)
    texts = tuple(block.text for block in paragraphs)
    contacts = tuple(c for c in (contact_from_text(t, "article") for t in texts) if c is not None)
    return Body(texts, tuple(_unique_images(images)), attachments(body), authors, contacts)


def first_block(body: html.HtmlElement) -> html.HtmlElement | None:
    """The body's first block of text (images before it do not count)."""
    for block in _blocks(body):
        if block.text and not block.images:
            return block.element
        if block.text:
            return None
    return None


def is_lead_block(block: html.HtmlElement, opens_with_dateline: bool) -> bool:
    """The body's first block is its lead when it opens with a dateline or source tag, or is all bold."""
    return opens_with_dateline or _wholly_emphasised(block, {"strong", "b"})


def featured_images(images: list[html.HtmlElement]) -> list[Image]:
    """Pictures of the article outside its body; theme icons and placeholders are not pictures."""
    return [Image(src, None) for img in images if (src := image_source(img))]


def _blocks(element: html.HtmlElement) -> Iterator[_Block]:
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if not tag or tag in SKIPPED_TAGS:
            continue
        if tag == "figure" or tag in BLOCK_TAGS or (tag in CONTAINER_TAGS and not _has_blocks(child)):
            yield _Block(child, _one_line(child), _image_sources(child))
        elif tag in CONTAINER_TAGS:
            yield from _blocks(child)
        else:  # an inline element straight in the body: a block of its own
            yield _Block(child, _one_line(child), _image_sources(child))


def _one_line(element: html.HtmlElement) -> str:
    """A block's text on one line: a ``<br>`` inside a paragraph is a space in the paragraph's text."""
    return element_text(element).replace("\n", " ")


def _has_blocks(element: html.HtmlElement) -> bool:
    return any(
        isinstance(d.tag, str) and (d.tag in BLOCK_TAGS or d.tag in CONTAINER_TAGS or d.tag == "figure")
        for d in element.iterdescendants()
    )


def _image_sources(element: html.HtmlElement) -> list[str]:
    found = [element] if element.tag == "img" else element.iter("img")
    return [src for img in found if (src := image_source(img))]


def image_source(img: html.HtmlElement) -> str | None:
    """The picture's address: a lazy loader's real one over a ``data:`` placeholder; None for an icon."""
    if _is_icon(img):
        return None
    for attribute in _LAZY_SOURCES:
        value = (img.get(attribute) or "").strip()
        if attribute.endswith("srcset"):
            value = value.split(",")[0].strip().split(" ")[0] if value else ""
        if value and not value.startswith("data:"):
            return value
    return None


def _is_icon(img: html.HtmlElement) -> bool:
    """A theme's file-type or decoration icon: tiny, named so, or the picture of a link to a file."""
    sizes = [img.get("width") or "", img.get("height") or ""]
    if any(size.isdigit() and int(size) <= _ICON_PIXELS for size in sizes):
        return True
    if _ICON_NAME.search(img.get("src") or "") or _ICON_NAME.search(img.get("class") or ""):
        return True
    link = next((a for a in img.iterancestors("a")), None)
    return link is not None and file_type((link.get("href") or "").strip(), link.get("type")) is not None


def _figure_caption(element: html.HtmlElement) -> str | None:
    captions = element.xpath(".//figcaption")
    return (element_text(captions[0]) or None) if captions else None


def _is_caption(element: html.HtmlElement, text: str) -> bool:
    """A short paragraph right after an image, set in italics or centred."""
    if len(text) > 300:
        return False
    style = (element.get("style") or "").replace(" ", "").lower()
    return "text-align:center" in style or _wholly_emphasised(element, {"em", "i"})


def _is_furniture(block: _Block) -> bool:
    """Page furniture in the body, not article text: a "Tải về" link to a file, or links to files
    with such a button (WordPress's file block: the file's name, then "Tải xuống"); a views counter.
    A link to a file named in words ("Thông báo số 1245/TB-STTTT") is text."""
    if VIEW_COUNT.match(block.text):
        return True
    if GENERIC_LINK_TEXT.match(block.text) and attachments(block.element):
        return True
    links = block.element.xpath(".//a[@href]")
    if not links or not all(file_type((a.get("href") or "").strip(), a.get("type")) for a in links):
        return False
    texts = [element_text(a) for a in links]
    only_links = _SPACES.sub("", block.text) == "".join(_SPACES.sub("", text) for text in texts)
    return only_links and any(GENERIC_LINK_TEXT.match(text) for text in texts)


def _is_byline(block: _Block) -> bool:
    text = block.text
    if len(text) > _BYLINE_MAX or text.endswith((".", ":", ";", "?", "!")) or re.search(r"\d", text):
        return False
    style = (block.element.get("style") or "").replace(" ", "").lower()
    return "text-align:right" in style or _wholly_emphasised(block.element, _EMPHASIS)


def _wholly_emphasised(element: html.HtmlElement, tags: set[str] | frozenset[str]) -> bool:
    """Every bit of text of ``element`` sits inside one of ``tags``."""
    if (element.text or "").strip():
        return False
    children = [c for c in element if isinstance(c.tag, str)]
    if not children:
        return False
    for child in children:
        if (child.tail or "").strip():
            return False
        if child.tag not in tags and not _wholly_emphasised(child, tags):
            return False
    return True


def split_authors(byline: str) -> tuple[str, ...]:
    byline = _BYLINE_PREFIX.sub("", byline.strip())
    return tuple(name.strip(" .") for name in _AUTHOR_SPLIT.split(byline) if name.strip(" ."))


def attachments(*roots: html.HtmlElement) -> tuple[Attachment, ...]:
    """Links to files (PDF, DOC, XLS, ZIP ...) under ``roots``, once each, in document order."""
    found: dict[str, Attachment] = {}
    for root in roots:
        links = [root] if root.tag == "a" else root.iter("a")
        for link in links:
            url = (link.get("href") or "").strip()
            kind = file_type(url, link.get("type"))
            if kind is None or url in found:
                continue
            name = element_text(link)
            if GENERIC_LINK_TEXT.match(name):
                name = file_name(url)
            found[url] = Attachment(url=url, name=name, type=kind)
    return tuple(found.values())


def file_type(url: str, mime: str | None = None) -> str | None:
    """The file's type by its name (``pdf``, ``docx`` ...), or by its ``type`` attribute; None if no file."""
    try:
        path = urlsplit(url).path
    except ValueError:  # "http://[::1": no address at all
        return None
    suffix = PurePosixPath(unquote(path)).suffix.lower().lstrip(".")
    if suffix in FILE_TYPES:
        return suffix
    if mime and "pdf" in mime.lower():
        return "pdf"
    return None


def file_name(url: str) -> str:
    return PurePosixPath(unquote(urlsplit(url).path)).name


def _unique_images(images: list[Image]) -> list[Image]:
    seen: set[str] = set()
    unique = []
    for image in images:
        if image.src not in seen:
            seen.add(image.src)
            unique.append(image)
    return unique
