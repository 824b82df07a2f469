"""Pieces the markup dialects share: images (plain or lazy), body paragraphs, dates, portal ids.

The dialects (``render_wps_dialects.py``, ``render_drupal_dialects.py``) write the same content
with different markup; what they write goes through here so that the text stays identical.
"""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, datetime

from mirror.content import dateline_text
from mirror.model import Article
from mirror.page_parts import esc
from mirror.vntext import day

# The 1x1 GIF that jQuery lazyload / lazysizes pages put in ``src`` until the real picture loads.
GIF_PLACEHOLDER = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
# What the Drupal Blazy module writes in ``src`` (an empty SVG the size of the picture).
BLAZY_PLACEHOLDER = (
    "data:image/svg+xml;charset=utf-8,%3Csvg%20xmlns%3D%27http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%27"
    "%20viewBox%3D%270%200%201%201%27%2F%3E"
)


def image(
    src: str, *, lazy: str | None = None, alt: str = "", cls: str = "", attrs: str = "", xhtml: bool = False
) -> str:
    """``<img>``: ``lazy`` is ``data-src`` or ``data-original`` (the real address only there)."""
    classes = f' class="{cls}"' if cls else ""
    end = " />" if xhtml else ">"
    if lazy:
        placeholder = BLAZY_PLACEHOLDER if "b-lazy" in cls else GIF_PLACEHOLDER
        return f'<img{classes} src="{esc(placeholder)}" {lazy}="{esc(src)}" alt="{esc(alt)}"{attrs}{end}'
    return f'<img{classes} src="{esc(src)}" alt="{esc(alt)}"{attrs}{end}'


def lead_parts(article: Article, dated: bool = True) -> tuple[str | None, str]:
    """(``dateline dash`` or None, lead): the two halves of the lead line."""
    dateline = dateline_text(article) if dated else None
    if dateline is None:
        return None, article.lead
    return f"{dateline} {article.dash}", article.lead


def twelve_hour(value: datetime) -> str:
    """``09/05/2025 3:25 CH`` (SA before noon, CH after), as Vietnamese Drupal sites print it."""
    hour = value.hour % 12 or 12
    return f"{day(value)} {hour}:{value.minute:02d} {'SA' if value.hour < 12 else 'CH'}"


def utc_stamp(value: datetime) -> str:
    """Drupal's ``<time datetime>``: ``2021-12-13T01:30:00Z``."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def portal_id(*parts: object) -> str:
    """A WebSphere Portal object id (``Z7_…`` windows, ``Z6_…`` pages), stable for its parts."""
    prefix = str(parts[0])
    digest = hashlib.blake2b(":".join(str(p) for p in parts).encode(), digest_size=20).digest()
    return f"{prefix}_{base64.b32encode(digest).decode()[:26]}"


def file_label(name: str) -> str:
    """An attachment's type for Drupal's file classes: ``application-pdf``."""
    return "application-pdf" if name.lower().endswith(".pdf") else "application-octet-stream"
