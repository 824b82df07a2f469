"""Pages in the ``wps2018`` layout (IBM WebSphere Portal, 2018-2021): see docs/layouts.md."""

from __future__ import annotations

from functools import cache

from mirror import addresses
from mirror.content import byline, lead_line
from mirror.corpus import corpus
from mirror.model import Article, Category
from mirror.page_parts import (
    BANNER,
    CONTACT_HEADING,
    CONTACT_STYLE,
    COPYRIGHT,
    PAGE_SCRIPT,
    RelatedLink,
    Teaser,
    contact_table,
    esc,
    footer_html,
    paragraphs_html,
    shorten,
)
from mirror.vntext import day

TRAP_PATH = "/wps/myportal/Home"
# The endless archive (Site(endless_archive=True)): every page links a next one, past the end too.
ARCHIVE_PATH = f"{addresses.WPS_ROOT}/luu-tru"
ARCHIVE_TITLE = "Lưu trữ"
ARCHIVE_EMPTY = "Không có bài viết nào."
HEAD_SCRIPT = (
    '<script type="text/javascript">var wptheme = {"locale": "vi", "portal": "/wps/portal"};'
    " if (typeof dojo !== 'undefined') { dojo.require('dijit.layout.ContentPane'); }</script>"
)


@cache
def _menu(archive: bool = False) -> str:
    items = [f'<li><a href="{addresses.WPS_HOME}">Trang chủ</a></li>']
    items += [
        f'<li><a href="{addresses.wps_listing_path(c.slug)}">{esc(c.name)}</a></li>'
        for c in corpus().categories
    ]
    if archive:
        items.append(f'<li><a href="{ARCHIVE_PATH}">{ARCHIVE_TITLE}</a></li>')
    # A robots-disallowed page and an off-site portal in the menu a crawler follows.
    items.append(f'<li><a href="{TRAP_PATH}">Đăng nhập</a></li>')
    items.append(f'<li><a href="{addresses.PROVINCE_PORTAL}">Cổng TTĐT tỉnh</a></li>')
    return f'<nav class="wpthemeMainNav"><ul class="nav-menu">{"".join(items)}</ul></nav>'


def _page(title: str, base_href: str, crumbs: list[tuple[str, str]], main: str, archive: bool = False) -> str:
    crumb_html = "".join(f'<li><a href="{href}">{esc(name)}</a></li>' for href, name in crumbs)
    return (
        '<!DOCTYPE html><html lang="vi"><head>'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
        f'<base href="{esc(base_href)}"><title>{esc(title)}</title>{HEAD_SCRIPT}</head>'
        '<body class="lotusui30dojo tundra locale_vi"><div class="wpthemeFrame">'
        f'<header class="wpthemeHeader"><div class="banner"><a href="{addresses.WPS_HOME}">'
        '<img src="/wps/contenthandler/dav/themelist/angiang2018/images/logo.png" alt="logo"></a>'
        f'<div class="banner-title">{BANNER}</div>'
        f'<div class="login"><a href="{TRAP_PATH}">Đăng nhập</a></div></div>{_menu(archive)}</header>'
        f'<div class="wpthemeMainContent"><ul class="breadcrumb">'
        f'<li><a href="{addresses.WPS_HOME}">Trang chủ</a></li>{crumb_html}</ul>'
        f'<div class="row"><div class="col-md-9 main-content">{main}</div>'
        '<div class="col-md-3 sidebar"><div class="box-phananh">'
        f'<div class="title-phananh">{CONTACT_HEADING}</div>{contact_table()}{CONTACT_STYLE}</div></div>'
        "</div></div>"
        f'<footer class="wpthemeFooter"><div class="footer-info">{footer_html()}</div>'
        f'<div class="copyright">{COPYRIGHT}</div></footer></div>{PAGE_SCRIPT}</body></html>'
    )


def _crumbs(category: Category) -> list[tuple[str, str]]:
    return [(addresses.wps_listing_path(category.slug), category.name)]


def article_page(article: Article, related: list[RelatedLink], base_url: str, archive: bool = False) -> str:
    """The article page; ``archive``: the menu links the endless archive (so do the other pages')."""
    title = esc(article.title)
    figure = None
    if article.image:
        figure = (
            f'<p style="text-align:center"><img src="{esc(article.image.src)}" alt=""></p>'
            f'<p style="text-align:center"><em>{esc(article.image.caption)}</em></p>'
        )
    body = paragraphs_html(article.paragraphs, figure)
    if article.attachment:
        body += f'<p>&nbsp;</p><p><a href="{esc(article.attachment.path)}">Tải về</a></p>'
    signed = byline(article)
    if signed:
        body += f'<p>&nbsp;</p><p style="text-align:right"><strong>{esc(signed)}</strong></p>'
    tags = ""
    if article.tags:
        links = ", ".join(f'<a href="{esc(addresses.wps_search_path(t))}">{esc(t)}</a>' for t in article.tags)
        tags = f'<div class="tags">Từ khóa: {links}</div>'
    related_items = "".join(
        f'<li><a href="{esc(r.href)}">{esc(r.title)}</a> ({day(r.published_at)})</li>' for r in related
    )
    main = (
        f'<h2 class="page-title">{title}</h2><div class="chitiettin"><h1 class="tieude">{title}</h1>'
        f'<div class="luotxem">Lượt xem: {article.views}</div>'
        f'<div class="mota"><p>{esc(lead_line(article))}</p></div>'
        f'<div class="noidung">{body}</div>{tags}</div>'
        f'<div class="tinlienquan"><h3>Tin liên quan</h3><ul>{related_items}</ul></div>'
    )
    base_href = base_url + addresses.with_portal_state(article.path)
    return _page(article.title, base_href, _crumbs(article.category), main, archive)


def _teasers(teasers: list[Teaser]) -> str:
    items = []
    for t in teasers:
        image = f'<img src="{esc(t.image)}" alt="">' if t.image else ""
        items.append(
            f'<div class="tin-item"><a class="anh" href="{esc(t.alt_href)}">{image}</a>'
            f'<h3 class="tieude"><a href="{esc(t.href)}">{esc(t.title)}</a></h3>'
            f'<span class="ngay">{day(t.published_at)}</span>'
            f'<p class="mota">{esc(shorten(t.summary))}</p></div>'
        )
    return f'<div class="danhsachtin">{"".join(items)}</div>'


def _pager(page: int, pages: int, endless: bool = False) -> str:
    """Links to the pages around ``page`` of ``pages``; ``endless``: a next link on every page,
    past the last one too, and no link to a last page."""
    if endless:
        pages = max(pages, page + 2)
    elif pages <= 1:
        return ""
    items = []
    if page > 0:
        items.append(f'<li class="prev"><a href="{addresses.page_href(page - 1, True)}">« Trước</a></li>')
    for n in range(max(0, page - 3), min(pages, page + 4)):
        if n == page:
            items.append(f'<li class="active"><span>{n + 1}</span></li>')
        else:
            items.append(f'<li><a href="{addresses.page_href(n, True)}">{n + 1}</a></li>')
    if page + 1 < pages:
        items.append(f'<li class="next"><a href="{addresses.page_href(page + 1, True)}">Sau »</a></li>')
        if not endless:
            items.append(f'<li class="last"><a href="{addresses.page_href(pages - 1, True)}">Cuối</a></li>')
    return f'<ul class="phantrang">{"".join(items)}</ul>'


def listing_page(
    category: Category, teasers: list[Teaser], page: int, pages: int, base_url: str, archive: bool = False
) -> str:
    path = addresses.wps_listing_path(category.slug)
    main = f'<h2 class="page-title">{esc(category.name)}</h2>{_teasers(teasers)}{_pager(page, pages)}'
    base_href = base_url + addresses.with_portal_state(path)
    return _page(category.name, base_href, _crumbs(category), main, archive)


def archive_page(teasers: list[Teaser], page: int, pages: int, base_url: str) -> str:
    """Page ``page`` (0-based) of the endless archive, whose real pages are ``pages``: like a
    listing, but every page links a next one, and a page past the end says ``ARCHIVE_EMPTY``."""
    listed = _teasers(teasers) if teasers else f'<div class="thongbao"><p>{ARCHIVE_EMPTY}</p></div>'
    main = f'<h2 class="page-title">{ARCHIVE_TITLE}</h2>{listed}{_pager(page, pages, endless=True)}'
    base_href = base_url + addresses.with_portal_state(ARCHIVE_PATH)
    return _page(ARCHIVE_TITLE, base_href, [(ARCHIVE_PATH, ARCHIVE_TITLE)], main, True)


def home_page(latest: list[Teaser], base_url: str, archive: bool = False) -> str:
    more = "".join(
        f'<li><a href="{addresses.wps_listing_path(c.slug)}">{esc(c.name)} »</a></li>'
        for c in corpus().categories
    )
    main = (
        f'<h2 class="page-title">Tin mới</h2>{_teasers(latest)}'
        f'<div class="xemthem"><h3>Chuyên mục</h3><ul>{more}</ul></div>'
    )
    return _page("Trang chủ", base_url + addresses.with_portal_state(addresses.WPS_HOME), [], main, archive)


def message_page(title: str, text: str, base_url: str, archive: bool = False) -> str:
    """A plain page (not found, gone, login form) in this layout's frame."""
    main = f'<h2 class="page-title">{esc(title)}</h2><div class="thongbao"><p>{esc(text)}</p></div>'
    return _page(title, base_url + addresses.WPS_HOME, [], main, archive)
