"""Documents an article's text cites: ``Kế hoạch số 2521/KH-BCĐ ngày 20/8/2021``.

A pure function of the text: each citation's type (the name before the number), its number and
symbol (without spaces, case kept) and, where the text gives it, the date it was issued.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from scraper.parsers.document_metadata import TYPE_LINES, calendar_date

_TYPE_NAMES = "|".join(sorted((re.escape(name) for name in TYPE_LINES.values()), key=len, reverse=True))
_SYMBOL = r"[A-ZĐ][A-Za-zĐđ]*"
CITATION = re.compile(
    rf"(?<!\w)({_TYPE_NAMES})\s+(?:số\s*:?\s*)?"
    rf"(\d+\s*(?:-\s*{_SYMBOL}\s*/\s*{_SYMBOL}"  # party style: 09-NQ/TU
    rf"|(?:/\s*\d{{4}}\s*)?/\s*{_SYMBOL}(?:\s*-\s*[A-ZĐ][A-Za-zĐđ0-9]*)*))"
    r"(?:,?\s+ngày\s+(?:(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Citation:
    doc_type: str
    number: str
    issued_on: date | None


def citations(text: str | None) -> tuple[Citation, ...]:
    """The documents ``text`` cites, each once, in the order first cited."""
    found: dict[str, Citation] = {}
    for match in CITATION.finditer(unicodedata.normalize("NFC", text or "")):
        name, number = match.group(1), re.sub(r"\s+", "", match.group(2))
        if not any(c.isupper() for c in number.split("/", 1)[-1]):
            continue  # "kế hoạch 5/năm" is no symbol: a symbol is written in capitals
        day, month, year = match.group(3, 4, 5) if match.group(3) else match.group(6, 7, 8)
        citation = Citation(TYPE_LINES[name.upper()], number, calendar_date(year, month, day))
        found.setdefault(number.upper(), citation)
    return tuple(found.values())
