"""Text cleaners shared by every parser: NFC, whitespace, diacritic folding, element text."""

from __future__ import annotations

import re
import unicodedata

from lxml import html

_OTHER_SPACES = r"\t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000"  # spaces other than " "
# Runs of spaces, and any single space other than " ": a lone " " is left as it is, not replaced by
# itself (that is what nearly every match would be, and it doubled the cost of cleaning a text).
_SPACES = re.compile(f"[ {_OTHER_SPACES}]{{2,}}|[{_OTHER_SPACES}]")
_NEWLINES = re.compile(r"\s*\n\s*")
_SOURCE_NEWLINES = re.compile(r"[\r\n]+")  # line breaks of the HTML source are spaces; <br> is not
# Vietnamese diacritics decompose (NFD) into these combining marks (U+034F, the grapheme joiner, is
# not one); a regex drops them far faster than a test of every character. Any other character outside
# ASCII is tested one by one (``fold``).
_LATIN_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
SKIPPED_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "svg", "button", "form"})


def nfc(text: str) -> str:
    """Composed Unicode: NFD and NFC copies of the same words compare and hash equal."""
    return unicodedata.normalize("NFC", text)


def clean(text: str | None) -> str:
    """NFC, every run of spaces (``&nbsp;`` too) to one space, lines trimmed, ends stripped."""
    if not text:
        return ""
    text = _SPACES.sub(" ", nfc(text))
    return (_NEWLINES.sub("\n", text) if "\n" in text else text).strip()


def fold(text: str) -> str:
    """Lower case without diacritics (``Biên giới`` → ``bien gioi``; ``đ`` → ``d``)."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    return _NON_ASCII.sub(_unless_combining, _LATIN_MARKS.sub("", decomposed))


def _unless_combining(match: re.Match[str]) -> str:
    return "" if unicodedata.combining(match[0]) else match[0]


def element_text(element: html.HtmlElement) -> str:
    """Visible text of ``element``: no script/style content, ``<br>`` as a line break, cleaned."""
    parts: list[str] = []
    _collect(element, parts)
    return clean("".join(parts))


def _collect(element: html.HtmlElement, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in SKIPPED_TAGS:
        return
    if tag == "br":
        parts.append("\n")
        return
    if element.text and tag:
        parts.append(_SOURCE_NEWLINES.sub(" ", element.text))
    for child in element:
        _collect(child, parts)
        if child.tail:
            parts.append(_SOURCE_NEWLINES.sub(" ", child.tail))
