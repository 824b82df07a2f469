"""Document metadata: the cases the blind tests leave out (party documents, short texts, an
uppercase line that is not a signer)."""

from __future__ import annotations

from datetime import date

from scraper.parsers.document_metadata import document_metadata


def test_a_party_document_without_a_colon_after_so() -> None:
    meta = document_metadata(
        "TỈNH ỦY AN GIANG\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 09-NQ/TU\nAn Giang, ngày 2 tháng 4 năm 2022\n"
        "NGHỊ QUYẾT\nvề chuyển đổi số\n\nT/M TỈNH ỦY\nBÍ THƯ\nLê Hồng Quang\n"
    )
    assert (meta.number, meta.doc_type, meta.issuer, meta.issued_on) == (
        "09-NQ/TU", "Nghị quyết", "Tỉnh ủy An Giang", date(2022, 4, 2)
    )  # fmt: skip
    assert (meta.summary, meta.signer, meta.signer_title) == ("về chuyển đổi số", "Lê Hồng Quang", "Bí thư")


def test_the_header_is_never_taken_for_a_signature() -> None:
    meta = document_metadata(
        "UBND TỈNH AN GIANG\nSỞ KHOA HỌC VÀ CÔNG NGHỆ\nsố: 125/SKHCN-VP\nV/v triển khai kế hoạch\n"
        "chuyển đổi số\nKính gửi: Các phòng, đơn vị trực thuộc"
    )
    assert (meta.number, meta.doc_type, meta.issuer) == (
        "125/SKHCN-VP",
        "Công văn",
        "Sở Khoa học và Công nghệ",
    )
    assert meta.summary == "triển khai kế hoạch chuyển đổi số"
    assert (meta.signer, meta.signer_title, meta.issued_on) == (None, None, None)


def test_an_impossible_date_is_no_date() -> None:
    meta = document_metadata("Số: 1/TB-SYT\nAn Giang, ngày 31 tháng 2 năm 2024\nTHÔNG BÁO\nLịch họp\n")
    assert (meta.doc_type, meta.issued_on, meta.summary) == ("Thông báo", None, "Lịch họp")
