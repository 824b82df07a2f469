"""The ``wps2018`` layout in three more markup dialects (``wps-classic`` is ``render_wps.py``).

Same content as the classic pages (title, lead with its dateline, body, caption, byline, files,
tags, related news, contact table), written the way other WebSphere Portal 8.x sites write it:

- ``wps-portal8``: the Portal 8.0 theme (``theme.html``), the ``2ColumnRight`` layout (secondary
  column first in the document), the Standard skin (portlet title in ``wpthemeControlHeader h2``)
  and a WCM ``div`` presentation template; crumb trail as ``crumbTrail.jsp`` writes it; WCM
  ``[PageNavigation]`` pager links (``?1dmy&page=2&urile=wcm%3apath%3a…``, relative to ``<base>``).
- ``wps-table``: a custom theme on the legacy table layout (``table.layoutRow`` /
  ``table.layoutColumn`` / ``div.component-control``, as saved WPS 8 pages with legacy layouts show),
  XHTML 1.0, a WCM table template, jQuery lazyload pictures (``data-original``), ``align=center``
  captions and ``align=right`` bylines.
- ``wps-html5``: the 8.5 theme with the NoSkin skin (``section.ibmPortalControl wpthemeNoSkin``,
  ``wpthemeAccess`` title), Bootstrap grid and breadcrumb, an HTML5 ``article`` template with a
  ``<time>`` element, lazysizes pictures (``data-src``) in ``figure``/``figcaption``, the byline in
  the article footer and the file linked in the body.
"""

from __future__ import annotations

from mirror import addresses
from mirror.content import byline, lead_line
from mirror.corpus import corpus
from mirror.markup import image, lead_parts, portal_id
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
from mirror.render_wps import TRAP_PATH
from mirror.vntext import day

XHTML_DOCTYPE = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'
)
LOGO = "/wps/contenthandler/dav/themelist/angiang2018/images/logo.png"
DETAIL_PAGE = "Chi tiết tin"


def _menu() -> list[tuple[str, str]]:
    items = [(addresses.WPS_HOME, "Trang chủ")]
    items += [(addresses.wps_listing_path(c.slug), c.name) for c in corpus().categories]
    # A robots-disallowed page and an off-site portal in the menu a crawler follows.
    return [*items, (TRAP_PATH, "Đăng nhập"), (addresses.PROVINCE_PORTAL, "Cổng TTĐT tỉnh")]


def _state(path: str) -> str:
    return addresses.with_portal_state(path)


def _tags(article: Article, sep: str = ", ") -> str:
    return sep.join(f'<a href="{esc(addresses.wps_search_path(t))}">{esc(t)}</a>' for t in article.tags)


def _wcm_page_href(category: Category, page: int) -> str:
    """A WCM ``[PageNavigation]`` link (1-based ``page``), relative to the page's ``<base href>``."""
    return f"?1dmy&page={page + 1}&urile=wcm%3apath%3a%2Fsotttt%2Fchuyen-muc%2F{category.slug}"


def _page_range(page: int, pages: int) -> range:
    return range(max(0, page - 3), min(pages, page + 4))


# ---- wps-portal8: Portal 8.0 theme, Standard skin, WCM div template -----------------------------
def _p8_control(window: str, title: str, body: str) -> str:
    """A portlet window in the Standard skin (``skins/Standard/skin.html``); ``title`` is HTML."""
    return (
        f'<div class="component-control id-{window}"><span id="{window}"></span>'
        '<section class="ibmPortalControl wpthemeControl wpthemeStandard a11yRegionTarget" role="region">'
        f'<div class="asa.portlet" id="asa.portlet.{window}" style="display:none;">'
        f'<span class="asa.portlet.id">{window}</span></div>'
        '<header class="wpthemeControlHeader dojoDndHandle"><div class="wpthemeInner"><h2>'
        f'<span class="lm-dynamic-title asa.portlet.title a11yRegionLabel"><span lang="vi" dir="ltr">{title}'
        "</span></span></h2></div></header>"
        '<div class="wpthemeControlBody wpthemeOverflowAuto wpthemeClear">'
        '<div style="position:relative"><div class="analytics.overlay"></div></div>'
        f'{body}<div class="wpthemeClear"></div></div></section></div>'
    )


def _noskin(window: str, title: str, body: str) -> str:
    """A portlet window in the NoSkin skin: the title only for screen readers."""
    return (
        f'<div class="component-control id-{window}"><span id="{window}"></span>'
        '<section class="ibmPortalControl wpthemeNoSkin a11yRegionTarget" role="region">'
        f'<div class="asa.portlet" id="asa.portlet.{window}" style="display:none;">'
        f'<span class="asa.portlet.id">{window}</span></div>'
        '<span class="wpthemeAccess"><span class="lm-dynamic-title asa.portlet.title a11yRegionLabel">'
        f'{title}</span></span><div class="wpthemeOverflowAuto">{body}</div></section></div>'
    )


def _p8_crumbs(crumbs: list[tuple[str, str]], selected: str) -> str:
    """``crumbTrail.jsp``: links, ``&gt;`` separators, the selected page in ``strong``."""
    parts = [f'<a href="{addresses.WPS_HOME}"><span lang="vi" dir="ltr">Trang chủ</span></a>']
    parts += [
        f'<a href="{esc(href)}"><span lang="vi" dir="ltr">{esc(name)}</span></a>' for href, name in crumbs
    ]
    parts.append(f'<strong><span class="wpthemeSelected" lang="vi" dir="ltr">{esc(selected)}</span></strong>')
    separator = '<span class="wpthemeCrumbTrailSeparator">&gt;</span>'
    return f'<div class="wpthemeCrumbTrail wpthemeLeft">{separator.join(parts)}</div>'


def _p8_page(
    title: str, base_href: str, kind: str, crumbs: list[tuple[str, str]], selected: str, main: str
) -> str:
    nav = "".join(
        f'<li class="wpthemeNavListItem wpthemeLeft"><a href="{esc(href)}"><span lang="vi" dir="ltr">'
        f"{esc(name)}</span></a></li>"
        for href, name in _menu()
    )
    contact = _p8_control(
        portal_id("Z7", kind, "phananh"), CONTACT_HEADING, f"{contact_table()}{CONTACT_STYLE}"
    )
    return (
        f'{XHTML_DOCTYPE}<html xmlns="http://www.w3.org/1999/xhtml" lang="vi" xml:lang="vi"><head>'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />'
        f'<base href="{esc(base_href)}" /><title>{esc(title)}</title>'
        f'<link id="com.ibm.lotus.NavStateUrl" rel="alternate" href="{esc(base_href)}" />'
        '<link rel="stylesheet" href="/wps/themeModules/themes/html/dynamicSpots/css/wptheme.css"'
        ' type="text/css" />'
        '<script type="text/javascript">var ibmCfg = {"portalConfig": {"currentPageOID": '
        f'"{portal_id("Z6", kind)}", "locale": "vi"}}}};</script>'
        '</head><body class="lotusui30dojo tundra locale_vi"><div class="wpthemeFrame">'
        '<header role="banner"><div class="wpthemeHeader"><div class="wpthemeInner">'
        f'<div class="wpthemeLogo wpthemeLeft"><a href="{addresses.WPS_HOME}"><img src="{LOGO}" alt="" /></a>'
        f'<span class="wpthemeAltText">{BANNER}</span></div>'
        f'<div class="wpthemeRight"><a class="wpthemeLoginLink" href="{TRAP_PATH}">Đăng nhập</a></div>'
        '</div></div><div class="wpthemeBanner"><div class="wpthemeBannerInner"><div class="wpthemeInner">'
        f'<nav class="wpthemePrimaryNav wpthemeLeft" role="navigation"><ul class="wpthemeNavList">{nav}</ul>'
        "</nav>"
        '<div class="wpthemeClear"></div></div></div></div></header>'
        '<div class="wpthemeMainContent" role="main"><div class="wpthemeInner">'
        f'{_p8_crumbs(crumbs, selected)}<div class="wpthemeClear"></div></div>'
        '<div id="layoutContainers" class="wpthemeLayoutContainers wpthemeLayoutContainersHidden">'
        '<div class="wpthemeInner"><div class="hiddenWidgetsDiv"><div class="component-container '
        f'hiddenWidgetsContainer ibmDndRow id-{portal_id("Z7", kind, "hidden")}" name="ibmHiddenWidgets">'
        "</div>"
        '<div style="clear:both"></div></div><div class="wptheme2Col wpthemeUnequal">'
        '<div class="component-container wpthemeCol wpthemeSecondaryContainer ibmDndColumn wpthemeLeft '
        f'id-{portal_id("Z7", kind, "left")}" name="left">{contact}</div>'
        '<div class="component-container wpthemeCol wpthemePrimaryContainer ibmDndColumn wpthemeLeft '
        f'id-{portal_id("Z7", kind, "main")}" name="ibmMainContainer">{main}</div>'
        '</div><div class="wpthemeClear"></div></div></div></div>'
        '<footer class="wpthemeFooter" role="contentinfo"><div class="wpthemeInner">'
        f'<div class="wcm-footer"><p>{footer_html()}</p><p class="wcm-copyright">{COPYRIGHT}</p></div>'
        '<div class="wpthemeClear"></div></div></footer></div>'
        '<div class="wpthemeComplementaryContent" id="wpthemeComplementaryContent" role="region" '
        'aria-labelledby="wpthemeComplementaryContentText"><span class="wpthemeAltText" '
        'id="wpthemeComplementaryContentText">Complementary Content</span></div>'
        f"{PAGE_SCRIPT}</body></html>"
    )


def p8_article(article: Article, related: list[RelatedLink], base_url: str) -> str:
    a = article
    figure = None
    if a.image:
        picture = image(a.image.src, attrs=' style="width: 600px;"', xhtml=True)
        figure = (
            f'<p style="text-align: center;">{picture}</p>\n'
            f'<p style="text-align: center;"><em>{esc(a.image.caption)}</em></p>'
        )
    body = f"<p><strong>{esc(lead_line(a))}</strong></p>\n{paragraphs_html(a.paragraphs, figure)}"
    signed = byline(a)
    if signed:
        body += f'<p>&nbsp;</p>\n<p style="text-align: right;"><strong>{esc(signed)}</strong></p>\n'
    extras = ""
    if a.attachment:
        extras += (
            '<div class="wcm-dinhkem"><span class="wcm-nhan">Tệp đính kèm:</span> '
            f'<a href="{esc(a.attachment.path)}" target="_blank"><i class="fa fa-file-pdf-o"></i> '
            f"{esc(a.attachment.name)}</a></div>"
        )
    if a.tags:
        extras += f'<div class="wcm-tukhoa">Từ khóa: {_tags(a)}</div>'
    content = (
        f'<div class="wcm-chitiet"><h3 class="wcm-tieude">{esc(a.title)}</h3>'
        f'<div class="wcm-thongtin"><span class="wcm-ngaydang">Ngày đăng : {day(a.published_at)}</span>'
        f' | <span class="wcm-luotxem">Lượt xem: {a.views}</span></div>'
        f'<div class="wcm-noidung">{body}</div>{extras}</div>'
    )
    items = "".join(
        f'<li><a href="{esc(r.href)}">{esc(r.title)}</a> <span'
        f' class="wcm-ngay">({day(r.published_at)})</span></li>'
        for r in related
    )
    others = (
        f'<div class="wcm-tinkhac"><h4 class="wcm-tinkhac-tieude">Tin liên quan</h4><ul>{items}</ul></div>'
    )
    main = _p8_control(portal_id("Z7", "detail", "content"), esc(a.title), content) + _noskin(
        portal_id("Z7", "detail", "related"), "Tin liên quan", others
    )
    crumbs = [(addresses.wps_listing_path(a.category.slug), a.category.name)]
    return _p8_page(a.title, base_url + _state(a.path), "detail", crumbs, DETAIL_PAGE, main)


def _p8_teasers(teasers: list[Teaser]) -> str:
    items = []
    for t in teasers:
        picture = (
            f'<div class="wcm-muc-anh"><a href="{esc(t.alt_href)}">{image(t.image, xhtml=True)}</a></div>'
            if t.image
            else ""
        )
        items.append(
            f'<div class="wcm-muc clearfix">{picture}<div class="wcm-muc-noidung">'
            f'<h4 class="wcm-muc-tieude"><a href="{esc(t.href)}">{esc(t.title)}</a></h4>'
            f'<span class="wcm-muc-ngay">({day(t.published_at)})</span>'
            f'<p class="wcm-muc-tomtat">{esc(shorten(t.summary))}</p></div></div>'
        )
    return f'<div class="wcm-danhsach">{"".join(items)}</div>'


def _p8_pager(category: Category, page: int, pages: int) -> str:
    if pages <= 1:
        return ""
    parts = []
    if page > 0:
        parts.append(
            f'<a class="wcm-truoc" href="{esc(_wcm_page_href(category, page - 1))}">« Trang trước</a>'
        )
    for n in _page_range(page, pages):
        if n == page:
            parts.append(f"<strong>{n + 1}</strong>")
        else:
            parts.append(f'<a href="{esc(_wcm_page_href(category, n))}">{n + 1}</a>')
    if page + 1 < pages:
        parts.append(f'<a class="wcm-sau" href="{esc(_wcm_page_href(category, page + 1))}">Trang sau »</a>')
    return f'<div class="wcm-phantrang">Trang: {" ".join(parts)}</div>'


def p8_listing(category: Category, teasers: list[Teaser], page: int, pages: int, base_url: str) -> str:
    body = _p8_teasers(teasers) + _p8_pager(category, page, pages)
    main = _p8_control(portal_id("Z7", "listing", "menu"), esc(category.name), body)
    path = addresses.wps_listing_path(category.slug)
    return _p8_page(category.name, base_url + _state(path), "listing", [], category.name, main)


def p8_home(latest: list[Teaser], base_url: str) -> str:
    more = "".join(
        f'<li><a href="{addresses.wps_listing_path(c.slug)}">{esc(c.name)}</a></li>'
        for c in corpus().categories
    )
    main = _p8_control(portal_id("Z7", "home", "latest"), "Tin mới", _p8_teasers(latest)) + _p8_control(
        portal_id("Z7", "home", "categories"), "Chuyên mục", f'<ul class="wcm-chuyenmuc">{more}</ul>'
    )
    home = base_url + _state(addresses.WPS_HOME)
    return _p8_page("Trang chủ", home, "home", [], "Trang chủ", main)


def p8_message(title: str, text: str, base_url: str) -> str:
    main = _p8_control(
        portal_id("Z7", "message"), esc(title), f'<div class="wcm-thongbao"><p>{esc(text)}</p></div>'
    )
    return _p8_page(title, base_url + addresses.WPS_HOME, "message", [], title, main)


# ---- wps-table: legacy table layout, WCM table template, jQuery lazyload ------------------------
def _tb_control(window: str, heading: str, body: str) -> str:
    """A portlet window in the site's table skin."""
    return (
        f'<div class="component-control id-{window}"><!--skin: AnGiangKhung-->'
        '<table class="khung-portlet" width="100%" border="0" cellspacing="0" cellpadding="0">'
        f'<tr><td class="khung-tieude">{heading}</td></tr><tr><td class="khung-noidung">{body}</td></tr>'
        "</table></div>"
    )


def _tb_column(window: str, width: str, controls: list[str]) -> str:
    rows = "".join(f'<tr><td style="width:100%;" valign="top">{c}</td></tr>' for c in controls)
    return (
        f'<td valign="top" width="{width}"><table class="layoutColumn ibmDndColumn component-container '
        f'id-{window} layoutNode" cellpadding="0" cellspacing="0" role="presentation" width="100%">'
        f"{rows}</table></td>"
    )


def _tb_page(title: str, base_href: str, kind: str, crumbs: list[tuple[str, str]], main: list[str]) -> str:
    nav = "".join(f'<li><a href="{esc(href)}">{esc(name)}</a></li>' for href, name in _menu())
    trail = " &raquo; ".join(
        f'<a href="{esc(href)}">{esc(name)}</a>'
        for href, name in [(addresses.WPS_HOME, "Trang chủ"), *crumbs]
    )
    contact = _tb_control(
        portal_id("Z7", kind, "phananh"), CONTACT_HEADING, f"{contact_table()}{CONTACT_STYLE}"
    )
    return (
        f'{XHTML_DOCTYPE}<html xmlns="http://www.w3.org/1999/xhtml" lang="vi" xml:lang="vi"><head>'
        '<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />'
        f'<base href="{esc(base_href)}" /><title>Sở TT&amp;TT An Giang - {esc(title)}</title>'
        '<link href="/wps/themes/html/AnGiang2018/styles.css" rel="stylesheet" type="text/css" />'
        '<script type="text/javascript" src="/wps/themes/html/AnGiang2018/js/jquery.min.js"></script>'
        '<script type="text/javascript" src="/wps/themes/html/AnGiang2018/js/jquery.lazyload.min.js">'
        "</script>"
        '</head><body class="lotusui tundra locale_vi"><div class="wpthemeFrame">'
        '<table class="wpthemeHeader" width="100%" border="0" cellspacing="0" cellpadding="0"><tr>'
        f'<td class="banner-trai"><a href="{addresses.WPS_HOME}"><img src="{LOGO}" alt="logo" /></a></td>'
        f'<td class="banner-giua">{BANNER}</td>'
        f'<td class="banner-phai" align="right"><a href="{TRAP_PATH}">Đăng nhập</a></td></tr>'
        f'<tr><td colspan="3" class="menu-ngang"><ul id="menu-chinh">{nav}</ul></td></tr></table>'
        '<div class="wpthemeMainContent">'
        f'<table class="duongdan" width="100%" cellspacing="0" cellpadding="0"><tr><td>{trail}</td></tr>'
        "</table>"
        '<table class="layoutRow ibmDndRow component-container" cellpadding="0" cellspacing="0" '
        'role="presentation" width="100%"><tr>'
        f"{_tb_column(portal_id('Z7', kind, 'col1'), '72%', main)}"
        f"{_tb_column(portal_id('Z7', kind, 'col2'), '28%', [contact])}"
        "</tr></table></div>"
        '<table class="wpthemeFooter" width="100%" cellspacing="0" cellpadding="0">'
        f'<tr><td class="footer-info">{footer_html()}</td></tr><tr><td class="copyright">{COPYRIGHT}</td>'
        "</tr>"
        "</table></div>"
        '<script type="text/javascript">jQuery(function () { jQuery("img.lazy").lazyload(); });</script>'
        f"{PAGE_SCRIPT}</body></html>"
    )


def tb_article(article: Article, related: list[RelatedLink], base_url: str) -> str:
    a = article
    figure = None
    if a.image:
        picture = image(a.image.src, lazy="data-original", cls="lazy", attrs=' width="500"', xhtml=True)
        figure = f'<p align="center">{picture}</p>\n<p align="center"><em>{esc(a.image.caption)}</em></p>'
    body = paragraphs_html(a.paragraphs, figure)
    signed = byline(a)
    if signed:
        body += f'<p>&nbsp;</p>\n<p align="right"><b>{esc(signed)}</b></p>\n'
    rows = [
        f'<tr><td class="td-tieude"><span class="tieude-baiviet">{esc(a.title)}</span></td></tr>',
        f'<tr><td class="td-luotxem" align="right"><i>Lượt xem: {a.views}</i></td></tr>',
        f'<tr><td class="td-sapo"><b>{esc(lead_line(a))}</b></td></tr>',
        f'<tr><td class="td-noidung">{body}</td></tr>',
    ]
    if a.attachment:
        rows.append(
            f'<tr><td class="td-dinhkem">File đính kèm: <a href="{esc(a.attachment.path)}" target="_blank">'
            f"{esc(a.attachment.name)}</a></td></tr>"
        )
    if a.tags:
        rows.append(f'<tr><td class="td-tukhoa">Từ khóa: {_tags(a)}</td></tr>')
    content = (
        '<table class="tbl-chitiet" width="100%" border="0" cellspacing="0" cellpadding="4">'
        f"{''.join(rows)}</table>"
    )
    items = "".join(
        f'<tr><td class="tinkhac-muc">&raquo; <a href="{esc(r.href)}">{esc(r.title)}</a> '
        f'<span class="tinkhac-ngay">[{day(r.published_at)}]</span></td></tr>'
        for r in related
    )
    others = (
        '<table class="tbl-tinkhac" width="100%"><tr><td class="tinkhac-tieude">Các tin khác</td></tr>'
        f"{items}</table>"
    )
    main = [
        _tb_control(portal_id("Z7", "detail", "content"), esc(a.category.name.upper()), content),
        _tb_control(portal_id("Z7", "detail", "related"), "TIN LIÊN QUAN", others),
    ]
    crumbs = [(addresses.wps_listing_path(a.category.slug), a.category.name)]
    return _tb_page(a.title, base_url + _state(a.path), "detail", crumbs, main)


def _tb_teasers(teasers: list[Teaser]) -> str:
    rows = []
    for t in teasers:
        picture = "&nbsp;"
        if t.image:
            lazy = image(t.image, lazy="data-original", cls="lazy", attrs=' width="120"', xhtml=True)
            picture = f'<a href="{esc(t.alt_href)}">{lazy}</a>'
        rows.append(
            f'<tr><td class="ds-anh" width="130" valign="top">{picture}</td><td class="ds-noidung"'
            ' valign="top">'
            f'<a class="ds-tieude" href="{esc(t.href)}">{esc(t.title)}</a> '
            f'<span class="ds-ngay">({day(t.published_at)})</span><br />'
            f'<span class="ds-tomtat">{esc(shorten(t.summary))}</span></td></tr>'
        )
    return f'<table class="tbl-danhsach" width="100%" cellspacing="0" cellpadding="4">{"".join(rows)}</table>'


def _tb_pager(page: int, pages: int) -> str:
    if pages <= 1:
        return ""
    cells = ["<td>Trang:</td>"]
    if page > 0:
        cells.append(
            f'<td><a href="{addresses.page_href(page - 1, True)}" title="Trang trước">&lt;&lt;</a></td>'
        )
    for n in _page_range(page, pages):
        link = f"<b>{n + 1}</b>" if n == page else f'<a href="{addresses.page_href(n, True)}">{n + 1}</a>'
        cells.append(f"<td>{link}</td>")
    if page + 1 < pages:
        cells.append(
            f'<td><a href="{addresses.page_href(page + 1, True)}" title="Trang sau">&gt;&gt;</a></td>'
        )
    return f'<table class="phan-trang" align="center"><tr>{"".join(cells)}</tr></table>'


def tb_listing(category: Category, teasers: list[Teaser], page: int, pages: int, base_url: str) -> str:
    body = _tb_teasers(teasers) + _tb_pager(page, pages)
    main = [_tb_control(portal_id("Z7", "listing", "menu"), esc(category.name.upper()), body)]
    path = addresses.wps_listing_path(category.slug)
    crumbs = [(path, category.name)]
    return _tb_page(category.name, base_url + _state(path), "listing", crumbs, main)


def tb_home(latest: list[Teaser], base_url: str) -> str:
    more = "".join(
        f'<tr><td>&raquo; <a href="{addresses.wps_listing_path(c.slug)}">{esc(c.name)}</a></td></tr>'
        for c in corpus().categories
    )
    main = [
        _tb_control(portal_id("Z7", "home", "latest"), "TIN MỚI", _tb_teasers(latest)),
        _tb_control(
            portal_id("Z7", "home", "categories"),
            "CHUYÊN MỤC",
            f'<table class="tbl-chuyenmuc">{more}</table>',
        ),
    ]
    return _tb_page("Trang chủ", base_url + _state(addresses.WPS_HOME), "home", [], main)


def tb_message(title: str, text: str, base_url: str) -> str:
    main = [
        _tb_control(portal_id("Z7", "message"), esc(title.upper()), f'<p class="thongbao">{esc(text)}</p>')
    ]
    return _tb_page(title, base_url + addresses.WPS_HOME, "message", [], main)


# ---- wps-html5: Portal 8.5 theme, NoSkin, Bootstrap, HTML5 article template ---------------------
def _h5_page(
    title: str, base_href: str, kind: str, crumbs: list[tuple[str, str]], current: str, main: str
) -> str:
    nav = "".join(
        f'<li class="nav-item"><a class="nav-link" href="{esc(href)}">{esc(name)}</a></li>'
        for href, name in _menu()
    )
    trail = [f'<li class="breadcrumb-item"><a href="{addresses.WPS_HOME}">Trang chủ</a></li>']
    trail += [
        f'<li class="breadcrumb-item"><a href="{esc(href)}">{esc(name)}</a></li>' for href, name in crumbs
    ]
    trail.append(f'<li class="breadcrumb-item active" aria-current="page">{esc(current)}</li>')
    contact = _noskin(
        portal_id("Z7", kind, "phananh"),
        "Phản ánh kiến nghị",
        f'<div class="khoi-phan-anh"><h2 class="khoi-phan-anh__tieu-de">{CONTACT_HEADING}</h2>'
        f"{contact_table()}{CONTACT_STYLE}</div>",
    )
    return (
        '<!DOCTYPE html><html lang="vi" dir="ltr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<base href="{esc(base_href)}"><title>{esc(title)} - Sở TT&amp;TT An Giang</title>'
        f'<link id="com.ibm.lotus.NavStateUrl" rel="alternate" href="{esc(base_href)}">'
        '<link rel="stylesheet"'
        ' href="/wps/contenthandler/dav/fs-type1/themes/AnGiang85/css/bootstrap.min.css">'
        '<script src="/wps/contenthandler/dav/fs-type1/themes/AnGiang85/js/lazysizes.min.js" async></script>'
        '</head><body class="lotusui30dojo tundra locale_vi"><div class="wpthemeFrame">'
        '<header class="wpthemeHeader" role="banner"><div class="container"><div class="row">'
        f'<div class="col-md-9 logo"><a href="{addresses.WPS_HOME}"><img src="{LOGO}" alt=""></a>'
        f'<span class="ten-don-vi">{BANNER}</span></div>'
        f'<div class="col-md-3 text-right"><a class="dang-nhap" href="{TRAP_PATH}">Đăng nhập</a></div></div>'
        "</div>"
        '<nav class="navbar navbar-expand-lg wpthemePrimaryNav" role="navigation"><div class="container">'
        f'<ul class="navbar-nav">{nav}</ul></div></nav></header>'
        '<div class="wpthemeMainContent" role="main"><div class="container">'
        f'<nav aria-label="breadcrumb"><ol class="breadcrumb">{"".join(trail)}</ol></nav>'
        '<div id="layoutContainers" class="wpthemeLayoutContainers"><div class="row">'
        f'<div class="component-container col-md-8 ibmDndColumn id-{portal_id("Z7", kind, "main")}" '
        f'name="ibmMainContainer">{main}</div>'
        f'<div class="component-container col-md-4 ibmDndColumn id-{portal_id("Z7", kind, "right")}" '
        f'name="right">{contact}</div>'
        "</div></div></div></div>"
        '<footer class="wpthemeFooter" role="contentinfo"><div class="container">'
        f'<address class="thong-tin-don-vi">{footer_html()}</address><p class="ban-quyen">{COPYRIGHT}</p>'
        f"</div></footer></div>{PAGE_SCRIPT}</body></html>"
    )


def h5_article(article: Article, related: list[RelatedLink], base_url: str) -> str:
    a = article
    figure = None
    if a.image:
        picture = image(a.image.src, lazy="data-src", cls="lazyload img-fluid")
        figure = (
            f'<figure class="bai-viet__anh">{picture}<figcaption>{esc(a.image.caption)}</figcaption></figure>'
        )
    dateline, lead = lead_parts(a)
    sapo = f"<strong>{esc(lead)}</strong>"
    if dateline:
        sapo = f'<span class="bai-viet__nguon">{esc(dateline)}</span> {sapo}'
    body = f'<p class="bai-viet__sapo">{sapo}</p>\n{paragraphs_html(a.paragraphs, figure, spacer="")}'
    if a.attachment:
        body += f'<p><a class="tep-dinh-kem" href="{esc(a.attachment.path)}">Tải về</a></p>\n'
    footer = ""
    signed = byline(a)
    if signed:
        footer += f'<p class="bai-viet__tac-gia"><strong>{esc(signed)}</strong></p>'
    if a.tags:
        footer += f'<div class="bai-viet__tu-khoa">Từ khóa: {_tags(a, " ")}</div>'
    published = a.published_at
    content = (
        '<article class="bai-viet" itemscope itemtype="http://schema.org/NewsArticle">'
        f'<header class="bai-viet__dau"><h1 class="bai-viet__tieu-de" itemprop="headline">{esc(a.title)}</h1>'
        f'<p class="bai-viet__thoi-gian"><time datetime="{published:%Y-%m-%d}" itemprop="datePublished">'
        f'{day(published)}</time> · <span class="bai-viet__luot-xem">Lượt xem: {a.views}</span></p></header>'
        f'<div class="bai-viet__noi-dung" itemprop="articleBody">{body}</div>'
        f'<footer class="bai-viet__cuoi">{footer}</footer></article>'
    )
    items = "".join(
        f'<li><a href="{esc(r.href)}">{esc(r.title)}</a> <small'
        f' class="text-muted">{day(r.published_at)}</small></li>'
        for r in related
    )
    others = (
        f'<aside class="tin-lien-quan"><h2>Tin liên quan</h2><ul class="list-unstyled">{items}</ul></aside>'
    )
    main = _noskin(portal_id("Z7", "detail", "content"), DETAIL_PAGE, content) + _noskin(
        portal_id("Z7", "detail", "related"), "Tin liên quan", others
    )
    crumbs = [(addresses.wps_listing_path(a.category.slug), a.category.name)]
    return _h5_page(a.title, base_url + _state(a.path), "detail", crumbs, DETAIL_PAGE, main)


def _h5_teasers(teasers: list[Teaser]) -> str:
    items = []
    for t in teasers:
        picture = ""
        if t.image:
            lazy = image(t.image, lazy="data-src", cls="lazyload")
            picture = f'<a class="tin-tom-tat__anh" href="{esc(t.alt_href)}">{lazy}</a>'
        items.append(
            f'<article class="tin-tom-tat media">{picture}<div class="media-body">'
            f'<h2 class="tin-tom-tat__tieu-de"><a href="{esc(t.href)}">{esc(t.title)}</a></h2>'
            '<time class="tin-tom-tat__ngay"'
            f' datetime="{t.published_at:%Y-%m-%d}">{day(t.published_at)}</time>'
            f'<p class="tin-tom-tat__mo-ta">{esc(shorten(t.summary))}</p></div></article>'
        )
    return f'<div class="danh-sach-tin">{"".join(items)}</div>'


def _h5_pager(page: int, pages: int) -> str:
    if pages <= 1:
        return ""
    items = []
    if page > 0:
        items.append(
            f'<li class="page-item"><a class="page-link" href="{addresses.page_href(page - 1, True)}" '
            'aria-label="Trang trước">‹</a></li>'
        )
    for n in _page_range(page, pages):
        if n == page:
            items.append(f'<li class="page-item active"><span class="page-link">{n + 1}</span></li>')
        else:
            items.append(
                '<li class="page-item"><a class="page-link"'
                f' href="{addresses.page_href(n, True)}">{n + 1}</a></li>'
            )
    if page + 1 < pages:
        items.append(
            f'<li class="page-item"><a class="page-link" href="{addresses.page_href(page + 1, True)}" '
            'aria-label="Trang sau">›</a></li>'
        )
    return f'<nav aria-label="Phân trang"><ul class="pagination">{"".join(items)}</ul></nav>'


def h5_listing(category: Category, teasers: list[Teaser], page: int, pages: int, base_url: str) -> str:
    body = (
        f'<h1 class="chuyen-muc__ten">{esc(category.name)}</h1>{_h5_teasers(teasers)}{_h5_pager(page, pages)}'
    )
    main = _noskin(portal_id("Z7", "listing", "menu"), esc(category.name), body)
    path = addresses.wps_listing_path(category.slug)
    return _h5_page(category.name, base_url + _state(path), "listing", [], category.name, main)


def h5_home(latest: list[Teaser], base_url: str) -> str:
    more = "".join(
        f'<li class="list-inline-item"><a href="{addresses.wps_listing_path(c.slug)}">{esc(c.name)}</a></li>'
        for c in corpus().categories
    )
    body = (
        f'<h1 class="chuyen-muc__ten">Tin mới</h1>{_h5_teasers(latest)}'
        f'<section class="cac-chuyen-muc"><h2>Chuyên mục</h2><ul class="list-inline">{more}</ul></section>'
    )
    main = _noskin(portal_id("Z7", "home", "latest"), "Trang chủ", body)
    return _h5_page("Trang chủ", base_url + _state(addresses.WPS_HOME), "home", [], "Trang chủ", main)


def h5_message(title: str, text: str, base_url: str) -> str:
    body = f'<h1 class="chuyen-muc__ten">{esc(title)}</h1><p class="thong-bao">{esc(text)}</p>'
    main = _noskin(portal_id("Z7", "message"), esc(title), body)
    return _h5_page(title, base_url + addresses.WPS_HOME, "message", [], title, main)
