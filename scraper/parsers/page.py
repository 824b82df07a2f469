"""A page parsed once: decoded, NFC, links absolute, Cloudflare e-mails revealed, metadata read."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree, html

from scraper.parsers.contacts import reveal_cfemails
from scraper.parsers.decoding import Decoded, decode
from scraper.parsers.text import clean, nfc
from scraper.urls import canonical

# Control characters (NUL ...) that lxml refuses; they carry no text.
_XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Compiled once: lxml compiles a path given as a string at every call.
_META = etree.XPath("//meta[@property=$key or @name=$key]/@content")
_LINK = etree.XPath("//link[@rel=$rel]/@href")
_BASE = etree.XPath("//base/@href")


@dataclass(frozen=True)
class Page:
    url: str
    tree: html.HtmlElement
    base: str  # what relative links resolve against: <base href> or the page's address
    replaced_bytes: int = 0  # bytes that were not text in the page's encoding (now U+FFFD)

    def absolute(self, href: str | None) -> str | None:
        """``href`` resolved against the page's base; None if empty or unusable."""
        href = (href or "").strip()
        if not href:
            return None
        try:
            return urljoin(self.base, href)
        except ValueError:
            return None

    def absolutize(self, element: html.HtmlElement) -> html.HtmlElement:
        """Make the links under ``element`` absolute (only where they are used: cheap)."""
        with contextlib.suppress(ValueError):  # an unusable base: links stay as written
            element.make_links_absolute(self.base, resolve_base_href=False, handle_failures="ignore")
        return element

    def meta(self, key: str) -> str | None:
        """``<meta property|name=key content=...>``, cleaned, or None."""
        found = _META(self.tree, key=key)
        return clean(found[0]) or None if found else None

    def link(self, rel: str) -> str | None:
        found = _LINK(self.tree, rel=rel)
        return self.absolute(found[0]) if found else None

    def canonical_url(self) -> str:
        """The page's ``rel=canonical`` if usable, else its own address, canonicalised."""
        for candidate in (self.link("canonical"), self.url):
            if candidate:
                try:
                    return canonical(candidate)
                except ValueError:
                    continue
        return self.url


def load_page(content: bytes | str, url: str, charset: str | None = None) -> Page:
    """Parse ``content`` (bytes with the server's declared ``charset``, or text) into a ``Page``."""
    decoded = decode(content, charset) if isinstance(content, bytes) else Decoded(content)
    text = _XML_INCOMPATIBLE.sub("", nfc(decoded.text))
    try:
        tree = html.document_fromstring(text, base_url=url)
    except (etree.ParserError, ValueError):
        tree = html.document_fromstring("<html><body></body></html>", base_url=url)
    reveal_cfemails(tree)
    return Page(url=url, tree=tree, base=_base(url, _BASE(tree)), replaced_bytes=decoded.replaced)


def _base(url: str, base_hrefs: list[str]) -> str:
    """The page's ``<base href>`` resolved against its address, if it is usable."""
    for href in base_hrefs[:1]:
        try:
            return urljoin(url, href.strip())
        except ValueError:
            break
    return url
