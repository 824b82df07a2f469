"""Vietnamese text helpers: ASCII slugs and the site's date spellings."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Strip diacritics (đ becomes d), keep case; the text is Vietnamese, so ASCII remains."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def slugify(text: str, max_length: int = 90) -> str:
    """Drupal pathauto style: folded, lower case, hyphens, cut at a word boundary."""
    slug = _NON_SLUG.sub("-", fold(text).lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug


def day(value: datetime) -> str:
    """``13/12/2021``."""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def day_time(value: datetime) -> str:
    """``13/12/2021 08:30``."""
    return f"{day(value)} {value.hour:02d}:{value.minute:02d}"


def weekday_day_time(value: datetime) -> str:
    """Drupal's ``Thứ Hai, 13/12/2021 - 08:30``."""
    return f"{WEEKDAYS[value.weekday()]}, {day(value)} - {value.hour:02d}:{value.minute:02d}"
