"""Crawled text is untrusted: what may reach a terminal, an XML feed or a JSON line from it.

HTML is escaped where it is written (``html.escape``, feedgen's XML); this module removes what
no output should carry: control characters (terminal escape sequences start with ESC or the C1
``CSI``), bidirectional overrides that make text read differently than it is, and the
characters XML 1.0 forbids.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

# C0 controls but tab and line feed, DEL, C1 controls, bidi embeddings/overrides/isolates and marks,
# line/paragraph separators, and the noncharacters XML refuses.
UNSAFE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)


def printable(text: str | None) -> str:
    """``text`` without control and bidi characters (tabs and line breaks kept); '' for None."""
    return UNSAFE.sub("", text) if text else ""


def one_line(text: str | None) -> str:
    """``printable(text)`` with every run of whitespace, line breaks included, as one space."""
    return " ".join(printable(text).split())


def safe_json(value: Any, indent: int | None = None) -> str:
    """JSON, UTF-8 text kept readable, every unsafe character written as a ``\\uXXXX`` escape."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def safe_href(url: str | None) -> str | None:
    """``url`` if it is an http(s) address to link to, else None (no ``javascript:``, no ``data:``)."""
    if not url:
        return None
    cleaned = printable(url).strip()
    return cleaned if urlsplit(cleaned).scheme.lower() in ("http", "https") else None
