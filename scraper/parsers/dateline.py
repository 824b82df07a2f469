"""The dateline that opens a lead: ``13/12/2021 (Sở TT&TT AG) – Tổng kết ...``.

Publication date, then an optional source tag (in brackets or bare), then a dash and the
lead sentence. ``05:07 20/10/2021 - ...`` (time first) and ``16/11/2021 Sở TT&TT AG - ...``
(no brackets) are the site's other forms. A lead may also open with the source tag alone,
without a date: ``(Sở TT&TT AG) – Sáng ngày 9/12/2021, ...``, ``Sở TT&TT AG - Chiều 19/12, ...``,
``(sokhcn.angiang.gov.vn) - ...``; the date in such a lead is the event's, not the publication's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from scraper.parsers.dates import parse_date_precise
from scraper.parsers.records import Precision

_DASH = r"(?:[–—-]|:)"
_DATELINE = re.compile(
    r"^\s*(?P<when>(?:\d{1,2}[:h]\d{2}(?:\s*(?:SA|CH|AM|PM)\b)?,?\s+)?\d{1,2}/\d{1,2}/\d{4}"
    r"(?:\s*[-|,]?\s*\d{1,2}:\d{2}(?:\s*(?:SA|CH|AM|PM)\b)?)?)"
    r"\s*(?:\((?P<bracketed>[^()]{1,80})\)\s*|(?P<bare>[^()–—:\-]{1,40}?)\s+)?"
    rf"{_DASH}\s*(?P<lead>.*)$",
    re.DOTALL | re.IGNORECASE,
)
# A source tag without a date: in brackets, or bare when it names the department or a host.
_SOURCE_ONLY = re.compile(
    r"^\s*(?:\((?P<bracketed>[^()]{2,80})\)|(?P<bare>Sở\s[^()–—:\-]{2,40}?|[\w-]+(?:\.[\w-]+)+\.vn))"
    r"\s*[–—-]\s*(?P<lead>\S.*)$",
    re.DOTALL | re.IGNORECASE,
)


@dataclass(frozen=True)
class Dateline:
    published_at: datetime | None  # None: the lead opens with its source only
    precision: Precision | None
    source: str | None
    lead: str

    def date(self) -> tuple[datetime, Precision] | None:
        if self.published_at is None or self.precision is None:
            return None
        return self.published_at, self.precision


def split_dateline(text: str) -> Dateline | None:
    """The dateline's parts, or None if ``text`` does not open with one (or with a source tag)."""
    match = _DATELINE.match(text)
    if match:
        found = parse_date_precise(match.group("when"))
        if found is not None:
            source = (match.group("bracketed") or match.group("bare") or "").strip() or None
            return Dateline(found[0], found[1], source, match.group("lead").strip())
    match = _SOURCE_ONLY.match(text)
    if match:
        source = (match.group("bracketed") or match.group("bare")).strip()
        return Dateline(None, None, source, match.group("lead").strip())
    return None
