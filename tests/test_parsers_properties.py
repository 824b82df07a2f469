"""The parsers never raise on arbitrary input, and stay pure (no Scrapy, database or network)."""

import ast
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scraper.parsers.article import parse_article
from scraper.parsers.decoding import DecodingError
from scraper.parsers.listing import parse_listing
from scraper.parsers.text import clean, fold

PARSERS = Path(__file__).parents[1] / "scraper" / "parsers"
FORBIDDEN = {"scrapy", "sqlalchemy", "requests", "urllib.request", "socket", "http.client", "twisted"}

TAGS = st.sampled_from(
    [
        "p",
        "div",
        "span",
        "a",
        "img",
        "h1",
        "h3",
        "table",
        "tr",
        "td",
        "em",
        "strong",
        "figure",
        "figcaption",
        "article",
        "script",
        "style",
        "br",
        "li",
        "ul",
        "nav",
        "time",
        "base",
        "meta",
        "link",
    ]
)
ATTRS = st.sampled_from(
    [
        "",
        ' class="chitiettin"',
        ' class="noidung"',
        ' class="mota"',
        ' class="tieude"',
        ' class="node node--type-article"',
        ' class="post-title"',
        ' class="field--name-body"',
        ' class="post-created"',
        ' class="table-customize"',
        ' class="wpthemeFrame"',
        ' href="x.pdf"',
        ' href="http://[::1"',
        ' src="/a.jpg"',
        ' data-cfemail="zz"',
        ' data-cfemail="5a38"',
        ' style="text-align:right"',
        ' datetime="2021-13-45"',
        ' property="article:published_time" content="x"',
        ' rel="canonical" href="::"',
        ' href="/cdn-cgi/l/email-protection#5a"',
    ]
)
TEXTS = st.sampled_from(
    [
        "",
        "13/12/2021 (Sở TT&TT AG) – ",
        "Điện thoại: 0296.6.522.225",
        "32/13/2021",
        "Lượt xem: 12",
        "Quách Vân – Thúy Hằng",
        "e\u0301",
        "&nbsp;",
        "<",
        "&#0;",
        "\x00",
        "ngày 9 tháng 12 năm 2021",
    ]
)


@st.composite
def html_documents(draw):
    parts = []
    for _ in range(draw(st.integers(0, 25))):
        tag, attrs = draw(TAGS), draw(ATTRS)
        text = draw(st.one_of(TEXTS, st.text(max_size=15)))
        parts.append(draw(st.sampled_from([f"<{tag}{attrs}>{text}", f"{text}</{tag}>", f"<{tag}{attrs}/>"])))
    return "".join(parts)


@settings(max_examples=250, deadline=None)
@given(html_documents(), st.sampled_from([None, "utf-8", "windows-1258", "iso-8859-1", "bogus"]))
def test_article_parser_never_raises_on_html(document, charset):
    record = parse_article(
        document.encode("utf-8", "surrogatepass"), "https://sotttt.angiang.gov.vn/a", charset
    )
    assert record.url == "https://sotttt.angiang.gov.vn/a"
    if record.is_article:
        assert record.title and record.body_text is not None


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300).filter(lambda b: b"\x00" not in b))
def test_parsers_give_a_record_or_a_clear_decoding_error_on_bytes(content):
    try:
        record = parse_article(content, "http://127.0.0.1/x")
    except DecodingError as error:
        assert "neither UTF-8 nor" in str(error)
        return
    assert record.url == "http://127.0.0.1/x"
    assert parse_listing(content, "http://127.0.0.1/x").url == "http://127.0.0.1/x"


def test_binary_content_is_a_decoding_error():
    with pytest.raises(DecodingError, match="binary content"):
        parse_article(b"%PDF-1.4\x00\x00\x00" * 40, "http://127.0.0.1/x.pdf")


@settings(max_examples=100, deadline=None)
@given(html_documents())
def test_listing_parser_returns_absolute_links(document):
    listing = parse_listing(document, "https://sotttt.angiang.gov.vn/tin-tuc")
    for teaser in listing.teasers:
        assert isinstance(teaser.title, str)


def test_parser_modules_import_no_crawler_database_or_network():
    for path in PARSERS.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert not any(name == f or name.startswith(f + ".") for f in FORBIDDEN), (path, name)


def _fold_char_by_char(text: str) -> str:
    """The definition ``fold`` implements faster: NFD, then drop every combining character."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@settings(max_examples=300, deadline=None)
@given(st.text() | st.text(alphabet="aăâeêioôơuưyđĐ ̣́̀̉̃“”–…ÀẢỆỮ\u034f\u0483\u05b0\u0e31\u302a x1", max_size=60))
def test_fold_drops_exactly_the_combining_characters(text):
    assert fold(text) == _fold_char_by_char(text)


def test_fold_of_vietnamese():
    folded = fold("Biên giới, BIỂN ĐẢO – “Thông tin đối ngoại”")
    assert folded == "bien gioi, bien dao – “thong tin doi ngoai”"


def _clean_by_definition(text: str) -> str:
    """What ``clean`` implements faster: NFC, every run of spaces to one, lines trimmed, ends stripped."""
    spaced = re.sub(
        r"[ \t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+", " ", unicodedata.normalize("NFC", text)
    )
    return re.sub(r"\s*\n\s*", "\n", spaced).strip()


@settings(max_examples=300, deadline=None)
@given(st.text() | st.text(alphabet=" \t\r\n\f\v\u00a0\u2002\u200b\u202f\u3000\x1c ab̀ê", max_size=60))
def test_clean_collapses_spaces_and_trims_lines_as_defined(text):
    assert clean(text) == _clean_by_definition(text)


def test_clean_of_a_paragraph():
    assert (
        clean("  Sở  Thông tin\u00a0và\tTruyền thông \n\n  An Giang ")
        == "Sở Thông tin và Truyền thông\nAn Giang"
    )
