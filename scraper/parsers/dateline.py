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
from functools import cache

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
class Conventions:
    """A site's own ways of opening a lead, tried before the defaults above (a site profile's
    ``datelines`` and ``source_tags``). ``datelines``: regular expressions matched at the lead's
    start, with the groups ``when`` (the date, as ``scraper.parsers.dates`` reads it) and ``lead``,
    and optionally ``source``; ``source_tags``: regular expressions of source names a lead may open
    with, bare, before a dash (``Báo Kiên Giang - ...``)."""

    datelines: tuple[str, ...] = ()
    source_tags: tuple[str, ...] = ()

    def check(self) -> None:
        """``ValueError`` naming the first pattern that does not compile or lacks a group it needs."""
        for pattern in self.datelines:
            groups = _compiled(pattern).groupindex
            if "when" not in groups or "lead" not in groups:
                raise ValueError(f"dateline {pattern!r} needs the groups (?P<when>...) and (?P<lead>...)")
        for pattern in self.source_tags:
            _compiled(pattern)


DEFAULT = Conventions()


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.DOTALL | re.IGNORECASE)
    except re.error as error:
        raise ValueError(f"{pattern!r} is not a regular expression: {error}") from None


@cache
def _source_only(tags: tuple[str, ...]) -> re.Pattern[str]:
    """A lead opening with one of the site's own source tags, bare, then a dash."""
    names = "|".join(f"(?:{tag})" for tag in tags)
    return re.compile(rf"^\s*(?P<bare>{names})\s*[–—-]\s*(?P<lead>\S.*)$", re.DOTALL | re.IGNORECASE)


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


def split_dateline(text: str, conventions: Conventions = DEFAULT) -> Dateline | None:
    """The dateline's parts, or None if ``text`` does not open with one (or with a source tag): the
    site's own ``conventions`` first, then the defaults."""
    for pattern in conventions.datelines:
        match = _compiled(pattern).match(text)
        found = parse_date_precise(match.group("when")) if match else None
        if match and found is not None:
            source = (match.groupdict().get("source") or "").strip() or None
            return Dateline(found[0], found[1], source, match.group("lead").strip())
    if conventions.source_tags and (match := _source_only(conventions.source_tags).match(text)):
        return Dateline(None, None, match.group("bare").strip(), match.group("lead").strip())
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
