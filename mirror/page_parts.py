"""Parts shared by both layouts: banner, contact block and its style, footer, teaser data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from html import escape

from mirror.corpus import corpus
from mirror.model import Category

BANNER = "sở thông tin &amp; truyền thông tỉnh an giang"
SITE_NAME = "Sở Thông tin và Truyền thông An Giang"
COPYRIGHT = "Copyright © 2018 sotttt.angiang.gov.vn. All Rights Reserved ."
CONTACT_HEADING = "số điện thoại tiếp nhận<br>phản ánh kiến nghị về tthc"
CONTACT_STYLE = (
    "<style>@media (min-width: 320px) and (max-width: 767px){ .table-customize > tbody > tr > td a "
    "{ display: block; float: right; } }</style>"
)
FOOTER_LINES = (
    "Cơ quan chủ quản: Sở Thông tin và Truyền thông tỉnh An Giang",
    "Địa chỉ: 01 Lê Hồng Phong, P. Mỹ Bình, TP Long Xuyên, tỉnh An Giang",
    "Số điện thoại: (02963) 956898 - Email: sotttt@angiang.gov.vn",
    "Giấy phép thiết lập website số 51/GP-TTDT do Cục Quản lý Phát thanh, Truyền hình và Thông tin điện tử"
    " cấp ngày 11/8/2008",
)
PAGE_SCRIPT = (
    "<script>var _gaq = _gaq || []; _gaq.push(['_setAccount', 'UA-00000000-1']);"
    " document.documentElement.className += ' js';</script>"
)
TEASER_WORDS = 32


@dataclass(frozen=True)
class Teaser:
    """One article as a listing shows it."""

    href: str
    alt_href: str
    title: str
    published_at: datetime
    category: Category
    summary: str
    image: str | None


@dataclass(frozen=True)
class RelatedLink:
    href: str
    title: str
    published_at: datetime


def esc(text: str) -> str:
    return escape(text, quote=True)


def shorten(text: str, words: int = TEASER_WORDS) -> str:
    parts = text.split()
    return text if len(parts) <= words else " ".join(parts[:words]) + " …"


@cache
def contact_table() -> str:
    """``table.table-customize``: the site-wide contact points, one numbered row each."""
    rows = []
    for number, contact in enumerate(corpus().contacts, start=1):
        name = f"{contact.name} ({contact.role})" if contact.role else contact.name
        rows.append(
            f"<tr>\n<td>{number}</td>\n<td><p>{esc(name)}</p>\n<p>Điện thoại: {esc(contact.phones)}</p>\n"
            f'<p>Email: <a href="mailto:{contact.email}">{contact.email}</a></p></td>\n</tr>\n'
        )
    return f'<table class="table table-bordered table-customize"><tbody>{"".join(rows)}</tbody></table>'


def footer_html() -> str:
    return "<br>".join(esc(line) for line in FOOTER_LINES)


def paragraphs_html(
    paragraphs: list[str], figure: str | None, *, p_open: str = "<p>", spacer: str = "<p>&nbsp;</p>\n"
) -> str:
    """Body paragraphs, the figure after the second one (as every layout places it).

    ``spacer`` is what editors put between paragraphs (the seed's ``<p>&nbsp;</p>``) or "".
    """
    after = min(1, len(paragraphs) - 1)
    parts = []
    for n, text in enumerate(paragraphs):
        parts.append(f"{spacer}{p_open}{esc(text)}</p>\n")
        if figure and n == after:
            parts.append(f"{spacer}{figure}\n")
    return "".join(parts)
