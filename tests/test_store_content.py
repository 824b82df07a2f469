"""What counts as a change of an article: the record's content, never the page around it."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import timedelta

from hypothesis import given
from hypothesis import strategies as st

from scraper.content.facts import (
    changed_fields,
    content_facts,
    content_hash,
    most_similar,
    near_keys,
    nfc,
    record_from_stored,
    sketch,
    stored_record,
    text_diff,
)
from scraper.parsers.records import Contact
from scraper.storage.recheck import RecheckPolicy
from scraper.urls import identity
from tests.store_factories import SITE, T0, VN, body, record

VIETNAMESE = st.text(
    alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ .,\n"
)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@given(VIETNAMESE, VIETNAMESE)
def test_nfd_and_nfc_copies_hash_alike(title: str, text: str) -> None:
    composed = record(title="Tiêu đề " + title, body_text="Nội dung " + text)
    decomposed = replace(composed, title=nfd(composed.title or ""), body_text=nfd(composed.body_text or ""))
    assert content_hash(decomposed) == content_hash(composed)
    assert nfc(decomposed).body_text == unicodedata.normalize("NFC", composed.body_text or "")
    assert content_facts(decomposed) == content_facts(composed)


def test_facts_are_what_each_function_gives() -> None:
    rec = record(1, shortlink=f"{SITE}/node/1")
    facts = content_facts(rec)
    assert facts.content_hash == content_hash(rec)
    assert facts.identities == (identity(rec.canonical_url or ""), identity(f"{SITE}/node/1"))
    assert facts.near_keys == near_keys(rec)
    assert facts.sketch == sketch(rec.body_text or "")
    assert "thong bao" in facts.search_text and facts.search_text == facts.search_text.lower()


def test_facts_hold_each_address_in_nfc_with_its_identity_and_the_canonical_url() -> None:
    address = nfd(f"{SITE}/tin-tuc/thông-báo?utm_source=zalo")
    rec = record(1, url=address, canonical_url=None, shortlink=f"{SITE}/node/1")
    facts = content_facts(rec)
    composed = unicodedata.normalize("NFC", address)
    assert facts.addresses == (
        (composed, "sotttt.angiang.gov.vn/tin-tuc/th%C3%B4ng-b%C3%A1o"),
        (f"{SITE}/node/1", "sotttt.angiang.gov.vn/node/1"),
    )
    assert facts.identities == (
        "sotttt.angiang.gov.vn/tin-tuc/th%C3%B4ng-b%C3%A1o",
        "sotttt.angiang.gov.vn/node/1",
    )
    assert facts.url == f"{SITE}/tin-tuc/th%C3%B4ng-b%C3%A1o"


def test_nfc_normalises_every_string_of_the_record() -> None:
    decomposed = record(
        title=nfd("Thông báo biên giới"),
        contacts=(Contact(nfd("Văn phòng Sở"), nfd("Chánh Văn phòng"), (), (), "article"),),
    )
    normalised = nfc(decomposed)
    assert normalised.title == "Thông báo biên giới"
    assert normalised.contacts[0].name == "Văn phòng Sở"
    assert normalised.contacts[0].role == "Chánh Văn phòng"


def test_nfc_copies_only_what_changes() -> None:
    parsed = record()
    assert nfc(parsed) is parsed
    tags = ("biên giới", nfd("biển đảo"), nfd("đối ngoại"))
    assert nfc(tags) == ("biên giới", "biển đảo", "đối ngoại")
    assert nfc(tags)[0] is tags[0]
    composed = tags[:1]
    assert nfc(composed) is composed


def test_page_furniture_is_not_content() -> None:
    """View counter, related-news box and layout live in the page, not in the record's content."""
    first = record(
        body_html="<p>x</p><div class='luotxem'>Lượt xem: 12</div><div class='tinlienquan'>A</div>"
    )
    later = replace(
        first,
        body_html="<p>x</p><div class='luotxem'>Lượt xem: 1234</div><div class='tinlienquan'>B, C</div>",
        profile="wps2018",
        url=f"{SITE}/node/1",
    )
    assert content_hash(later) == content_hash(first)


def test_a_relative_date_rendered_again_is_the_same_date() -> None:
    """'2 giờ trước' parsed at 17:25 gives 15:25, minute precision; later the page shows the day."""
    as_relative = record(published_at=T0, published_precision="minute")
    as_day = replace(as_relative, published_at=T0.replace(hour=0, minute=0), published_precision="day")
    assert content_hash(as_day) == content_hash(as_relative)
    next_day = replace(as_relative, published_at=T0 + timedelta(days=1))
    assert content_hash(next_day) != content_hash(as_relative)


def test_re_encoded_text_is_the_same_text() -> None:
    """Entities decoded to NBSP, CRLF line ends, doubled spaces, empty paragraphs: same words."""
    text = "Sáng ngày 09/12/2021, Sở tổ chức hội nghị.\nĐồng chí phát biểu."
    re_encoded = "Sáng\u00a0ngày 09/12/2021,  Sở tổ chức hội nghị.\r\n\r\n Đồng chí phát biểu. "
    assert content_hash(record(body_text=re_encoded)) == content_hash(record(body_text=text))


def test_site_wide_contacts_are_not_part_of_an_article() -> None:
    edited = (replace(record().contacts[0], emails=("vanphong.skhcn@angiang.gov.vn",)),)
    assert content_hash(record(contacts=edited)) == content_hash(record())
    assert content_hash(record(contacts=())) == content_hash(record())
    own = Contact("Bộ phận một cửa", None, ("0296.3.852.989",), (), "article")
    assert content_hash(record(contacts=(own,))) != content_hash(record())


def test_a_real_edit_names_its_fields_and_diffs_the_body() -> None:
    old = record()
    new = replace(old, title="Thông báo số 1 (đã sửa)", body_text=(old.body_text or "") + "\nCâu mới thêm.")
    assert changed_fields(old, new) == ["title", "body_text"]
    diff = text_diff(old.body_text or "", new.body_text or "")
    assert diff.startswith("--- before\n+++ after\n@@")
    assert "\n+Câu mới thêm." in diff
    assert content_hash(new) != content_hash(old)


def test_tags_are_a_set_authors_a_sequence() -> None:
    assert content_hash(record(tags=("b", "a"))) == content_hash(record(tags=("a", "b")))
    assert content_hash(record(authors=("B", "A"))) != content_hash(record(authors=("A", "B")))


def test_stored_record_round_trips_without_site_contacts() -> None:
    own = Contact("Bộ phận một cửa", "Tổ trưởng", ("0296.3.852.989",), ("motcua@angiang.gov.vn",), "article")
    original = record(contacts=(*record().contacts, own))
    stored = stored_record(original)
    assert stored == replace(original, contacts=(own,)).to_dict()
    assert record_from_stored(stored) == replace(original, contacts=(own,))


def similarity(a: bytes, b: bytes) -> float:
    """The similarity of two sketches, with no threshold to stop early at."""
    return most_similar(a, {"b": b}, at_least=0.0)[0]


def test_a_small_edit_is_similar_and_another_article_is_not() -> None:
    text = body(1)
    edited = text.replace("\n", "\nThời gian: 8 giờ sáng thứ Hai.\n", 1)
    assert similarity(sketch(text), sketch(edited)) >= 0.8
    assert similarity(sketch(text), sketch(body(2))) < 0.1
    assert similarity(sketch("hai từ"), sketch("hai từ")) == 1.0


FEW_WORDS = ["biên", "giới", "biển", "đảo", "thông", "tin", "đối", "ngoại", "tỉnh", "An", "Giang"]
SHARED_WORDS = st.lists(st.sampled_from(FEW_WORDS), max_size=150)


@given(SHARED_WORDS, SHARED_WORDS, st.floats(0.0, 1.0))
def test_the_early_exit_never_hides_a_similar_enough_sketch(a: list[str], b: list[str], at_least: float):
    mine, theirs = sketch(" ".join(a)), sketch(" ".join(b))
    exact = similarity(mine, theirs)
    expected = (exact, "b") if exact >= at_least else (0.0, None)
    assert most_similar(mine, {"b": theirs}, at_least=at_least) == expected


def test_the_most_similar_sketch_is_found_with_its_similarity() -> None:
    text = body(1)
    edited = sketch(text.replace("\n", "\nThời gian: 8 giờ sáng thứ Hai.\n", 1))
    others = {"other": sketch(body(2)), "edited": edited, "third": sketch(body(3))}
    assert most_similar(sketch(text), others, at_least=0.8) == (similarity(sketch(text), edited), "edited")
    assert most_similar(sketch(text), {"other": sketch(body(2))}, at_least=0.8) == (0.0, None)
    assert most_similar(sketch(text), {}, at_least=0.8) == (0.0, None)


def test_url_identity_ignores_scheme_tracking_and_unicode_form() -> None:
    url = f"{SITE}/tin-tuc/thông-báo"
    assert identity(nfd(url).replace("https:", "http:") + "?utm_source=zalo") == identity(url)


def test_young_articles_are_rechecked_every_run_old_ones_within_the_period() -> None:
    now = T0.astimezone(VN)
    policy = RecheckPolicy(young=timedelta(days=30), period=timedelta(days=7))
    assert policy.next_check("a", now - timedelta(days=29), now, live=True) == now  # due at the next run
    old = [policy.next_check(key, now - timedelta(days=3650), now, live=True) for key in "abcdefghij"]
    assert all(now < due <= now + timedelta(days=7) for due in old)
    assert len({due.date() for due in old}) >= 5  # spread over the period, not all on one run
    again = policy.next_check("a", now - timedelta(days=3650), old[0], live=True)
    assert again == old[0] + timedelta(days=7)  # then once a period, at the same phase
    assert policy.next_check("a", now - timedelta(hours=2), now, live=False) == now + timedelta(days=30)
