"""Documents an article's text cites, as the department and its siblings write them (SITE.md)."""

from __future__ import annotations

from datetime import date

from scraper.parsers.citations import Citation, citations


def test_the_ways_a_citation_is_written() -> None:
    text = (
        "Thực hiện Kế hoạch số: 2521/KH-BCĐ, ngày 20/8/2021 của Ban Chỉ đạo; "
        "căn cứ Quyết định 34/2024/QĐ-UBND ngày 12 tháng 11 năm 2024 của UBND tỉnh, "
        "Nghị quyết số 09-NQ/TU và thông báo số 3946/TB-SYT. "
        "Thực hiện kế hoạch số 23/KH-UBND ngày 22/01/2026 của UBND tỉnh."
    )
    assert citations(text) == (
        Citation("Kế hoạch", "2521/KH-BCĐ", date(2021, 8, 20)),
        Citation("Quyết định", "34/2024/QĐ-UBND", date(2024, 11, 12)),
        Citation("Nghị quyết", "09-NQ/TU", None),
        Citation("Thông báo", "3946/TB-SYT", None),
        Citation("Kế hoạch", "23/KH-UBND", date(2026, 1, 22)),
    )


def test_a_number_written_with_spaces_is_one_citation_and_numbers_alone_are_none() -> None:
    text = "Quyết định số 1064 /QĐ-SYT ... theo Quyết định số 1064/QĐ-SYT. Kế hoạch 5 năm; thông báo số 12."
    assert citations(text) == (Citation("Quyết định", "1064/QĐ-SYT", None),)


def test_an_impossible_date_is_left_out_not_a_crash() -> None:
    assert citations("Kế hoạch số 7/KH-STTTT ngày 31/2/2024") == (Citation("Kế hoạch", "7/KH-STTTT", None),)
