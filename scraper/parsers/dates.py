"""Vietnamese dates: a regex fast path for the site's forms, then one prebuilt dateparser.

Day first, always. Every result is aware, in Asia/Ho_Chi_Minh (+07:00). Text that is not
a date (``32/13/2021``, ``Lượt xem: 1234``, a phone number) gives ``None``, never a guess.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from functools import lru_cache

from scraper.parsers.records import Precision
from scraper.parsers.text import clean
from scraper.timezone import SITE_TZ

PLAUSIBLE_YEARS = range(1990, 2101)

_TIME = (
    r"(?P<{p}h>\d{{1,2}})\s*[:hg]\s*(?P<{p}m>\d{{2}})(?::(?P<{p}s>\d{{2}}))?(?:\s*(?P<{p}ap>SA|CH|AM|PM)\b)?"
)
_NUMERIC = re.compile(
    r"(?:(?<![\d:.])" + _TIME.format(p="a") + r"\s*(?:[-|,]\s*)?)?"
    r"(?<![\d.:/])(?P<d>\d{1,2})(?P<sep>[/.-])(?P<mo>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d/]|\.\d)"
    r"(?:\s*(?:[-|,]|lúc|vào)?\s*(?<![\d.])" + _TIME.format(p="b") + r"(?![\d.:]))?",
    re.IGNORECASE,
)
_WORDS = re.compile(
    r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<mo>\d{1,2})\s*(?:năm|,|/)\s*(?P<y>\d{4})(?!\d)", re.IGNORECASE
)
_ISO = re.compile(
    r"(?<!\d)\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d-])"
)
_ISO_HAS_TIME = re.compile(r"\d[T ]\d{2}:")
_YEAR = re.compile(r"(?<!\d)(1[9]\d\d|20\d\d|2100)(?!\d)")


def parse_date(text: str | None) -> datetime | None:
    """The first date in ``text`` as an aware datetime (00:00 when only a day is given)."""
    found = parse_date_precise(text)
    return found[0] if found else None


def parse_date_precise(text: str | None) -> tuple[datetime, Precision] | None:
    """Like ``parse_date``, with whether the text gave the time (``minute``) or only a ``day``."""
    text = clean(text)
    if not text or len(text) > 400:
        return None
    for finder in (_numeric, _words, _iso):
        result = finder(text)
        if result is not None:
            return result if result is not _INVALID else None
    return _fallback(text)


class _Invalid:
    """A date-shaped text whose numbers are no date: stop, do not ask dateparser to guess."""


_INVALID = _Invalid()
_Found = tuple[datetime, Precision] | _Invalid | None


def _numeric(text: str) -> _Found:
    match = _NUMERIC.search(text)
    if not match:
        return None
    prefix = "b" if match.group("bh") else "a"
    return _build(match.group("y"), match.group("mo"), match.group("d"), match, prefix)


def _words(text: str) -> _Found:
    match = _WORDS.search(text)
    return _build(match.group("y"), match.group("mo"), match.group("d")) if match else None


def _iso(text: str) -> _Found:
    match = _ISO.search(text)
    if not match:
        return None
    raw = match.group(0)
    try:
        value = datetime.fromisoformat(raw.replace(" ", "T"))
    except ValueError:
        return _INVALID
    if value.year not in PLAUSIBLE_YEARS:
        return _INVALID
    value = value.replace(tzinfo=SITE_TZ) if value.tzinfo is None else value.astimezone(SITE_TZ)
    return value, ("minute" if _ISO_HAS_TIME.search(raw) else "day")


def _build(year: str, month: str, day: str, match: re.Match[str] | None = None, prefix: str = "a") -> _Found:
    try:
        clock = _clock(match, prefix) if match else None
        value = datetime.combine(
            datetime(int(year), int(month), int(day)).date(), clock or time(0, 0), tzinfo=SITE_TZ
        )
    except ValueError:
        return _INVALID
    if value.year not in PLAUSIBLE_YEARS:
        return _INVALID
    return value, ("minute" if clock else "day")


def _clock(match: re.Match[str], prefix: str) -> time | None:
    hour = match.group(f"{prefix}h")
    if hour is None:
        return None
    h, m = int(hour), int(match.group(f"{prefix}m"))
    s = int(match.group(f"{prefix}s") or 0)
    meridiem = (match.group(f"{prefix}ap") or "").upper()
    if meridiem and not 1 <= h <= 12:
        raise ValueError("12-hour clock out of range")
    if meridiem in {"CH", "PM"} and h != 12:
        h += 12
    elif meridiem in {"SA", "AM"} and h == 12:
        h = 0
    return time(h, m, s)


@lru_cache(maxsize=1)
def _date_parser():
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["vi", "en"],
        settings={
            "DATE_ORDER": "DMY",
            "PREFER_DATES_FROM": "past",
            "TIMEZONE": "Asia/Ho_Chi_Minh",
            "TO_TIMEZONE": "Asia/Ho_Chi_Minh",
            "RETURN_AS_TIMEZONE_AWARE": True,
            "REQUIRE_PARTS": ["day", "month", "year"],
            "STRICT_PARSING": True,
        },
    )


def _fallback(text: str) -> tuple[datetime, Precision] | None:
    """dateparser for the rarer written forms; accepted only if the text names its year."""
    years = _YEAR.findall(text)
    if not years:
        return None
    try:
        data = _date_parser().get_date_data(text)
    except (ValueError, OverflowError, TypeError):
        return None
    value = data.date_obj if data else None
    if value is None or str(value.year) not in years or value.year not in PLAUSIBLE_YEARS:
        return None
    value = value.astimezone(SITE_TZ)
    precision: Precision = "minute" if (value.hour, value.minute) != (0, 0) else "day"
    return value, precision
