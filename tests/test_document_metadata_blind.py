"""Blind tests for scraper.parsers.document_metadata (Nghị định 30/2020/NĐ-CP documents).

Written from the rules in the issue only; the texts are what a text extractor gives for
a document: one line per paragraph or table cell.  Header tables come either row by row
(left cell, right cell, left cell, right cell) or column by column (all of the left cell,
then all of the right cell).
"""

import dataclasses
import datetime
import unicodedata

import pytest

from scraper.parsers.document_metadata import document_metadata


def _doc(*lines: str) -> str:
    return "\n".join(lines) + "\n"


# A Quyết định of Sở Y tế; header table row by row; "Về việc" summary on two lines.
QUYET_DINH_SYT = _doc(
    "UBND TỈNH AN GIANG",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "SỞ Y TẾ",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 1064 /QĐ-SYT",
    "An Giang, ngày 12 tháng 11 năm 2021",
    "",
    "QUYẾT ĐỊNH",
    "Về việc thành lập Tổ kiểm tra công tác phòng, chống dịch bệnh",
    "tại các cơ sở khám bệnh, chữa bệnh trên địa bàn tỉnh",
    "",
    "GIÁM ĐỐC SỞ Y TẾ TỈNH AN GIANG",
    "",
    "Căn cứ Quyết định số 2301/QĐ-UBND ngày 20 tháng 10 năm 2016 của Ủy ban nhân dân tỉnh"
    " An Giang về việc ban hành Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức"
    " của Sở Y tế tỉnh An Giang;",
    "Xét đề nghị của Trưởng phòng Nghiệp vụ Y,",
    "",
    "QUYẾT ĐỊNH:",
    "Điều 1. Thành lập Tổ kiểm tra công tác phòng, chống dịch bệnh tại các cơ sở khám bệnh,"
    " chữa bệnh trên địa bàn tỉnh, gồm các ông (bà) có tên sau đây.",
    "Điều 2. Tổ kiểm tra có nhiệm vụ kiểm tra, báo cáo kết quả trước ngày 30 tháng 11 năm 2021.",
    "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Sở, Trưởng phòng"
    " Nghiệp vụ Y và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
    "",
    "Nơi nhận:",
    "- Như Điều 3;",
    "- Ban Giám đốc Sở;",
    "- Lưu: VT, NVY.",
    "KT. GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "Nguyễn Văn An",
)

# A Kế hoạch of UBND tỉnh; header table column by column; "số:" in lower case.
KE_HOACH_UBND = _doc(
    "ỦY BAN NHÂN DÂN",
    "TỈNH AN GIANG",
    "số: 2521/KH-BCĐ",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Long Xuyên, ngày 5 tháng 3 năm 2024",
    "",
    "KẾ HOẠCH",
    "Triển khai thực hiện chuyển đổi số trên địa bàn tỉnh An Giang",
    "năm 2024",
    "Căn cứ Nghị quyết số 12/NQ-HĐND ngày 8 tháng 12 năm 2023 của Hội đồng nhân dân tỉnh"
    " về nhiệm vụ phát triển kinh tế - xã hội năm 2024;",
    "Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thực hiện chuyển đổi số năm 2024 như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích",
    "Đẩy mạnh chuyển đổi số trong hoạt động của các cơ quan nhà nước; hoàn thành trước"
    " ngày 31 tháng 12 năm 2024.",
    "II. TỔ CHỨC THỰC HIỆN",
    "Giao Sở Thông tin và Truyền thông chủ trì, theo dõi, đôn đốc thực hiện Kế hoạch này./.",
    "",
    "Nơi nhận:",
    "- Bộ Thông tin và Truyền thông;",
    "- TT. TU, HĐND, UBND tỉnh;",
    "- Các sở, ban, ngành tỉnh;",
    "- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Trần Thị Bình",
)

# A Công văn of Sở Khoa học và Công nghệ; header table row by row; V/v under the number.
CONG_VAN_SKHCN = _doc(
    "UBND TỈNH AN GIANG",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 512/SKHCN-QLKH",
    "An Giang, ngày 8 tháng 7 năm 2024",
    "V/v đề xuất đặt hàng nhiệm vụ khoa học",
    "và công nghệ cấp tỉnh năm 2025",
    "Kính gửi: Các sở, ban, ngành tỉnh",
    "",
    "Thực hiện Kế hoạch số 1020/KH-UBND ngày 2 tháng 6 năm 2024 của Ủy ban nhân dân tỉnh,"
    " Sở Khoa học và Công nghệ đề nghị các đơn vị đề xuất nhiệm vụ khoa học và công nghệ"
    " cấp tỉnh năm 2025, gửi về Sở trước ngày 15 tháng 8 năm 2024.",
    "Trân trọng./.",
    "",
    "Nơi nhận:",
    "- Như trên;",
    "- Lưu: VT, QLKH.",
    "KT. GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "Lê Hoàng Minh",
)

# A Thông báo of Sở Y tế; header table column by column; a date at the start of the body.
THONG_BAO_SYT = _doc(
    "UBND TỈNH AN GIANG",
    "SỞ Y TẾ",
    "Số: 3946/TB-SYT",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "An Giang, ngày 20 tháng 9 năm 2023",
    "",
    "THÔNG BÁO",
    "Kết luận của Giám đốc Sở Y tế tại cuộc họp giao ban tháng 9 năm 2023",
    "",
    "Ngày 15 tháng 9 năm 2023, Sở Y tế tổ chức cuộc họp giao ban định kỳ tháng 9 năm 2023."
    " Sau khi nghe báo cáo của các đơn vị, Giám đốc Sở Y tế kết luận như sau:",
    "1. Các đơn vị tiếp tục thực hiện tốt công tác khám bệnh, chữa bệnh.",
    "2. Văn phòng Sở theo dõi, tổng hợp kết quả thực hiện./.",
    "",
    "Nơi nhận:",
    "- Các đơn vị trực thuộc;",
    "- Lưu: VT.",
    "GIÁM ĐỐC",
    "Phạm Thị Thu Hà",
)

# A normative Quyết định of UBND tỉnh; header table row by row; the issuer on two lines;
# the summary runs into the all-capitals line without a blank line.
QUYET_DINH_UBND = _doc(
    "ỦY BAN NHÂN DÂN",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "TỈNH AN GIANG",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 34/2024/QĐ-UBND",
    "An Giang, ngày 18 tháng 12 năm 2024",
    "",
    "QUYẾT ĐỊNH",
    "Ban hành Quy định quản lý hoạt động thoát nước và xử lý nước thải",
    "trên địa bàn tỉnh An Giang",
    "ỦY BAN NHÂN DÂN TỈNH AN GIANG",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Theo đề nghị của Giám đốc Sở Xây dựng.",
    "QUYẾT ĐỊNH:",
    "Điều 1. Ban hành kèm theo Quyết định này Quy định quản lý hoạt động thoát nước và xử lý"
    " nước thải trên địa bàn tỉnh An Giang.",
    "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2025.",
    "Điều 3. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Xây dựng và các tổ chức, cá"
    " nhân có liên quan chịu trách nhiệm thi hành Quyết định này./.",
    "",
    "Nơi nhận:",
    "- Như Điều 3;",
    "- Bộ Xây dựng;",
    "- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Hồ Văn Mừng",
)

# A party Nghị quyết of Tỉnh ủy (party-style number).
NGHI_QUYET_TU = _doc(
    "ĐẢNG BỘ TỈNH AN GIANG",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "TỈNH ỦY",
    "*",
    "Số: 09-NQ/TU",
    "An Giang, ngày 10 tháng 6 năm 2022",
    "",
    "NGHỊ QUYẾT",
    "về phát triển nông nghiệp công nghệ cao giai đoạn 2022 - 2025",
    "",
    "Ngày 6 tháng 6 năm 2022, Ban Thường vụ Tỉnh ủy đã họp và thống nhất ban hành Nghị quyết.",
    "",
    "Nơi nhận:",
    "- Các huyện ủy, thị ủy, thành ủy;",
    "- Lưu Văn phòng Tỉnh ủy.",
    "T/M BAN THƯỜNG VỤ",
    "BÍ THƯ",
    "Lê Hồng Quang",
)


def test_quyet_dinh_so_y_te_row_by_row():
    meta = document_metadata(QUYET_DINH_SYT)
    assert meta.number == "1064/QĐ-SYT"
    assert meta.doc_type == "Quyết định"
    assert meta.issuer == "Sở Y tế"
    assert meta.issued_on == datetime.date(2021, 11, 12)
    assert meta.summary == (
        "thành lập Tổ kiểm tra công tác phòng, chống dịch bệnh"
        " tại các cơ sở khám bệnh, chữa bệnh trên địa bàn tỉnh"
    )
    assert meta.signer == "Nguyễn Văn An"
    assert meta.signer_title == "Phó Giám đốc"
    # "có hiệu lực kể từ ngày ký" means the issue date
    assert meta.effective_on == datetime.date(2021, 11, 12)


def test_ke_hoach_ubnd_column_by_column():
    meta = document_metadata(KE_HOACH_UBND)
    assert meta.number == "2521/KH-BCĐ"
    assert meta.doc_type == "Kế hoạch"
    assert meta.issuer == "Ủy ban nhân dân tỉnh An Giang"
    # from the place-and-date line naming a town, not from the dates in the body
    assert meta.issued_on == datetime.date(2024, 3, 5)
    # wrapped lines joined; the summary ends at the "Căn cứ" line
    assert meta.summary == "Triển khai thực hiện chuyển đổi số trên địa bàn tỉnh An Giang năm 2024"
    assert meta.signer == "Trần Thị Bình"
    assert meta.signer_title == "Phó Chủ tịch"
    assert meta.effective_on is None


def test_cong_van_with_v_v_row_by_row():
    meta = document_metadata(CONG_VAN_SKHCN)
    assert meta.number == "512/SKHCN-QLKH"
    assert meta.doc_type == "Công văn"
    assert meta.issuer == "Sở Khoa học và Công nghệ"
    assert meta.issued_on == datetime.date(2024, 7, 8)
    # without "V/v", wrapped lines joined, ends at "Kính gửi:"
    assert meta.summary == "đề xuất đặt hàng nhiệm vụ khoa học và công nghệ cấp tỉnh năm 2025"
    assert meta.signer == "Lê Hoàng Minh"
    assert meta.signer_title == "Phó Giám đốc"
    assert meta.effective_on is None


def test_thong_bao_column_by_column_date_in_body_is_not_issue_date():
    meta = document_metadata(THONG_BAO_SYT)
    assert meta.number == "3946/TB-SYT"
    assert meta.doc_type == "Thông báo"
    assert meta.issuer == "Sở Y tế"
    assert meta.issued_on == datetime.date(2023, 9, 20)
    assert meta.summary == "Kết luận của Giám đốc Sở Y tế tại cuộc họp giao ban tháng 9 năm 2023"
    assert meta.signer == "Phạm Thị Thu Hà"
    assert meta.signer_title == "Giám đốc"
    assert meta.effective_on is None


def test_normative_quyet_dinh_ubnd_row_by_row_two_line_issuer():
    meta = document_metadata(QUYET_DINH_UBND)
    assert meta.number == "34/2024/QĐ-UBND"
    assert meta.doc_type == "Quyết định"
    assert meta.issuer == "Ủy ban nhân dân tỉnh An Giang"
    assert meta.issued_on == datetime.date(2024, 12, 18)
    # ends at the all-capitals line right under it
    assert meta.summary == (
        "Ban hành Quy định quản lý hoạt động thoát nước và xử lý nước thải trên địa bàn tỉnh An Giang"
    )
    assert meta.signer == "Hồ Văn Mừng"
    assert meta.signer_title == "Phó Chủ tịch"
    # "có hiệu lực thi hành kể từ ngày ..."
    assert meta.effective_on == datetime.date(2025, 1, 1)


def test_party_nghi_quyet_number_and_date():
    meta = document_metadata(NGHI_QUYET_TU)
    assert meta.number == "09-NQ/TU"
    assert meta.issued_on == datetime.date(2022, 6, 10)


def _small_doc(number_line: str, type_line: str) -> str:
    return _doc(
        "UBND TỈNH AN GIANG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "SỞ Y TẾ",
        "Độc lập - Tự do - Hạnh phúc",
        number_line,
        "An Giang, ngày 2 tháng 4 năm 2024",
        "",
        type_line,
        "Tổ chức tập huấn công tác y tế cơ sở năm 2024",
        "",
        "Nội dung chi tiết theo phụ lục đính kèm./.",
    )


@pytest.mark.parametrize(
    ("number_line", "type_line", "number"),
    [
        ("Số: 1064 /QĐ-SYT", "QUYẾT ĐỊNH", "1064/QĐ-SYT"),
        ("số: 2521/KH-BCĐ", "KẾ HOẠCH", "2521/KH-BCĐ"),
        ("Số: 2821/2004/QĐ-UB-NV", "QUYẾT ĐỊNH", "2821/2004/QĐ-UB-NV"),
        ("Số: 3946/TB-SYT", "THÔNG BÁO", "3946/TB-SYT"),
    ],
)
def test_number_variants(number_line, type_line, number):
    meta = document_metadata(_small_doc(number_line, type_line))
    assert meta.number == number
    assert meta.issuer == "Sở Y tế"
    assert meta.issued_on == datetime.date(2024, 4, 2)
    assert meta.summary == "Tổ chức tập huấn công tác y tế cơ sở năm 2024"


def test_doc_type_from_symbol_without_type_line():
    text = _doc(
        "UBND TỈNH AN GIANG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "SỞ Y TẾ",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 415/TB-SYT",
        "An Giang, ngày 9 tháng 1 năm 2024",
        "",
        "Sở Y tế thông báo lịch tiếp công dân định kỳ trong tháng 01 năm 2024 tại trụ sở Sở.",
        "",
        "GIÁM ĐỐC",
        "Phạm Thị Thu Hà",
    )
    meta = document_metadata(text)
    assert meta.number == "415/TB-SYT"
    assert meta.doc_type == "Thông báo"
    assert meta.summary is None
    assert meta.signer == "Phạm Thị Thu Hà"
    assert meta.signer_title == "Giám đốc"
    assert meta.effective_on is None


def test_effective_on_from_explicit_date():
    text = _doc(
        "UBND TỈNH AN GIANG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "SỞ Y TẾ",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 880/QĐ-SYT",
        "An Giang, ngày 20 tháng 7 năm 2024",
        "",
        "QUYẾT ĐỊNH",
        "Ban hành Quy chế làm việc của Sở Y tế",
        "",
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của Sở Y tế.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày 15 tháng 8 năm 2024./.",
        "",
        "GIÁM ĐỐC",
        "Nguyễn Văn An",
    )
    meta = document_metadata(text)
    assert meta.issued_on == datetime.date(2024, 7, 20)
    assert meta.effective_on == datetime.date(2024, 8, 15)
    assert meta.summary == "Ban hành Quy chế làm việc của Sở Y tế"
    assert meta.signer_title == "Giám đốc"


def test_nfd_input_gives_nfc_results():
    nfc = document_metadata(QUYET_DINH_SYT)
    nfd = document_metadata(unicodedata.normalize("NFD", QUYET_DINH_SYT))
    assert nfd == nfc
    assert nfd.number == "1064/QĐ-SYT"
    assert nfd.issuer == "Sở Y tế"
    assert nfd.doc_type == "Quyết định"
    assert nfd.signer == "Nguyễn Văn An"
    assert nfd.signer_title == "Phó Giám đốc"
    for value in (nfd.number, nfd.issuer, nfd.doc_type, nfd.summary, nfd.signer, nfd.signer_title):
        assert value == unicodedata.normalize("NFC", value)


def test_nothing_said_gives_none():
    meta = document_metadata("")
    assert meta.number is None
    assert meta.doc_type is None
    assert meta.issuer is None
    assert meta.issued_on is None
    assert meta.summary is None
    assert meta.signer is None
    assert meta.signer_title is None
    assert meta.effective_on is None


def test_result_is_frozen():
    meta = document_metadata(THONG_BAO_SYT)
    with pytest.raises(dataclasses.FrozenInstanceError):
        meta.number = "1/TB-SYT"
