"""Vietnamese dates: a regex fast path for the site's forms, then one prebuilt dateparser.

Day first, always. Every result is aware, in Asia/Ho_Chi_Minh (+07:00). Text that is not
a date (``32/13/2021``, ``Lượt xem: 1234``, a phone number) gives ``None``, never a guess.

The regexes read ``d/m/yyyy`` (``/``, ``.`` or ``-``) and ``d tháng m [năm|,] yyyy``, with a time
written after the date (``20/12/2024 - 16:45``, ``16/11/2021 lúc 08:30``) or before it
(``3:25 CH, Thứ Năm, 09/05/2025``, ``14h30 ngày 10/12/2021``, ``8 giờ ngày 9/12/2021``). A time
that cannot be (``25:61``, ``13:00 CH``) makes the text give ``None``, as an impossible date does:
a date-shaped text with impossible numbers is not trusted at all.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from functools import lru_cache
from typing import Any

from scraper.parsers.records import Precision
from scraper.parsers.text import clean
from scraper.timezone import SITE_TZ

PLAUSIBLE_YEARS = range(1990, 2101)

# A time of day, its groups prefixed ``a`` (written before the date) or ``b`` (after it): ``14:15``,
# ``14:15:00``, ``14h30``, ``14g30``, ``14 giờ 30 phút``, ``14 giờ 30``, ``8 giờ``, ``8h``, each with an
# optional ``SA``/``CH`` (AM/PM). ``{p}m`` is the minute of the ``:``/``h`` forms, ``{p}gm`` of ``giờ``.
_TIME = (
    r"(?P<{p}h>\d{{1,2}})\s*"
    r"(?:[:hg]\s*(?P<{p}m>\d{{2}})(?::(?P<{p}s>\d{{2}}))?"
    r"|giờ(?:\s*(?P<{p}gm>\d{{1,2}})(?:\s*phút)?)?"
    r"|[hg](?!\w))"
    r"(?:\s*(?P<{p}ap>SA|CH|AM|PM)\b)?"
    r"(?!\s*trước)"  # ``2 giờ trước`` is "2 hours ago", no time of day
)
_WEEKDAY = r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s*nhật|CN|T[2-7])(?!\w)"
_DASH = r"[-|,–]"
# Between a time and the date after it: ``3:25 CH, Thứ Năm, 09/05/2025``, ``14h30 ngày 10/12/2021``.
_BEFORE = _TIME.format(p="a") + rf"\s*(?:{_DASH}\s*)?(?:{_WEEKDAY}\s*(?:{_DASH}\s*)?)?(?:ngày\s*)?"
# Between a date and the time after it: ``20/12/2024 - 16:45``, ``16/11/2021 lúc 08:30``.
_AFTER = rf"\s*(?:{_DASH}\s*)?(?:(?:lúc|vào(?:\s*lúc)?)\s*)?(?<![\d.])" + _TIME.format(p="b") + r"(?![\d.:/])"
# The date is not glued to a number, a ``:`` or a ``v`` (``v2.10.2021`` is a version, not a day).
_NUMERIC = re.compile(
    rf"(?:(?<![\d:.]){_BEFORE})?"
    r"(?<![\d.:/vV])(?P<d>\d{1,2})(?P<sep>[/.-])(?P<mo>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d/]|\.\d)"
    rf"(?:{_AFTER})?",
    re.IGNORECASE,
)
# ``ngày 13 tháng 12 năm 2021``, ``13 tháng 12, 2021``, ``13 Tháng 12 2021 08:30``.
_WORDS = re.compile(
    rf"(?:(?<![\d:.]){_BEFORE})?"
    r"(?<![\d.:/])(?P<d>\d{1,2})\s*tháng\s*(?P<mo>\d{1,2})(?:\s*(?:năm|,|/)\s*|\s+)(?P<y>\d{4})(?!\d)"
    rf"(?:{_AFTER})?",
    re.IGNORECASE,
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
    text = clean(text)  # NFC: an NFD copy of a text reads the same
    if not text or len(text) > 400:
        return None
    for finder in (_numeric, _words, _iso):
        result = finder(text)
        if isinstance(result, _Invalid):
            return None
        if result is not None:
            return result
    return _fallback(text)


class _Invalid:
    """A date-shaped text whose numbers are no date: stop, do not ask dateparser to guess."""


_INVALID = _Invalid()
_Found = tuple[datetime, Precision] | _Invalid | None


def _numeric(text: str) -> _Found:
    match = _NUMERIC.search(text)
    return _build(match) if match else None


def _words(text: str) -> _Found:
    if "tháng" not in text.lower():  # far faster than the regex on a text with many numbers
        return None
    match = _WORDS.search(text)
    return _build(match) if match else None


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


def _build(match: re.Match[str]) -> _Found:
    """The date of ``match``, at the time written after it, else before it, else 00:00.

    A date or a time that cannot be (``31/02/2021``, ``25:61``, ``13:00 CH``) makes the whole text
    invalid: a wrong time is worse than none.
    """
    prefix = "b" if match.group("bh") else "a"
    try:
        clock = _clock(match, prefix)
        day = datetime(int(match.group("y")), int(match.group("mo")), int(match.group("d")))
    except ValueError:
        return _INVALID
    if day.year not in PLAUSIBLE_YEARS:
        return _INVALID
    return datetime.combine(day.date(), clock or time(0, 0), tzinfo=SITE_TZ), ("minute" if clock else "day")


def _clock(match: re.Match[str], prefix: str) -> time | None:
    hour = match.group(f"{prefix}h")
    if hour is None:
        return None
    h = int(hour)
    m = int(match.group(f"{prefix}m") or match.group(f"{prefix}gm") or 0)
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
def _date_parser() -> Any:
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
