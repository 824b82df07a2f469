"""An attached document's text: PDF, DOCX and legacy DOC, its type read from its bytes.

PDF through pypdfium2 (pypdf when pdfium cannot open the file), DOCX through python-docx in body
order with every table cell (official templates put the number, the date and the signature in
tables), DOC through Debian's ``antiword`` (``catdoc`` if that is what is installed). The text
comes out NFC, and its quality is judged, not assumed: ``garbled`` for the old TCVN3/VNI font
encodings (``QuyÕt ®Þnh``), ``no_text`` for a scan or a file that cannot be read (with the
reason in ``error``).
"""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import pypdfium2  # type: ignore[import-untyped]  # ships no type information
from docx.table import Table
from pypdf import PdfReader
from pypdf.errors import PyPdfError

# pypdf says what it repairs in a damaged file through logging; the record's error says it once.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

OK, GARBLED, NO_TEXT = "ok", "garbled", "no_text"
PDF, DOCX, DOC = "pdf", "docx", "doc"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of Word 97-2003 (and old Excel)
DOC_READERS = (["antiword", "-w", "0", "-m", "UTF-8.txt"], ["catdoc", "-d", "utf-8", "-w"])
# Latin-1 letters Vietnamese uses; the rest of U+00A0-U+00FF in a text means a TCVN3/VNI font.
VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
GARBLED_SHARE = 0.02
MIN_TEXT = 20  # characters, spaces aside: less is a scan, or a page with a signature only


@dataclass(frozen=True)
class DocumentText:
    format: str | None  # pdf, docx, doc; None when the bytes are none of these
    text: str
    text_quality: str  # ok, garbled, no_text
    error: str | None = None


class UnreadableDocument(Exception):
    """The file is not a document this module reads, or it is damaged."""


def document_format(content: bytes) -> str | None:
    """``pdf``, ``docx`` or ``doc`` from the bytes themselves (a DOCX named ``.pdf`` is a DOCX)."""
    if content[:1024].lstrip().startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                return DOCX if "word/document.xml" in archive.namelist() else None
        except zipfile.BadZipFile:
            return DOCX if b"word/" in content[:4096] else None
    if content.startswith(OLE):
        return DOC
    return None


def document_text(content: bytes) -> DocumentText:
    """The document's text and its quality; never raises for a bad file."""
    kind = document_format(content)
    if kind is None:
        return DocumentText(None, "", NO_TEXT, "not a PDF, DOCX or DOC file")
    reader = {PDF: _pdf_text, DOCX: _docx_text, DOC: _doc_text}[kind]
    try:
        text = unicodedata.normalize("NFC", reader(content))
    except UnreadableDocument as error:
        return DocumentText(kind, "", NO_TEXT, str(error))
    text = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return DocumentText(kind, text.strip(), text_quality(text))


def text_quality(text: str) -> str:
    """``ok``, ``garbled`` (TCVN3/VNI letters read as Latin-1 symbols) or ``no_text``."""
    letters = [c for c in text if not c.isspace()]
    if len(letters) < MIN_TEXT:
        return NO_TEXT
    foreign = sum("\u00a0" <= c <= "\u00ff" and c not in VIETNAMESE_LATIN1 for c in letters)
    return GARBLED if foreign / len(letters) > GARBLED_SHARE else OK


def _pdf_text(content: bytes) -> str:
    try:
        document = pypdfium2.PdfDocument(content)
    except pypdfium2.PdfiumError as error:
        return _pdf_text_by_pypdf(content, f"pdfium: {error}")
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_bounded())
            textpage.close()
            page.close()
        return "\n".join(pages)
    finally:
        document.close()


def _pdf_text_by_pypdf(content: bytes, why: str) -> str:
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise UnreadableDocument(f"a damaged PDF ({why}; pypdf: {error})") from None


def _docx_text(content: bytes) -> str:
    try:
        document = docx.Document(io.BytesIO(content))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise UnreadableDocument(f"a damaged DOCX ({error})") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        lines += _table_lines(block) if isinstance(block, Table) else [block.text]
    return "\n".join(lines)


def _table_lines(table: Table) -> list[str]:
    """Row by row, each cell's paragraphs and nested tables; a merged cell once."""
    lines: list[str] = []
    for row in table.rows:
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            for block in cell.iter_inner_content():
                lines += _table_lines(block) if isinstance(block, Table) else [block.text]
    return lines


def _doc_text(content: bytes) -> str:
    reader = next((command for command in DOC_READERS if shutil.which(command[0])), None)
    if reader is None:
        raise UnreadableDocument("a .doc file, and no reader for it is installed (antiword or catdoc)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.doc"
        path.write_bytes(content)
        done = subprocess.run([*reader, str(path)], capture_output=True, timeout=60)
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UnreadableDocument(f"a damaged DOC ({reader[0]}: {why[-1] if why else done.returncode})")
    return done.stdout.decode("utf-8", "replace")
