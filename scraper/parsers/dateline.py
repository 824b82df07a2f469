"""The dateline that opens a lead: ``13/12/2021 (Sở TT&TT AG) – Tổng kết ...``.

Publication date, then an optional source tag (in brackets or bare), then a dash and the
lead sentence. ``05:07 20/10/2021 - ...`` (time first) and ``16/11/2021 Sở TT&TT AG - ...``
(no brackets) are the site's other forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from scraper.parsers.dates import parse_date_precise
from scraper.parsers.records import Precision

_DATELINE = re.compile(
    r"^\s*(?P<when>(?:\d{1,2}:\d{2}\s+)?\d{1,2}/\d{1,2}/\d{4}"
    r"(?:\s*[-|,]?\s*\d{1,2}:\d{2}(?:\s*(?:SA|CH|AM|PM)\b)?)?)"
    r"\s*(?:\((?P<bracketed>[^()]{1,80})\)\s*|(?P<bare>[^()–—:\-]{1,40}?)\s+)?"
    r"(?:[–—-]|:)\s*(?P<lead>.*)$",
    re.DOTALL | re.IGNORECASE,
)


@dataclass(frozen=True)
class Dateline:
    published_at: datetime
    precision: Precision
    source: str | None
    lead: str


def split_dateline(text: str) -> Dateline | None:
    """The dateline's parts, or None if ``text`` does not open with one."""
    match = _DATELINE.match(text)
    if not match:
        return None
    found = parse_date_precise(match.group("when"))
    if found is None:
        return None
    source = (match.group("bracketed") or match.group("bare") or "").strip() or None
    return Dateline(found[0], found[1], source, match.group("lead").strip())
