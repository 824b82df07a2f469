"""Real document files made for the tests: PDFs set in DejaVu Sans (Vietnamese intact), DOCX with
the official template's tables, a TCVN3-garbled PDF, an image-only PDF (a scan)."""

from __future__ import annotations

import pytest
from fpdf import FPDF
from PIL import Image, ImageDraw

from mirror.documents import FONT, docx_from, pdf_lines

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
    return docx_from(HEADER, BODY, SIGNATURE)


def pdf_bytes(lines: list[str] | None = None) -> bytes:
    """The same document as a PDF with a text layer (header and signature as pairs of lines)."""
    if lines is None:
        lines = [*(c for row in HEADER for c in row), *BODY, *(c for row in SIGNATURE for c in row)]
    content = pdf_lines(lines)
    assert content is not None, "needs DejaVu Sans (mark the test needs_font)"
    return content


def scanned_pdf_bytes() -> bytes:
    """A page that is only a picture of text, as a scanner makes it."""
    image = Image.new("L", (1240, 1754), 255)
    ImageDraw.Draw(image).text((100, 100), "QUYET DINH So 1064/QD-SYT", fill=0)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=0, y=0, w=210)
    return bytes(pdf.output())
