"""Real document files made for the tests: PDFs set in DejaVu Sans (Vietnamese intact), DOCX with
the official template's tables, a TCVN3-garbled PDF, an image-only PDF (a scan)."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from fpdf import FPDF
from PIL import Image, ImageDraw

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
needs_font = pytest.mark.skipif(
    not FONT.exists(), reason="DejaVu Sans is not installed (.ci/run installs it)"
)

HEADER = [("UBND TỈNH AN GIANG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
          ("SỞ Y TẾ", "Độc lập - Tự do - Hạnh phúc"),
          ("Số: 1064 /QĐ-SYT", "An Giang, ngày 12 tháng 11 năm 2021")]  # fmt: skip
BODY = [
    "QUYẾT ĐỊNH",
    "Về việc ban hành Kế hoạch phòng, chống dịch bệnh",
    "trên địa bàn tỉnh năm 2022",
    "",
    "GIÁM ĐỐC SỞ Y TẾ TỈNH AN GIANG",
    "Căn cứ Luật Phòng, chống bệnh truyền nhiễm ngày 21 tháng 11 năm 2007;",
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng, chống dịch bệnh.",
    "Điều 2. Quyết định này có hiệu lực kể từ ngày 01 tháng 01 năm 2022.",
]
SIGNATURE = [
    ("Nơi nhận:", "KT. GIÁM ĐỐC"),
    ("- Như Điều 2;", "PHÓ GIÁM ĐỐC"),
    ("- Lưu: VT.", "Nguyễn Văn An"),
]
# What a PDF set in a TCVN3 font holds as text: Vietnamese letters at Latin-1 code points.
TCVN3_LINES = ["QuyÕt ®Þnh vÒ viÖc ban hµnh kÕ ho¹ch", "phßng, chèng dÞch bÖnh trªn ®Þa bµn tØnh"]


def docx_bytes() -> bytes:
    """The official layout: header table, type line and body paragraphs, signature table."""
    document = docx.Document()
    _table(document, HEADER)
    for line in BODY:
        document.add_paragraph(line)
    _table(document, SIGNATURE)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _table(document: docx.document.Document, rows: list[tuple[str, str]]) -> None:
    table = document.add_table(rows=len(rows), cols=2)
    for r, (left, right) in enumerate(rows):
        table.cell(r, 0).text, table.cell(r, 1).text = left, right


def pdf_bytes(lines: list[str] | None = None) -> bytes:
    """The same document as a PDF with a text layer (header and signature as pairs of lines)."""
    if lines is None:
        lines = [*(c for row in HEADER for c in row), *BODY, *(c for row in SIGNATURE for c in row)]
    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    for line in lines:
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def scanned_pdf_bytes() -> bytes:
    """A page that is only a picture of text, as a scanner makes it."""
    image = Image.new("L", (1240, 1754), 255)
    ImageDraw.Draw(image).text((100, 100), "QUYET DINH So 1064/QD-SYT", fill=0)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=210)
    return bytes(pdf.output())
