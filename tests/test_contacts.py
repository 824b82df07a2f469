import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html

from scraper.parsers.contacts import contact_from_text, decode_cfemail, phones, reveal_cfemails


def cf_encode(address: str, key: int = 0x5A) -> str:
    return bytes([key, *(b ^ key for b in address.encode())]).hex()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0296.6.522.225", ("+842966522225",)),
        ("0296.3.957.049 - 0378.247.247", ("+842963957049", "+84378247247")),
        ("(0296).3852989 – 3852862", ("+842963852989", "+842963852862")),
        ("(02963) 956898", ("+842963956898",)),
        ("0378.247.247", ("+84378247247",)),
        ("Lượt xem: 12", ()),
    ],
)
def test_phones_in_e164(text, expected):
    assert phones(text) == expected


def test_cloudflare_email_is_decoded():
    assert decode_cfemail(cf_encode("binh.tv@angiang.gov.vn")) == "binh.tv@angiang.gov.vn"
    assert decode_cfemail("zz") is None
    assert decode_cfemail(cf_encode("not an address")) is None


def test_cloudflare_email_is_revealed_in_the_tree():
    tree = html.fromstring(
        f'<p>Email: <a href="/cdn-cgi/l/email-protection" class="__cf_email__" '
        f'data-cfemail="{cf_encode("lan.nt@angiang.gov.vn")}">[email&#160;protected]</a></p>'
    )
    reveal_cfemails(tree)
    assert tree.text_content() == "Email: lan.nt@angiang.gov.vn"


def test_contact_with_role_after_dash_and_shared_area_code():
    contact = contact_from_text(
        "Thông tin chi tiết xin liên hệ: Ông Trần Văn Bình – Phó Trưởng phòng Bưu chính, Viễn thông, "
        "điện thoại: (0296).3852989 – 3852862, email: binh.tv@angiang.gov.vn.",
        "article",
    )
    assert contact is not None
    assert contact.name == "Ông Trần Văn Bình"
    assert contact.role == "Phó Trưởng phòng Bưu chính, Viễn thông"
    assert contact.phones == ("+842963852989", "+842963852862")
    assert contact.emails == ("binh.tv@angiang.gov.vn",)
    assert contact.scope == "article"


def test_contact_with_role_in_brackets():
    contact = contact_from_text(
        "Bà Phạm Thu Hồng (Chánh Văn phòng Sở)\nĐiện thoại: 0296.6.522.225\nEmail: sotttt@angiang.gov.vn",
        "site",
    )
    assert (contact.name, contact.role, contact.phones, contact.emails) == (
        "Bà Phạm Thu Hồng",
        "Chánh Văn phòng Sở",
        ("+842966522225",),
        ("sotttt@angiang.gov.vn",),
    )


def test_text_without_phone_is_no_contact():
    assert (
        contact_from_text("Sáng ngày 09/12/2021, tại Hà Nội, Bộ TT&TT tổ chức Hội nghị.", "article") is None
    )


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_phone_parsing_never_raises(text):
    for number in phones(text):
        assert number.startswith("+")
    contact_from_text(text, "article")
