"""The department's attached documents as real files: official documents (Nghị định 30/2020/NĐ-CP
layout) written as DOCX (header and signature block in tables, as the official templates have
them) or as PDF set in DejaVu Sans, so that Vietnamese text survives in the text layer.

``official_document`` makes one deterministically from a seed; ``OfficialDocument.expected`` is
what a reader should find in it (the mirror's truth about its files).
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import tempfile
import zipfile
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path

import docx
from fontTools import subset
from fontTools.ttLib import TTFont
from fpdf import FPDF, FPDF_VERSION

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")  # Debian's fonts-dejavu-core
# The letters a Vietnamese document uses: Latin, its supplements, combining marks, Vietnamese
# precomposed letters, dashes and quotes. A PDF embeds only these, so it is made 3 times faster.
VIETNAMESE = [
    *range(0x20, 0x7F), *range(0xA0, 0x250), *range(0x300, 0x324), *range(0x1EA0, 0x1EFA),
    0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026,
]  # fmt: skip

CACHE = Path(tempfile.gettempdir()) / "sotttt-mirror-documents"
FONT_SIZE = FONT.stat().st_size if FONT.exists() else 0  # another font, other files
CACHE_KEY = f"1|docx {docx.__version__}|fpdf2 {FPDF_VERSION}|font {FONT_SIZE}"

PARENT = "UBND TỈNH AN GIANG"
ISSUER = "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
ISSUER_NAME = "Sở Thông tin và Truyền thông"
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
# (type line, symbol, summary prefix): a Công văn has no type line and a V/v summary.
KINDS = (
    ("QUYẾT ĐỊNH", "QĐ-STTTT", "Về việc "),
    ("KẾ HOẠCH", "KH-STTTT", ""),
    ("THÔNG BÁO", "TB-STTTT", "Về việc "),
    (None, "STTTT-TTBCXB", "V/v "),
)
TYPE_NAMES = {"QUYẾT ĐỊNH": "Quyết định", "KẾ HOẠCH": "Kế hoạch", "THÔNG BÁO": "Thông báo", None: "Công văn"}
SUBJECTS = (
    ("tuyên truyền bảo vệ chủ quyền biển, đảo và an ninh biên giới", "năm {year} trên địa bàn tỉnh"),
    ("tổ chức Hội báo Xuân {year}", "của tỉnh An Giang"),
    ("thực hiện công tác thông tin đối ngoại", "giai đoạn {year} - {next}"),
    ("chuyển đổi số trong cơ quan nhà nước", "năm {year}"),
    ("tăng cường quản lý thông tin trên mạng", "và báo chí điện tử"),
)
SIGNERS = ("Nguyễn Văn Thống", "Trần Thị Hồng Nhung", "Lê Minh Quang", "Phạm Thanh Tâm")
# (the mandate line, the title line, the title as a reader writes it)
TITLES = (
    (None, "GIÁM ĐỐC", "Giám đốc"),
    ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Phó Giám đốc"),
    ("TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", "Chánh Văn phòng"),
)
PLACES = ("An Giang", "Long Xuyên")


@dataclass(frozen=True)
class OfficialDocument:
    type_line: str | None
    number: str  # as a reader writes it: 1064/QĐ-STTTT
    spaced: bool  # printed as "Số: 1064 /QĐ-STTTT"
    place: str
    issued_on: date
    summary: tuple[str, ...]  # the summary as printed, wrapped
    body: tuple[str, ...]
    mandate: str | None
    title: str
    title_name: str
    signer: str
    revision: int = 0  # a corrected document says so in its body (a text change)
    encoding: int = 0  # the same text saved again (the bytes change, not the text)

    @property
    def header(self) -> list[tuple[str, str]]:
        """The header table: issuer and motto, number and place-and-date."""
        d = self.issued_on
        number = self.number.replace("/", " /", 1) if self.spaced else self.number
        return [
            (PARENT, MOTTO[0]),
            (ISSUER, MOTTO[1]),
            (f"Số: {number}", f"{self.place}, ngày {d.day:02d} tháng {d.month:02d} năm {d.year}"),
        ]

    @property
    def lines(self) -> list[str]:
        """The text between the header and the signature block."""
        top = [self.type_line] if self.type_line else []
        return [*top, *self.summary, "", *self.body]

    @property
    def signature(self) -> list[tuple[str, str]]:
        right = [line for line in (self.mandate, self.title, "(Đã ký)", self.signer) if line]
        left = ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]
        left += [""] * (len(right) - len(left))
        return list(zip(left, right, strict=False))

    def expected(self) -> dict[str, str | None]:
        """What a reader should find: the metadata fields of ``python -m scraper.extract``."""
        summary = " ".join(self.summary)
        for prefix in ("V/v ", "Về việc "):
            summary = summary.removeprefix(prefix)
        effective = self.issued_on.isoformat() if self.type_line == "QUYẾT ĐỊNH" else None
        return {
            "number": self.number,
            "doc_type": TYPE_NAMES[self.type_line],
            "issuer": ISSUER_NAME,
            "issued_on": self.issued_on.isoformat(),
            "summary": summary,
            "signer": self.signer,
            "signer_title": self.title_name,
            "effective_on": effective,
        }

    def corrected(self) -> OfficialDocument:
        """The document as re-issued with a correction: its text changes."""
        return replace(self, revision=self.revision + 1)

    def reencoded(self) -> OfficialDocument:
        """The same document saved again: other bytes, the same text."""
        return replace(self, encoding=self.encoding + 1)


def official_document(seed: str, published: datetime) -> OfficialDocument:
    """A document the department could have attached to an article published at ``published``."""
    rng = random.Random(seed)
    type_line, symbol, prefix = rng.choice(KINDS)
    issued_on = published.date() - timedelta(days=rng.randint(0, 10))
    subject, tail = rng.choice(SUBJECTS)
    values = {"year": str(issued_on.year), "next": str(issued_on.year + 1)}
    mandate, title, title_name = rng.choice(TITLES)
    body = [
        "Căn cứ Luật Báo chí ngày 05 tháng 4 năm 2016;",
        "Căn cứ chức năng, nhiệm vụ của Sở Thông tin và Truyền thông tỉnh An Giang;",
        f"Điều 1. Triển khai việc {subject.format_map(values)} {tail.format_map(values)}.",
        "Điều 2. Các phòng, đơn vị thuộc Sở có trách nhiệm tổ chức thực hiện.",
    ]
    if type_line == "QUYẾT ĐỊNH":
        body.append("Điều 3. Quyết định này có hiệu lực kể từ ngày ký.")
    return OfficialDocument(
        type_line=type_line,
        number=f"{rng.randint(12, 2400)}/{symbol}",
        spaced=rng.random() < 0.3,
        place=rng.choice(PLACES),
        issued_on=issued_on,
        summary=(prefix + subject.format_map(values), tail.format_map(values)),
        body=tuple(body),
        mandate=mandate,
        title=title,
        title_name=title_name,
        signer=rng.choice(SIGNERS),
    )


def citing(document: OfficialDocument) -> str:
    """The sentence of an article that cites its attached document, as the department writes it."""
    d = document.issued_on
    return (
        f"Chi tiết xem tại văn bản đính kèm: {TYPE_NAMES[document.type_line]} số {document.number} "
        f"ngày {d.day}/{d.month}/{d.year} của Sở Thông tin và Truyền thông."
    )


def file_bytes(document: OfficialDocument, file_format: str) -> bytes | None:
    """The document as a ``pdf`` or ``docx`` file; None for a PDF without its font.

    Written once per machine: mirrors of the same seed (the tests start many) take the bytes from a
    cache in the system's temporary folder, keyed by the document and the writers' versions."""
    key = hashlib.sha256(f"{CACHE_KEY}|{file_format}|{document!r}".encode()).hexdigest()
    cached = CACHE / f"{key}.{file_format}"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    content = docx_file(document) if file_format == "docx" else pdf_file(document)
    if content is not None:
        with suppress(OSError):  # a cache that cannot be written is only slower
            CACHE.mkdir(exist_ok=True)
            partial = cached.with_suffix(f".{os.getpid()}.part")
            partial.write_bytes(content)
            os.replace(partial, cached)  # whole or not at all, whoever else writes it
    return content


def _body(document: OfficialDocument) -> list[str]:
    notes = [f"Văn bản này thay thế văn bản đã ban hành (đính chính lần {document.revision})."]
    return document.lines + (notes if document.revision else [])


def docx_file(document: OfficialDocument) -> bytes:
    """The document as the official DOCX template has it: header table, text, signature table."""
    return docx_from(document.header, _body(document), document.signature, saved=document.encoding)


def docx_from(
    header: list[tuple[str, str]], lines: list[str], signature: list[tuple[str, str]], saved: int = 0
) -> bytes:
    """A DOCX of a header table, paragraphs and a signature table; ``saved``: how often re-saved."""
    out = docx.Document()
    saved_at = datetime(2020, 1, 1) + timedelta(days=saved)
    out.core_properties.revision = saved + 1
    out.core_properties.created = out.core_properties.modified = saved_at
    _table(out, header)
    for line in lines:
        out.add_paragraph(line)
    _table(out, signature)
    buffer = io.BytesIO()
    out.save(buffer)
    return _dated(buffer.getvalue(), saved_at)


def _dated(package: bytes, when: datetime) -> bytes:
    """The zip package with every member dated ``when`` (python-docx dates them now): the same
    document is the same bytes on every run, so its ETag holds across restarts."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=when.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            copy.writestr(info, source.read(member))
    return out.getvalue()


def _table(out: docx.document.Document, rows: list[tuple[str, str]]) -> None:
    table = out.add_table(rows=len(rows), cols=2)
    for r, (left, right) in enumerate(rows):
        table.cell(r, 0).text, table.cell(r, 1).text = left, right


def pdf_file(document: OfficialDocument) -> bytes | None:
    """The document as a PDF with a Vietnamese text layer; None without DejaVu Sans."""
    lines = [
        *(cell for row in document.header for cell in row),
        *_body(document),
        *(cell for row in document.signature for cell in row if cell),
    ]
    return pdf_lines(lines, created=datetime(2020, 1, 1) + timedelta(days=document.encoding))


def pdf_lines(lines: list[str], created: datetime | None = None) -> bytes | None:
    """One page of ``lines`` set in DejaVu Sans; None without the font."""
    if not FONT.exists():
        return None
    pdf = FPDF()
    pdf.set_creation_date(created or datetime(2020, 1, 1))
    pdf.add_page()
    pdf.add_font("DejaVu", fname=str(_vietnamese_font()))
    pdf.set_font("DejaVu", size=11)
    for line in lines:
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@cache
def _vietnamese_font() -> Path:
    """DejaVu Sans cut to ``VIETNAMESE``, written once to the documents' cache."""
    cut = CACHE / f"DejaVuSans-vi-{FONT_SIZE}.ttf"
    if not cut.exists():
        font = TTFont(FONT)
        options = subset.Options()
        options.layout_features, options.hinting = [], False
        options.drop_tables += ["FFTM"]  # FontForge's timestamps: nothing a reader needs
        cutter = subset.Subsetter(options)
        cutter.populate(unicodes=VIETNAMESE)
        cutter.subset(font)
        CACHE.mkdir(exist_ok=True)
        partial = cut.with_suffix(f".{os.getpid()}.part")
        font.save(partial)
        os.replace(partial, cut)  # whole or not at all, whoever else writes it
    return cut
