"""Bytes to text: the page's real encoding, whatever the server or the page declares.

Order: a byte-order mark; valid UTF-8 (Vietnamese text in a legacy encoding is almost
never valid UTF-8, while a UTF-8 page mislabelled as Latin-1 is common); UTF-8 but for a few
bytes (a broken byte in a UTF-8 page: those bytes replaced and counted, never the whole page
read as windows-1258; Vietnamese in windows-1258 breaks UTF-8 at nearly every accented letter);
then the charset the server declared, the page's own ``<meta>`` charset and windows-1258 (the
legacy Vietnamese Windows code page), of which the one whose text holds the most Vietnamese
letters wins, so a wrong declaration cannot turn Vietnamese into mojibake.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

from bs4.dammit import EncodingDetector

LEGACY_VIETNAMESE = "cp1258"
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


# Bytes that are UTF-8 but for at most this share (or this many) are UTF-8 with a few broken bytes:
# Vietnamese in windows-1258 breaks UTF-8 at nearly every accented letter, hundreds a page.
MAX_BROKEN_SHARE = 1 / 10_000
MIN_BROKEN_ALLOWED = 4


class DecodingError(ValueError):
    """The bytes are not text in any encoding the page or the server could mean."""


@dataclass(frozen=True)
class Decoded:
    text: str
    replaced: int = 0  # bytes that were not text in the chosen encoding, now U+FFFD


def decode_page(body: bytes, declared: str | None = None) -> str:
    """Decode ``body``; ``declared`` is the charset from the HTTP ``Content-Type``, if any."""
    return decode(body, declared).text


def decode(body: bytes, declared: str | None = None) -> Decoded:
    """``decode_page``, saying how many bytes had to be replaced."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return Decoded(body.decode(encoding))
    head = body[:1024]
    if head.count(0) > max(8, len(head) // 10):
        raise DecodingError("binary content (NUL bytes), not an HTML page")
    try:
        return Decoded(body.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    meta = EncodingDetector.find_declared_encoding(body[:4096], is_html=True)
    if LEGACY_VIETNAMESE in (_lookup(declared), _lookup(meta)) and (
        legacy := _strict(body, LEGACY_VIETNAMESE)
    ):
        return Decoded(legacy)  # said so, and valid: a page that really is windows-1258
    lossy = body.decode("utf-8", errors="replace")
    broken = lossy.count("\ufffd")
    if broken <= max(MIN_BROKEN_ALLOWED, len(body) * MAX_BROKEN_SHARE):
        return Decoded(lossy, replaced=broken)  # UTF-8 with a broken byte or two
    codecs_ = dict.fromkeys(
        c for c in map(_lookup, (declared, meta, LEGACY_VIETNAMESE)) if c and c != "utf-8"
    )
    decoded = [text for codec in codecs_ if (text := _strict(body, codec)) is not None]
    if decoded:
        return Decoded(max(decoded, key=_vietnamese_letters))  # max() keeps the first of equals
    # A few bytes that no candidate maps: keep the page, mark them as U+FFFD.
    text = body.decode(LEGACY_VIETNAMESE, errors="replace")
    replaced = text.count("\ufffd")
    if replaced > max(2, len(text) // 100):
        raise DecodingError("the page's bytes are neither UTF-8 nor in its declared encoding")
    return Decoded(text, replaced)


def _strict(body: bytes, codec: str) -> str | None:
    try:
        return body.decode(codec)
    except UnicodeDecodeError:
        return None


def _vietnamese_letters(text: str) -> int:
    composed = unicodedata.normalize("NFC", text)
    return sum(1 for ch in composed if ch in _VIETNAMESE_BASE or "\u1ea0" <= ch <= "\u1ef9")


_VIETNAMESE_BASE = frozenset("ăâđêôơưĂÂĐÊÔƠƯ")


def _lookup(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    if name in {"windows-1258", "x-cp1258"}:
        name = LEGACY_VIETNAMESE
    if name in {"iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"}:
        # WHATWG: these labels mean windows-1252 on the web.
        name = "cp1252"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
