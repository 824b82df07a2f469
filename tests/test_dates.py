import re
import unicodedata
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.parsers import dates
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


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=TZ)


# Forms measured on the site's pages that the regexes read (dateparser is never asked for these).
REGEX_FORMS = [
    # a time written before the date
    ("3:25 CH, Thứ Năm, 09/05/2025", at(2025, 5, 9, 15, 25), "minute"),
    ("9:05 SA, Thứ Ba, 14/01/2025", at(2025, 1, 14, 9, 5), "minute"),
    ("05:07 20/10/2021", at(2021, 10, 20, 5, 7), "minute"),
    ("05:07 20/10/2021 - ", at(2021, 10, 20, 5, 7), "minute"),
    ("14:15, 22/09/2021", at(2021, 9, 22, 14, 15), "minute"),
    ("14:15 - Thứ Hai, ngày 13/12/2021", at(2021, 12, 13, 14, 15), "minute"),
    ("10:31 15/5/2025 (GMT+7)", at(2025, 5, 15, 10, 31), "minute"),
    ("12:10 SA, 12/05/2025", at(2025, 5, 12, 0, 10), "minute"),
    ("12:10 CH, 12/05/2025", at(2025, 5, 12, 12, 10), "minute"),
    ("12:10 SA 20/10/2021", at(2021, 10, 20, 0, 10), "minute"),
    ("12:10 CH 20/10/2021", at(2021, 10, 20, 12, 10), "minute"),
    # hours written HHhMM, HH giờ MM phút, HH giờ MM, HH giờ
    ("14h30 ngày 10/12/2021", at(2021, 12, 10, 14, 30), "minute"),
    ("14h30, 10/12/2021", at(2021, 12, 10, 14, 30), "minute"),
    ("14g30 ngày 10/12/2021", at(2021, 12, 10, 14, 30), "minute"),
    ("14 giờ 30 phút ngày 10/12/2021", at(2021, 12, 10, 14, 30), "minute"),
    ("14 giờ 30 ngày 10/12/2021", at(2021, 12, 10, 14, 30), "minute"),
    ("8 giờ ngày 9/12/2021", at(2021, 12, 9, 8, 0), "minute"),
    ("8h ngày 9/12/2021", at(2021, 12, 9, 8, 0), "minute"),
    ("Vào lúc 8 giờ 5 phút, ngày 9/12/2021", at(2021, 12, 9, 8, 5), "minute"),
    ("14h30 ngày 13 tháng 12 năm 2021", at(2021, 12, 13, 14, 30), "minute"),
    # a date followed by a time
    ("09/05/2025 3:25 CH", at(2025, 5, 9, 15, 25), "minute"),
    ("Thứ Sáu, 20/12/2024 - 16:45", at(2024, 12, 20, 16, 45), "minute"),
    ("15/5/2025 | 10:31 (GMT+7)", at(2025, 5, 15, 10, 31), "minute"),
    ("16/11/2021 lúc 08:30", at(2021, 11, 16, 8, 30), "minute"),
    ("16/11/2021 vào lúc 08:30", at(2021, 11, 16, 8, 30), "minute"),
    ("13/12/2021 14:15:30", at(2021, 12, 13, 14, 15, 30), "minute"),
    ("9/12/2021 8 giờ 5 phút", at(2021, 12, 9, 8, 5), "minute"),
    ("Chủ nhật, 12/12/2021 - 7:05 SA", at(2021, 12, 12, 7, 5), "minute"),
    ("Thứ 5, 09/05/2025 10:00", at(2025, 5, 9, 10, 0), "minute"),
    # prefixes
    ("Ngày đăng : 07/11/2023", at(2023, 11, 7), "day"),
    ("Ngày đăng: 07/11/2023 08:15", at(2023, 11, 7, 8, 15), "minute"),
    ("Cập nhật lúc 14:15, 22/09/2021", at(2021, 9, 22, 14, 15), "minute"),
    ("Cập nhật lúc 14:15, ngày 22/09/2021", at(2021, 9, 22, 14, 15), "minute"),
    ("Ngày cập nhật: 22/09/2021", at(2021, 9, 22), "day"),
    ("Số 3946/TB-SYT ngày 13/12/2021", at(2021, 12, 13), "day"),
    ("ĐT: 0296.3852989, 13/12/2021", at(2021, 12, 13), "day"),
    ("Lượt xem: 25 | 13/12/2021 10:30", at(2021, 12, 13, 10, 30), "minute"),
    # the month as a word
    ("Được đăng: Thứ Hai, 13 Tháng 12 2021 08:30", at(2021, 12, 13, 8, 30), "minute"),
    ("Được đăng: Thứ Hai, 13 Tháng 12 2021", at(2021, 12, 13), "day"),
    ("13 tháng 12, 2021", at(2021, 12, 13), "day"),
    ("13 tháng 12 năm 2021", at(2021, 12, 13), "day"),
    ("ngày 13 tháng 12 năm 2021", at(2021, 12, 13), "day"),
    ("Ngày 13 tháng 12 năm 2021 lúc 9:05 SA", at(2021, 12, 13, 9, 5), "minute"),
    # "2 giờ trước" is "2 hours ago": the day stays, no time of day is made up
    ("13/12/2021 - 2 giờ trước", at(2021, 12, 13), "day"),
]


@pytest.mark.parametrize(("text", "expected", "precision"), REGEX_FORMS)
def test_regex_forms(text, expected, precision, monkeypatch):
    def no_dateparser(_text):
        raise AssertionError("the regex fast path should read this form")

    monkeypatch.setattr(dates, "_fallback", no_dateparser)
    found = parse_date_precise(text)
    assert found is not None
    assert found == (expected, precision)
    assert found[0].utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize(("text", "expected", "precision"), REGEX_FORMS)
def test_nfd_reads_as_nfc(text, expected, precision):
    nfd = unicodedata.normalize("NFD", text)
    assert parse_date_precise(nfd) == parse_date_precise(unicodedata.normalize("NFC", text))
    assert parse_date_precise(nfd) == (expected, precision)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12:10 SA", (0, 10)),
        ("12:10 CH", (12, 10)),
        ("12:00 SA", (0, 0)),
        ("1:05 SA", (1, 5)),
        ("1:05 CH", (13, 5)),
        ("11:59 CH", (23, 59)),
        ("12:10 AM", (0, 10)),
        ("12:10 PM", (12, 10)),
    ],
)
def test_twelve_hour_clock_before_and_after_the_date(text, expected):
    for written in (f"{text}, 20/10/2021", f"20/10/2021 {text}"):
        found = parse_date_precise(written)
        assert found is not None, written
        assert found == (at(2021, 10, 20, *expected), "minute"), written


@pytest.mark.parametrize(
    "text",
    [
        "25:61 20/10/2021",
        "20/10/2021 25:61",
        "24:00 20/10/2021",
        "13:25 CH, 09/05/2025",
        "09/05/2025 0:10 SA",
        "14 giờ 60 ngày 10/12/2021",
        "14h75, 10/12/2021",
    ],
)
def test_an_impossible_time_gives_none_not_a_wrong_time(text):
    assert parse_date_precise(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "0296.3852989",
        "(02963) 956898",
        "Điện thoại: (02963) 956898 - Fax: 0296.3852989",
        "1/2",
        "2/2021",
        "12/2021 10:30",
        "1.2.3",
        "Phiên bản 2.1.0",
        "version 1.10.2021.3",
        "v2.10.2021",
        "Lượt xem: 1234 - 14:15",
        "14:15",
        "14h30 ngày",
    ],
)
def test_more_not_a_date_gives_none(text):
    assert parse_date_precise(text) is None


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


@settings(max_examples=300, deadline=None)
@given(
    st.dates(min_value=datetime(1990, 1, 1).date(), max_value=datetime(2100, 12, 31).date()),
    st.integers(0, 23),
    st.integers(0, 59),
    st.sampled_from(["{H}:{M}", "{H}h{M}", "{h} giờ {m} phút", "{h} giờ {m}", "{h12}:{M} {ap}"]),
    st.sampled_from(
        ["{t}, {d}", "{t} ngày {d}", "{t}, Thứ Năm, {d}", "{d} - {t}", "{d} lúc {t}", "{d} | {t}"]
    ),
    st.sampled_from(
        ["{D}/{MO}/{Y}", "{day}/{month}/{Y}", "{day} tháng {month} năm {Y}", "{day} Tháng {month} {Y}"]
    ),
)
def test_a_written_time_is_read_as_written(day, hour, minute, clock, layout, date_form):
    h12 = hour % 12 or 12
    values = {
        "H": f"{hour:02d}",
        "M": f"{minute:02d}",
        "h": hour,
        "m": minute,
        "h12": h12,
        "ap": "SA" if hour < 12 else "CH",
        "D": f"{day.day:02d}",
        "MO": f"{day.month:02d}",
        "day": day.day,
        "month": day.month,
        "Y": day.year,
    }
    text = layout.format(t=clock.format(**values), d=date_form.format(**values))
    expected = datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)
    assert parse_date_precise(text) == (expected, "minute"), text
