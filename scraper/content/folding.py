"""Folded words: what search and watchlists compare, and where a match sits in the original text.

Text is folded by ``scraper.parsers.text.fold`` (lower case, no diacritics, ``đ`` → ``d``) and
cut into words (letters and digits); ``search_text`` keeps those words one space apart, so a
phrase matches at word boundaries exactly when ``" bien gioi "`` is in ``" " + search_text + " "``.
Search (``scraper.storage.search``) and the watchlist topics (``scraper.content.watchlist``)
both rest on that.
Pure functions: no database, no clock.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from scraper.parsers.text import fold

WORD = re.compile(r"[^\W_]+")
Phrase = tuple[str, ...]


def words(text: str | None) -> list[str]:
    """The folded words of ``text``: ``Biên giới, biển đảo`` → ``bien gioi bien dao``."""
    return WORD.findall(fold(text)) if text else []


def search_text(*parts: str | None) -> str:
    """The folded words of every part, one space apart: what an article is searched by."""
    return " ".join(w for part in parts for w in words(part))


def number_key(number: str) -> str:
    """The folded words of a document number, what documents are found by: ``34/2024/QĐ-UBND``,
    ``34/2024/qd-ubnd`` and ``34 / 2024 / QĐ - UBND`` alike."""
    return " ".join(words(number))


def phrase(text: str) -> Phrase:
    """``text`` as a phrase of folded words (empty if it has none)."""
    return tuple(words(text))


def contains(folded: str, wanted: Phrase) -> bool:
    """Whether ``search_text`` output ``folded`` has the words of ``wanted`` side by side."""
    return bool(wanted) and f" {' '.join(wanted)} " in f" {folded} "


@dataclass(frozen=True)
class Snippet:
    """A piece of original text, as (text, is_match) parts; ``…`` marks where it was cut."""

    parts: tuple[tuple[str, bool], ...]

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.parts)


def spans(text: str, phrases: list[Phrase]) -> list[tuple[int, int]]:
    """Where any of ``phrases`` occurs in ``text`` (NFC), at word boundaries: sorted (start, end)."""
    folded, origin = _fold_with_origins(text)
    found: list[tuple[int, int]] = []
    for wanted in phrases:
        if not wanted:
            continue
        pattern = r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, wanted)) + r"(?![^\W_])"
        for match in re.finditer(pattern, folded):
            found.append((origin[match.start()], origin[match.end() - 1] + 1))
    return _merged(sorted(found))


def snippet(text: str, phrases: list[Phrase], width: int = 200) -> Snippet | None:
    """About ``width`` characters of ``text`` around its first match, matches marked; None without one."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    found = spans(text, phrases)
    if not found:
        return None
    first = found[0][0]
    start = max(0, first - width // 3)
    end = min(len(text), start + width)
    start = _word_start(text, start)
    end = _word_end(text, end)
    parts: list[tuple[str, bool]] = [("…", False)] if start > 0 else []
    position = start
    for low, high in found:
        if high <= start or low >= end:
            continue
        low, high = max(low, start), min(high, end)
        if low > position:
            parts.append((text[position:low], False))
        parts.append((text[low:high], True))
        position = high
    if position < end:
        parts.append((text[position:end], False))
    if end < len(text):
        parts.append(("…", False))
    return Snippet(tuple(parts))


def _fold_with_origins(text: str) -> tuple[str, list[int]]:
    """``fold`` of ``text`` character by character, with the index in ``text`` of each folded one."""
    pieces = list(map(_folded, text))
    if min(map(len, pieces), default=1) == max(map(len, pieces), default=1) == 1:  # one for one: most text
        return "".join(pieces), list(range(len(text)))
    folded: list[str] = []
    origin: list[int] = []
    for index, character in enumerate(text):
        for piece in _folded(character):
            folded.append(piece)
            origin.append(index)
    return "".join(folded), origin


@functools.lru_cache(maxsize=4096)
def _folded(character: str) -> str:
    """``fold`` of one character, remembered: a text has few distinct letters, and snippets fold many."""
    return fold(character)


def _merged(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for low, high in found:
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _word_start(text: str, index: int) -> int:
    """``index``, moved forward to the start of a word unless it is at one already."""
    if index == 0 or not text[index - 1].isalnum():
        return index
    space = text.find(" ", index)
    return space + 1 if 0 <= space < index + 20 else index


def _word_end(text: str, index: int) -> int:
    """``index``, moved back to the end of a word unless it is at one already."""
    if index >= len(text) or not text[index].isalnum():
        return index
    space = text.rfind(" ", 0, index)
    return space if space > index - 20 else index
