"""Bytes to text: the page's real encoding, whatever the server or the page declares.

Order: a byte-order mark; valid UTF-8 (Vietnamese text in a legacy encoding is almost
never valid UTF-8, while a UTF-8 page mislabelled as Latin-1 is common); the charset the
server declared, the page's own ``<meta>`` charset and windows-1258 (the legacy Vietnamese
Windows code page), of which the one whose text holds the most Vietnamese letters wins, so
a wrong declaration cannot turn Vietnamese into mojibake.
"""

from __future__ import annotations

import codecs
import unicodedata

from bs4.dammit import EncodingDetector

LEGACY_VIETNAMESE = "cp1258"
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class DecodingError(ValueError):
    """The bytes are not text in any encoding the page or the server could mean."""


def decode_page(body: bytes, declared: str | None = None) -> str:
    """Decode ``body``; ``declared`` is the charset from the HTTP ``Content-Type``, if any."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body.decode(encoding)
    head = body[:1024]
    if head.count(0) > max(8, len(head) // 10):
        raise DecodingError("binary content (NUL bytes), not an HTML page")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    meta = EncodingDetector.find_declared_encoding(body[:4096], is_html=True)
    names = [declared, meta, LEGACY_VIETNAMESE]
    decoded: list[str] = []
    for name in names:
        codec = _lookup(name)
        if codec is None or codec == "utf-8":
            continue
        try:
            decoded.append(body.decode(codec))
        except UnicodeDecodeError:
            continue
    if decoded:
        return max(decoded, key=_vietnamese_letters)  # max() keeps the first of equals
    # A few bytes that no candidate maps: keep the page, mark them as U+FFFD.
    text = body.decode(LEGACY_VIETNAMESE, errors="replace")
    if text.count("\ufffd") > max(2, len(text) // 100):
        raise DecodingError("the page's bytes are neither UTF-8 nor in its declared encoding")
    return text


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
