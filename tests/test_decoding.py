"""Decoding that does not silently garble: a broken byte in a UTF-8 page; pages really in windows-1258."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from scraper.parsers.article import parse_article
from scraper.parsers.decoding import decode
from tests.cp1258 import encode_cp1258

SEED = Path(__file__).parent / "fixtures" / "pages" / "wps2018_seed.html"
TITLE = "Tổng kết 10 năm thực hiện công tác thông tin"
VIETNAMESE = (
    "<html><head><title>Biên giới</title></head>"
    "<body><p>Thông tin đối ngoại khu vực biên giới, biển, đảo.</p></body></html>"
)


def test_one_broken_byte_in_a_utf8_page_is_replaced_and_counted_not_a_legacy_page() -> None:
    page = SEED.read_bytes()
    broken = page.replace("Lượt xem".encode(), b"L\xff\xfeu\xf0ot xem", 1)
    assert broken != page
    decoded = decode(broken, "utf-8")
    assert decoded.replaced == 3
    assert TITLE in decoded.text  # the rest of the page is UTF-8, as it was
    record = parse_article(
        broken, "https://sotttt.angiang.gov.vn/wps/portal/Home/2018/tin-chi-tiet/x", "utf-8"
    )
    assert record.is_article and record.title is not None and record.title.startswith(TITLE)
    assert record.replaced_bytes == 3
    assert parse_article(page, "https://sotttt.angiang.gov.vn/x", "utf-8").replaced_bytes == 0


def test_a_windows_1258_page_is_read_as_one_whatever_it_says() -> None:
    legacy = encode_cp1258(VIETNAMESE)
    for declared in (None, "utf-8", "iso-8859-1", "windows-1258"):
        decoded = decode(legacy, declared)  # windows-1258 writes some letters with combining marks
        assert (unicodedata.normalize("NFC", decoded.text), decoded.replaced) == (VIETNAMESE, 0), declared


def test_a_page_that_says_windows_1258_and_is_valid_in_it_is_windows_1258() -> None:
    text = "<html><head><meta charset='windows-1258'></head><body><p>Kiên Giang</p></body></html>"
    decoded = decode(encode_cp1258(text))
    assert (unicodedata.normalize("NFC", decoded.text), decoded.replaced) == (text, 0)
