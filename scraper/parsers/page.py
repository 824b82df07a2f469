"""A page parsed once: decoded, NFC, links absolute, Cloudflare e-mails revealed, metadata read."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree, html

from scraper.parsers.contacts import reveal_cfemails
from scraper.parsers.decoding import decode_page
from scraper.parsers.text import clean, nfc


@dataclass(frozen=True)
class Page:
    url: str
    tree: html.HtmlElement

    def meta(self, key: str) -> str | None:
        """``<meta property|name=key content=...>``, cleaned, or None."""
        found = self.tree.xpath(f'//meta[@property="{key}" or @name="{key}"]/@content')
        return clean(found[0]) or None if found else None

    def link(self, rel: str) -> str | None:
        found = self.tree.xpath(f'//link[@rel="{rel}"]/@href')
        return found[0].strip() or None if found else None


def load_page(content: bytes | str, url: str, charset: str | None = None) -> Page:
    """Parse ``content`` (bytes with the server's declared ``charset``, or text) into a ``Page``."""
    text = decode_page(content, charset) if isinstance(content, bytes) else content
    text = nfc(text)
    try:
        tree = html.document_fromstring(text, base_url=url)
    except (etree.ParserError, ValueError):
        tree = html.document_fromstring("<html><body></body></html>", base_url=url)
    tree.make_links_absolute(url, resolve_base_href=True, handle_failures="ignore")
    reveal_cfemails(tree)
    return Page(url=url, tree=tree)
