"""Attached documents read as documents: text with table cells, its quality judged, metadata,
and ``python -m scraper.extract FILE`` as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from scraper.parsers.document_text import OLE, document_format, document_text, text_quality
from tests.crawling import ROOT
from tests.documents import TCVN3_LINES, docx_bytes, needs_font, pdf_bytes, scanned_pdf_bytes

EXPECTED = {
    "number": "1064/QĐ-SYT",
    "doc_type": "Quyết định",
    "issuer": "Sở Y tế",
    "issued_on": "2021-11-12",
    "summary": "ban hành Kế hoạch phòng, chống dịch bệnh trên địa bàn tỉnh năm 2022",
    "signer": "Nguyễn Văn An",
    "signer_title": "Phó Giám đốc",
    "effective_on": "2022-01-01",
}


def extract(tmp_path: Path, name: str, content: bytes) -> dict:
    path = tmp_path / name
    path.write_bytes(content)
    done = subprocess.run(
        [sys.executable, "-m", "scraper.extract", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "")
    return json.loads(done.stdout)


def test_a_docx_is_read_with_its_tables(tmp_path: Path) -> None:
    record = extract(tmp_path, "quyet-dinh.docx", docx_bytes())
    assert (record["kind"], record["format"], record["text_quality"], record["error"]) == (
        "document", "docx", "ok", None
    )  # fmt: skip
    assert "UBND TỈNH AN GIANG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ Y TẾ" in record["text"]
    assert record["text"].endswith("- Lưu: VT.\nNguyễn Văn An")
    assert {k: record[k] for k in EXPECTED} == EXPECTED


@needs_font
def test_a_pdf_gives_the_same_metadata(tmp_path: Path) -> None:
    record = extract(tmp_path, "quyet-dinh.pdf", pdf_bytes())
    assert (record["format"], record["text_quality"]) == ("pdf", "ok")
    assert record["text"] == unicodedata.normalize("NFC", record["text"])
    assert {k: record[k] for k in EXPECTED} == EXPECTED


def test_a_docx_named_pdf_is_read_as_the_docx_it_is(tmp_path: Path) -> None:
    record = extract(tmp_path, "van-ban.pdf", docx_bytes())
    assert (record["format"], record["number"]) == ("docx", "1064/QĐ-SYT")


@needs_font
def test_a_tcvn3_pdf_is_garbled_and_not_read_for_metadata(tmp_path: Path) -> None:
    record = extract(tmp_path, "tcvn3.pdf", pdf_bytes(TCVN3_LINES))
    assert record["text_quality"] == "garbled" and "QuyÕt ®Þnh" in record["text"]
    assert all(record[k] is None for k in EXPECTED)


def test_a_scan_has_no_text(tmp_path: Path) -> None:
    record = extract(tmp_path, "scan.pdf", scanned_pdf_bytes())
    assert (record["format"], record["text"], record["text_quality"], record["error"]) == (
        "pdf",
        "",
        "no_text",
        None,
    )


@needs_font
@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_truncated_file_is_no_text_with_the_reason(tmp_path: Path, kind: str) -> None:
    whole = pdf_bytes() if kind == "pdf" else docx_bytes()
    record = extract(tmp_path, f"cut.{kind}", whole[: len(whole) // 3])
    assert (record["format"], record["text"], record["text_quality"]) == (kind, "", "no_text")
    assert record["error"].startswith(f"a damaged {kind.upper()}")


def test_a_damaged_doc_is_no_text_with_the_reason() -> None:
    read = document_text(OLE + b"\0" * 600)
    assert (read.format, read.text, read.text_quality) == ("doc", "", "no_text")
    assert read.error is not None and read.error.startswith(("a damaged DOC", "a .doc file, and no reader"))


def test_the_type_comes_from_the_bytes() -> None:
    assert document_format(b"%PDF-1.7\n") == "pdf"
    assert document_format(docx_bytes()) == "docx"
    assert document_format(OLE) == "doc"
    assert document_format("<html><body>Thông báo</body></html>".encode()) is None


def test_text_quality_tells_vietnamese_from_an_old_font_encoding() -> None:
    assert text_quality("Quyết định về việc ban hành kế hoạch phòng, chống dịch bệnh") == "ok"
    assert text_quality(" ".join(TCVN3_LINES)) == "garbled"
    assert text_quality("Quyeát ñònh veà vieäc ban haønh keá hoaïch") == "garbled"  # VNI
    assert text_quality("   \n 12 \n") == "no_text"
