"""Small real files: the attached documents (an official document as PDF or DOCX, or a plain PDF
whose size grows with its page count), and a PNG picture."""

from __future__ import annotations

import struct
import zlib
from functools import cache

from mirror.documents import file_bytes
from mirror.model import Attachment
from mirror.vntext import fold

LINES_PER_PAGE = 40
MIME_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def attachment_file(attachment: Attachment) -> tuple[bytes, str]:
    """The attached file's bytes, and the content type its name gives it (as a web server does)."""
    content = file_bytes(attachment.document, attachment.format) if attachment.document else None
    if content is None:
        content = pdf_document(attachment.name, attachment.pages)
    extension = attachment.name[attachment.name.rfind(".") :].lower()
    return content, MIME_TYPES.get(extension, "application/octet-stream")


def pdf_document(title: str, pages: int) -> bytes:
    """A minimal valid PDF (catalog, pages, Helvetica, one text stream per page, xref)."""
    text = fold(title).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    page_ids = [4 + 2 * n for n in range(pages)]
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % p for p in page_ids) + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for n, page_id in enumerate(page_ids):
        lines = [
            f"BT /F1 11 Tf 56 {780 - 18 * k} Td ({text} - trang {n + 1}, dong {k + 1}) Tj ET"
            for k in range(LINES_PER_PAGE)
        ]
        stream = "\n".join(lines).encode("ascii")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
            b" /Contents %d 0 R >>" % (page_id + 1)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref_at)
    return bytes(out)


@cache
def png_picture(width: int = 64, height: int = 40) -> bytes:
    """A valid grey-gradient PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes((x * 4 + y) % 256 for x in range(width)) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
