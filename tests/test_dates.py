import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.parsers.dates import parse_date, parse_date_precise

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("13/12/2021", datetime(2021, 12, 13, tzinfo=TZ), "day"),
        ("Thứ Hai, 13/12/2021 - 08:30", datetime(2021, 12, 13, 8, 30, tzinfo=TZ), "minute"),
        ("09/05/2025 3:25 CH", datetime(2025, 5, 9, 15, 25, tzinfo=TZ), "minute"),
        ("10/05/2025 9:05 SA", datetime(2025, 5, 10, 9, 5, tzinfo=TZ), "minute"),
        ("12/05/2025 12:10 SA", datetime(2025, 5, 12, 0, 10, tzinfo=TZ), "minute"),
        ("12/05/2025 12:10 CH", datetime(2025, 5, 12, 12, 10, tzinfo=TZ), "minute"),
        ("ngày 9 tháng 12 năm 2021", datetime(2021, 12, 9, tzinfo=TZ), "day"),
        ("Cập nhật: 13/12/2021 08:30", datetime(2021, 12, 13, 8, 30, tzinfo=TZ), "minute"),
        ("15/5/2025 | 10:31 (GMT+7)", datetime(2025, 5, 15, 10, 31, tzinfo=TZ), "minute"),
        ("13/12/2021 (Sở TT&TT AG)", datetime(2021, 12, 13, tzinfo=TZ), "day"),
        ("Sáng ngày 09/12/2021", datetime(2021, 12, 9, tzinfo=TZ), "day"),
        ("05:07 20/10/2021", datetime(2021, 10, 20, 5, 7, tzinfo=TZ), "minute"),
        ("Ngày đăng : 07/11/2023", datetime(2023, 11, 7, tzinfo=TZ), "day"),
        ("Lượt xem: 1234 | 02/03/2024", datetime(2024, 3, 2, tzinfo=TZ), "day"),
        ("2025-03-04T10:15:00+07:00", datetime(2025, 3, 4, 10, 15, tzinfo=TZ), "minute"),
        ("2025-03-04T03:15:00Z", datetime(2025, 3, 4, 10, 15, tzinfo=TZ), "minute"),
        ("13 tháng 12 năm 2021", datetime(2021, 12, 13, tzinfo=TZ), "day"),
        ("Tháng Mười Hai 13, 2021", datetime(2021, 12, 13, tzinfo=TZ), "day"),
        ("Thu\u0309 tu\u031bo\u031b\u0301ng, ngày 02/01/2024", datetime(2024, 1, 2, tzinfo=TZ), "day"),
    ],
)
def test_site_forms(text, expected, precision):
    found = parse_date_precise(text)
    assert found is not None
    assert found[0] == expected
    assert found[0].utcoffset().total_seconds() == 7 * 3600
    assert found[1] == precision


@pytest.mark.parametrize(
    "text",
    [
        "32/13/2021",
        "31/02/2021",
        "Lượt xem: 1234",
        "0296.6.522.225",
        "0296.3.957.049 - 0378.247.247",
        "",
        None,
        "(0296).3852989 – 3852862",
        "Số 3946/TB-SYT",
        "25:61 13/12/2021 tin",
        "13/12/1850",
        "abc",
    ],
)
def test_not_a_date_gives_none(text):
    assert parse_date(text) is None


def test_day_first_always():
    assert parse_date("09/12/2021") == datetime(2021, 12, 9, tzinfo=TZ)
    assert parse_date("01/02/2021").month == 2


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_never_raises_and_never_invents_a_year(text):
    found = parse_date(text)
    if found is not None:
        assert found.tzinfo is not None
        assert str(found.year) in re.sub(r"\D", " ", text).split() or str(found.year) in text


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 31),
    st.integers(1, 12),
    st.integers(1990, 2100),
    st.sampled_from(["", "Cập nhật: ", "Sáng ngày ", "Thứ Hai, "]),
    st.sampled_from(["", " (Sở TT&TT AG)", " | 10:31 (GMT+7)", " - 08:30", " Lượt xem: 99"]),
)
def test_a_written_date_is_read_as_written_or_not_at_all(day, month, year, before, after):
    text = f"{before}{day:02d}/{month:02d}/{year}{after}"
    found = parse_date(text)
    try:
        expected = datetime(year, month, day).date()
    except ValueError:
        assert found is None
    else:
        assert found is not None and found.date() == expected
