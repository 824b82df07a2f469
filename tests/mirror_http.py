"""Pages of a mirror over real HTTP, as the mirror's tests read them: redirects not followed."""

from __future__ import annotations

import http.client
from urllib.parse import urlsplit

import lxml.html

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def fetch(url: str, headers: dict[str, str] | None = None, method: str = "GET", timeout: float = 10.0):
    """(status, lower-cased headers, body) without following redirects."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def page(url: str) -> lxml.html.HtmlElement:
    status, _, body = fetch(url)
    assert status == 200, url
    return lxml.html.fromstring(body)


def text(node: lxml.html.HtmlElement) -> str:
    return " ".join(node.text_content().split())
