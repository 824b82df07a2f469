"""Encode Vietnamese text as windows-1258 bytes, as legacy Windows editors saved pages."""

import unicodedata


def encode_cp1258(text: str) -> bytes:
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        for mark in marks:  # fold one mark into the base where cp1258 has that letter (ê, ơ, ư ...)
            composed = unicodedata.normalize("NFC", base + mark)
            try:
                composed.encode("cp1258")
            except UnicodeEncodeError:
                continue
            base = composed
            marks.remove(mark)
            break
        out += (base + "".join(marks)).encode("cp1258")
    return bytes(out)
