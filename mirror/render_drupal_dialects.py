"""The ``drupal_gavias`` layout in three more markup dialects (``drupal-classic`` is ``render_drupal.py``).

Same content as the classic pages, written as these Drupal themes write it:

- ``drupal-gavias-monte``: the compiled ``gavias_monte`` ``node--article.html.twig`` (detail branch:
  ``node-detail``, ``post-block``, ``post-thumbnail post-standard``, ``post-categories`` before the
  ``h1.post-title``, ``post-meta`` with ``post-created`` and ``post-comment``, ``node__content``;
  teaser branch ``h3.post-title a[rel=bookmark]`` + ``post-description``) inside the compiled
  ``gavias_edmix`` ``page.html.twig`` wrappers (``body-page gva-body-page``, ``breadcrumbs``,
  ``main main-page has-breadcrumb``, ``content content-full``, ``container container-bg``); dates
  ``09/05/2025 3:25 CH``; Blazy lazy pictures (``b-lazy``, ``data-src``); the file in a
  ``field--name-field-dinh-kem`` field; sidebar "related" teasers with the same ``post-block`` classes.
- ``drupal-olivero``: core Olivero (``page.html.twig``, ``node.html.twig``, ``breadcrumb.html.twig``
  ``breadcrumb__list``, ``block-page-title-block``, ``text-content`` body, ``pager.html.twig``
  ``pager__item--control``); the date in a ``field--name-created`` field with ``<time datetime>`` in
  UTC; the featured picture as ``<picture><source srcset>``; captions from the caption filter
  (``figure.caption`` + ``figcaption``); CKEditor 5 ``text-align-right`` byline.
- ``drupal-barrio``: Bootstrap Barrio (``page.html.twig`` ``layout-main-wrapper``, ``row-offcanvas``,
  ``main.main-content.col``, ``sidebar_second``; ``breadcrumb-item``; its ``pager.html.twig``, which
  has no ``nav.pager`` nor ``pager__item--next``: ``ul.pagination.js-pager__items``,
  ``a.page-link[rel=next]``); bundle ``node--type-tin-tuc``; no visible date, only
  ``article:published_time``; the lead in a ``field--name-field-tom-tat`` field, the byline in
  ``field--name-field-tac-gia``, the file linked in the body; lazysizes pictures (``data-src``)
  with ``text-align-center`` em captions.
"""

from __future__ import annotations

import hashlib

from mirror import addresses
from mirror.content import byline, updated_text
from mirror.corpus import corpus
from mirror.markup import file_label, image, lead_parts, twelve_hour, utc_stamp
from mirror.model import Article, Category
from mirror.page_parts import (
    BANNER,
    CONTACT_HEADING,
    CONTACT_STYLE,
    COPYRIGHT,
    PAGE_SCRIPT,
    SITE_NAME,
    RelatedLink,
    Teaser,
    contact_table,
    esc,
    footer_html,
    paragraphs_html,
    shorten,
)
from mirror.render_drupal import SEARCH_PATH, TRAP_PATH, tag_path
from mirror.vntext import day, day_time, weekday_day_time

Crumbs = list[tuple[str, str]]
LAZY = ' loading="lazy"'
EAGER = ' loading="eager" width="1200" height="800"'


def _menu(old_portal: bool) -> list[tuple[str, str]]:
    items = [("/", "Trang chủ")]
    items += [(addresses.drupal_listing_path(c.slug), c.name) for c in corpus().categories]
    if old_portal:
        items.append((addresses.WPS_HOME, "Cổng thông tin cũ"))
    # A robots-disallowed page and an off-site portal in the menu a crawler follows.
    return [*items, (TRAP_PATH, "Đăng nhập"), (addresses.PROVINCE_PORTAL, "Cổng TTĐT tỉnh")]


def _settings(theme: str) -> str:
    return (
        '<script type="application/json" data-drupal-selector="drupal-settings-json">'
        f'{{"path":{{"baseUrl":"\\/","currentLanguage":"vi"}},"ajaxPageState":{{"theme":"{theme}"}}}}</script>'
    )


def _head(article: Article | None, base_url: str, dated: bool, always_meta: bool) -> str:
    """canonical, shortlink, Open Graph and (when the page is dated) ``article:*_time`` metadata."""
    if article is None:
        return ""
    canonical = esc(base_url + article.path)
    head = (
        f'<link rel="canonical" href="{canonical}">'
        f'<link rel="shortlink" href="{base_url}{addresses.node_path(article.nid)}">'
        '<meta property="og:type" content="article"><meta property="og:title"'
        f' content="{esc(article.title)}">'
        f'<meta property="og:url" content="{canonical}">'
    )
    if dated and (article.meta_times or always_meta):
        head += f'<meta property="article:published_time" content="{article.published_at.isoformat()}">'
        if article.updated_at:
            head += f'<meta property="article:modified_time" content="{article.updated_at.isoformat()}">'
    return head


def _body_field(inner: str, name: str = "body", kind: str = "text-with-summary", extra: str = "") -> str:
    return (
        f'<div class="{extra}clearfix text-formatted field field--name-{name} field--type-{kind} '
        f'field--label-hidden field__item">{inner}</div>'
    )


def _file_link(article: Article) -> str:
    assert article.attachment is not None
    mime = file_label(article.attachment.name)
    return (
        f'<span class="file file--mime-{mime} file--{mime}"><a href="{esc(article.attachment.path)}" '
        f'type="{mime.replace("-", "/", 1)}">{esc(article.attachment.name)}</a></span>'
    )


def _view_id(*parts: object) -> str:
    return hashlib.blake2b(":".join(map(str, parts)).encode(), digest_size=16).hexdigest()


def _category_link(category: Category) -> str:
    return f'<a href="{addresses.drupal_listing_path(category.slug)}" hreflang="vi">{esc(category.name)}</a>'


def _search_form(cls: str) -> str:
    return (
        f'<form action="{SEARCH_PATH}" method="get" class="{cls}" accept-charset="UTF-8">'
        '<input title="Nhập từ khóa cần tìm" type="search" name="keys" value="" size="15" maxlength="128">'
        '<input type="submit" value="Tìm kiếm"></form>'
    )


def _pages(page: int, pages: int) -> range:
    return range(max(0, page - 4), min(pages, page + 5))


def _core_pager(page: int, pages: int, olivero: bool) -> str:
    """Core's pager (``nav.pager``, ``pager__item--next``), in its Classy-era or its Olivero form."""
    if pages <= 1:
        return ""

    def control(kind: str, target: int, label: str, symbol: str, rel: str = "") -> str:
        extra = " pager__item--control" if olivero else ""
        link = ' class="pager__link"' if olivero else ""
        return (
            f'<li class="pager__item{extra} pager__item--{kind}"><a'
            f' href="{addresses.page_href(target, False)}"'
            f'{link} title="{label}"{rel}><span class="visually-hidden">{label}</span>'
            f'<span aria-hidden="true">{symbol}</span></a></li>'
        )

    items = []
    if page > 0:
        items.append(control("first", 0, "Đến trang đầu", "«"))
        items.append(control("previous", page - 1, "Đến trang trước", "‹", ' rel="prev"'))
    for n in _pages(page, pages):
        href = addresses.page_href(n, False)
        if olivero:
            active = " pager__item--active" if n == page else ""
            inner = (
                f'<span class="visually-hidden">Trang hiện tại</span>{n + 1}'
                if n == page
                else f'<a href="{href}" class="pager__link" title="Đến trang {n + 1}">'
                f'<span class="visually-hidden">Trang</span>{n + 1}</a>'
            )
            items.append(f'<li class="pager__item{active} pager__item--number">{inner}</li>')
        else:
            active = " is-active" if n == page else ""
            items.append(
                f'<li class="pager__item{active}"><a href="{href}" title="Đến trang {n + 1}">{n + 1}</a></li>'
            )
    if page + 1 < pages:
        items.append(control("next", page + 1, "Đến trang sau", "›", ' rel="next"'))
        items.append(control("last", pages - 1, "Đến trang cuối", "»"))
    return (
        '<nav class="pager" role="navigation" aria-labelledby="pagination-heading">'
        '<h4 id="pagination-heading" class="visually-hidden">Phân trang</h4>'
        f'<ul class="pager__items js-pager__items">{"".join(items)}</ul></nav>'
    )


# ---- drupal-gavias-monte ------------------------------------------------------------------------
def _gm_page(
    title: str, head: str, body_class: str, crumbs: Crumbs, current: str | None, main: str, aside: str,
    old_portal: bool,
) -> str:  # fmt: skip
    nav = "".join(
        f'<li class="menu-item"><a href="{esc(href)}">{esc(name)}</a></li>'
        for href, name in _menu(old_portal)
    )
    trail = ['<li><a href="/">Trang chủ</a></li>']
    trail += [
        f'<li> <span class="">/</span> <a href="{esc(href)}">{esc(name)}</a></li>' for href, name in crumbs
    ]
    if current:
        trail.append(f'<li> <span class="">/</span> {esc(current)}</li>')
    sidebar = (
        '<div class="block block-block-content block-phan-anh"><h2 class="block-title"><span>'
        f'{CONTACT_HEADING}</span></h2><div class="content block-content">'
        f"{_body_field(contact_table() + CONTACT_STYLE)}</div></div>{aside}"
    )
    return (
        '<!DOCTYPE html><html lang="vi" dir="ltr"><head><meta charset="utf-8">'
        '<meta name="Generator" content="Drupal 9 (https://www.drupal.org)">'
        '<meta name="MobileOptimized" content="width"><meta name="HandheldFriendly" content="true">'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">'
        f'{head}<link rel="alternate" type="application/rss+xml" title="{SITE_NAME}" href="/rss.xml">'
        f"<title>{esc(title)} | {SITE_NAME}</title>"
        '<link rel="stylesheet" media="all" href="/themes/gavias_monte/css/template.css?r8x1p2">'
        f'</head><body class="gavias-content-builder layout-no-sidebars wide {body_class}">'
        '<a href="#main-content" class="visually-hidden focusable">Bỏ qua để đến nội dung chính</a>'
        '<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>'
        '<div class="body-page gva-body-page"><header id="header" class="header-v1">'
        '<div class="topbar"><div class="container"><div class="topbar-content-inner clearfix">'
        f'<div class="topbar-right"><a href="{TRAP_PATH}">Đăng nhập</a></div></div></div></div>'
        '<div class="header-main"><div class="container header-content-layout"><div class="header-main-inner'
        ' p-relative">'
        '<div class="row"><div class="col-md-12 col-sm-12 col-xs-12 content-inner">'
        '<div class="branding"><div class="clearfix site-branding block block-system'
        ' block-system-branding-block no-title">'
        '<a href="/" title="Trang chủ" rel="home" class="site-branding-logo">'
        '<img src="/sites/default/files/logo.png" alt="Trang chủ"></a>'
        f'<div class="site-branding__text"><div class="site-branding__name">{BANNER}</div></div></div></div>'
        '<div class="header-inner clearfix"><div class="main-menu"><div class="area-main-menu"><div'
        ' class="area-inner">'
        '<div class="gva-offcanvas-mobile"><div class="close-offcanvas hidden"><i class="fa fa-times"></i>'
        "</div>"
        '<nav role="navigation" aria-labelledby="block-gavias-monte-main-menu-menu"'
        ' id="block-gavias-monte-main-menu" '
        'class="block block-menu navigation menu--main"><h2 class="visually-hidden" '
        'id="block-gavias-monte-main-menu-menu">Main navigation</h2><div class="block-content">'
        f'<div class="gva-navigation"><ul class="clearfix gva_menu gva_menu_main">{nav}</ul></div></div>'
        "</nav></div>"
        '<div id="menu-bar" class="menu-bar hidden-lg hidden-md"><span class="one"></span><span class="two">'
        "</span>"
        '<span class="three"></span></div><div class="gva-search-region search-region">'
        '<span class="icon"><i class="fa fa-search"></i></span><div class="search-content">'
        f"{_search_form('search-block-form')}</div></div>"
        "</div></div></div></div></div></div></div></div></div></header>"
        '<div class="breadcrumbs"><div class="breadcrumb-content-inner"><div class="gva-breadcrumb-content">'
        '<div id="block-gavias-monte-breadcrumbs" class="text-dark block gva-block-breadcrumb block-system '
        'block-system-breadcrumb-block no-title"><div class="breadcrumb-style"><div class="container">'
        f'<div class="breadcrumb-content-main"><h2 class="page-title">{esc(title)}</h2>'
        '<div class=""><div class="content block-content"><ol class="breadcrumb">'
        f"{''.join(trail)}</ol></div></div></div></div></div></div></div></div></div>"
        '<div role="main" class="main main-page has-breadcrumb"><div class="clearfix"></div>'
        '<div id="content" class="content content-full"><div class="container container-bg">'
        '<div class="content-main-inner"><div class="row">'
        '<div id="page-main-content" class="main-content col-xs-12 col-md-8 sb-r"><div'
        ' class="main-content-inner">'
        '<div class="content-main"><div id="block-gavias-monte-content" class="block block-system '
        f'block-system-main-block no-title"><div class="content block-content">{main}</div></div></div>'
        "</div></div>"
        '<div class="col-lg-4 col-md-4 col-sm-12 col-xs-12 sidebar sidebar-right theiaStickySidebar">'
        f'<div class="sidebar-inner">{sidebar}</div></div>'
        "</div></div></div></div></div>"
        '<footer id="footer" class="footer"><div class="footer-inner"><div class="footer-center"><div'
        ' class="container">'
        '<div class="row"><div class="footer-first col-lg-12 col-md-12 col-sm-12 col-xs-12 column">'
        f'<div class="block block-block-content"><div class="content block-content">{footer_html()}</div>'
        "</div>"
        '</div></div></div></div><div class="copyright"><div class="container"><div class="copyright-inner">'
        f'<div class="block"><div class="content block-content">{COPYRIGHT}</div></div></div></div></div>'
        f"</div></footer></div></div>{_settings('gavias_monte')}{PAGE_SCRIPT}</body></html>"
    )


def gm_article(
    article: Article, related: list[RelatedLink], base_url: str, old_portal: bool, dated: bool = True
) -> str:
    a = article
    thumbnail = figure = ""
    if a.image:
        if a.image.thumb:
            thumbnail = (
                '<div class="post-thumbnail post-standard"><div class="field field--name-field-image '
                "field--type-image field--label-hidden"
                f' field__item">{image(a.image.thumb, alt=a.image.caption)}'
                "</div></div>"
            )
        picture = image(a.image.src, lazy="data-src", cls="b-lazy")
        figure = (
            f'<p style="text-align: center;">{picture}</p>\n'
            f'<p style="text-align: center;"><em>{esc(a.image.caption)}</em></p>'
        )
    dateline, lead = lead_parts(a, dated)
    lead_html = esc(f"{dateline} {lead}" if dateline else lead)
    justify = '<p style="text-align: justify;">'
    body = f"{justify}<strong>{lead_html}</strong></p>\n"
    body += paragraphs_html(a.paragraphs, figure or None, p_open=justify)
    signed = byline(a)
    if signed:
        body += f'<p>&nbsp;</p>\n<p style="text-align: right;"><strong><em>{esc(signed)}</em></strong></p>\n'
    fields = _body_field(body)
    if a.attachment:
        fields += (
            '<div class="field field--name-field-dinh-kem field--type-file field--label-above">'
            '<div class="field__label">Tệp đính kèm</div><div class="field__items"><div class="field__item">'
            f"{_file_link(a)}</div></div></div>"
        )
    if a.tags:
        links = "".join(
            f'<div class="field__item"><a href="{tag_path(t)}" hreflang="vi">{esc(t)}</a></div>'
            for t in a.tags
        )
        fields += (
            '<div class="field field--name-field-tags field--type-entity-reference field--label-inline">'
            f'<div class="field__label">Từ khóa</div><div class="field__items">{links}</div></div>'
        )
    updated = updated_text(a) if dated else None
    if updated:
        fields += f'<div class="node-updated">{esc(updated)}</div>'
    created = f'<span class="post-created"> {twelve_hour(a.published_at)} </span> / ' if dated else ""
    main = (
        "<!-- Start Display article for detail page -->"
        f'<article data-history-node-id="{a.nid}" role="article" about="{esc(a.path)}" '
        'class="node node-detail node--type-article node--promoted node--view-mode-full clearfix">'
        f'<div class="post-block">{thumbnail}<div class="post-content">'
        f'<span class="post-categories">{_category_link(a.category)}</span>'
        '<h1 class="post-title"><span class="field field--name-title field--type-string'
        ' field--label-hidden">'
        f"{esc(a.title)}</span></h1>"
        f'<div class="post-meta">{created}<span class="post-comment"><a href="{esc(a.path)}/#comments">'
        f'0 Bình luận</a></span> / <span class="post-view">Lượt xem: {a.views}</span></div>'
        f'<div class="node__content clearfix">{fields}</div><div id="node-single-comment"></div>'
        "</div></div></article><!-- End Display article for detail page -->"
    )
    items = "".join(
        '<li class="view-list-item"><div class="post-block"><div class="post-content">'
        f'<div class="post-title"><a href="{esc(r.href)}" hreflang="vi">{esc(r.title)}</a></div>'
        f'<div class="post-meta"><span class="post-created">{day(r.published_at)}</span></div></div></div>'
        "</li>"
        for r in related
    )
    aside = (
        '<div class="views-element-container block block-views block-views-blocktin-lien-quan">'
        '<h2 class="block-title"><span>Tin liên quan</span></h2><div class="content block-content">'
        f'<div class="gva-view"><div class="item-list"><ul>{items}</ul></div></div></div></div>'
    )
    crumbs = [(addresses.drupal_listing_path(a.category.slug), a.category.name)]
    head = _head(a, base_url, dated, always_meta=False)
    return _gm_page(
        a.title, head, "path-node page-node-type-article", crumbs, a.title, main, aside, old_portal
    )


def _gm_teasers(teasers: list[Teaser]) -> str:
    rows = []
    for t in teasers:
        thumb = (
            f'<div class="post-thumbnail post-standard"><a href="{esc(t.href)}">{image(t.image)}</a></div>'
            if t.image
            else ""
        )
        rows.append(
            '<div class="item"><article class="node node-detail node--type-article node--view-mode-teaser'
            ' clearfix">'
            f'<div class="post-block">{thumb}<div class="post-content">'
            f'<span class="post-categories">{_category_link(t.category)}</span>'
            f'<h3 class="post-title"><a href="{esc(t.href)}" rel="bookmark">{esc(t.title)}</a></h3>'
            f'<div class="post-meta"><span class="post-created"> {twelve_hour(t.published_at)} </span> / '
            f'<span class="post-comment"><a href="{esc(t.href)}/#comments">0 Bình luận</a></span></div>'
            f'<div class="post-description">{_body_field(esc(shorten(t.summary)))}</div>'
            "</div></div></article></div>"
        )
    if not rows:
        return '<div class="view-empty">Chưa có bài viết.</div>'
    return f'<div class="view-content-wrap">{"".join(rows)}</div>'


def gm_listing(
    title: str, crumbs: Crumbs, teasers: list[Teaser], page: int, pages: int, old_portal: bool
) -> str:
    main = (
        f'<div class="views-element-container"><div class="gva-view js-view-dom-id-{_view_id(title, page)}">'
        f"{_gm_teasers(teasers)}{_core_pager(page, pages, olivero=False)}</div></div>"
    )
    return _gm_page(
        title, "", "path-taxonomy", crumbs[:-1], crumbs[-1][1] if crumbs else title, main, "", old_portal
    )


def gm_home(latest: list[Teaser], by_category: dict[Category, list[Teaser]], old_portal: bool) -> str:
    blocks = []
    for category, teasers in by_category.items():
        links = "".join(
            f'<li><div class="post-title"><a href="{esc(t.href)}">{esc(t.title)}</a></div></li>'
            for t in teasers
        )
        blocks.append(
            '<div class="block gva-block-category"><h2 class="block-title">'
            f"<span>{_category_link(category)}</span></h2>"
            f'<div class="content block-content"><ul>{links}</ul></div></div>'
        )
    main = (
        f'<div class="views-element-container"><div class="gva-view">{_gm_teasers(latest)}</div></div>'
        f"{''.join(blocks)}"
    )
    return _gm_page("Tin mới", "", "path-frontpage", [], None, main, "", old_portal)


def gm_message(title: str, text: str, old_portal: bool) -> str:
    main = f'<div class="messages messages--status"><p>{esc(text)}</p></div>'
    return _gm_page(title, "", "path-message", [], title, main, "", old_portal)


# ---- drupal-olivero -----------------------------------------------------------------------------
def _ol_block(block_id: str, title: str, content: str) -> str:
    return (
        f'<div id="block-olivero-{block_id}" class="block block-block-content">'
        f'<h2 class="block__title">{title}</h2><div class="block__content">{content}</div></div>'
    )


def _ol_page(
    title: str, head: str, body_class: str, crumbs: Crumbs, content: str, sidebar: str, old_portal: bool
) -> str:
    nav = "".join(
        '<li class="primary-nav__menu-item primary-nav__menu-item--link primary-nav__menu-item--level-1">'
        f'<a href="{esc(href)}" class="primary-nav__menu-link primary-nav__menu-link--link '
        'primary-nav__menu-link--level-1"><span class="primary-nav__menu-link-inner '
        f'primary-nav__menu-link-inner--level-1">{esc(name)}</span></a></li>'
        for href, name in _menu(old_portal)
        if href != TRAP_PATH
    )
    trail = "".join(
        f'<li class="breadcrumb__item"><a href="{esc(href)}" class="breadcrumb__link">{esc(name)}</a></li>'
        for href, name in [("/", "Trang chủ"), *crumbs]
    )
    contact = _ol_block(
        "phananh",
        CONTACT_HEADING,
        _body_field(contact_table() + CONTACT_STYLE, extra="text-content "),
    )
    return (
        '<!DOCTYPE html><html lang="vi" dir="ltr"'
        ' style="--color--primary-hue:202;--color--primary-saturation:79%;'
        '--color--primary-lightness:50" class="no-js"><head><meta charset="utf-8">'
        '<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">'
        '<meta name="MobileOptimized" content="width"><meta name="HandheldFriendly" content="true">'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">'
        f'{head}<link rel="alternate" type="application/rss+xml" title="{SITE_NAME}" href="/rss.xml">'
        f"<title>{esc(title)} | {SITE_NAME}</title>"
        '<link rel="stylesheet" media="all" href="/core/themes/olivero/css/base/base.css?sfx2k1">'
        f'</head><body class="{body_class}">'
        '<a href="#main-content" class="visually-hidden focusable skip-link">Bỏ qua để đến nội dung chính</a>'
        '<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>'
        '<div id="page-wrapper" class="page-wrapper"><div id="page">'
        '<header id="header" class="site-header" data-drupal-selector="site-header" role="banner">'
        '<div class="site-header__fixable" data-drupal-selector="site-header-fixable">'
        '<div class="site-header__initial"><button class="sticky-header-toggle"'
        ' data-drupal-selector="sticky-header-toggle" '
        'role="switch" aria-controls="site-header__inner" aria-label="Sticky header" aria-checked="false">'
        '<span class="sticky-header-toggle__icon"><span></span><span></span><span></span></span></button>'
        "</div>"
        '<div id="site-header__inner" class="site-header__inner" data-drupal-selector="site-header-inner">'
        '<div class="container site-header__inner__container">'
        '<div id="block-olivero-site-branding" class="site-branding block block-system'
        ' block-system-branding-block">'
        '<div class="site-branding__inner"><div class="site-branding__text"><div class="site-branding__name">'
        f'<a href="/" title="Trang chủ" rel="home">{BANNER}</a></div></div></div></div>'
        '<div class="mobile-buttons" data-drupal-selector="mobile-buttons"><button class="mobile-nav-button" '
        'data-drupal-selector="mobile-nav-button" aria-label="Main Menu" aria-controls="header-nav"'
        ' aria-expanded="false">'
        '<span class="mobile-nav-button__label">Menu</span><span class="mobile-nav-button__icon"></span>'
        "</button></div>"
        '<div id="header-nav" class="header-nav" data-drupal-selector="header-nav">'
        '<div class="search-block-form block block-search-narrow" data-drupal-selector="search-block-form" '
        'id="block-olivero-search-form-narrow" role="search"><div'
        f' class="content">{_search_form("search-form search-block-form")}'
        "</div></div>"
        '<nav role="navigation" aria-labelledby="block-olivero-main-menu-menu" id="block-olivero-main-menu" '
        'class="primary-nav block block-menu navigation menu--main"><h2 class="visually-hidden block__title" '
        'id="block-olivero-main-menu-menu">Menu chính</h2><ul class="menu primary-nav__menu'
        ' primary-nav__menu--level-1" '
        f'data-drupal-selector="primary-nav-menu--level-1">{nav}</ul></nav>'
        '<nav role="navigation" aria-labelledby="block-olivero-account-menu-menu"'
        ' id="block-olivero-account-menu" '
        'class="block block-menu navigation menu--account secondary-nav"><h2 class="visually-hidden'
        ' block__title" '
        'id="block-olivero-account-menu-menu">Tài khoản</h2><ul class="menu secondary-nav__menu'
        ' secondary-nav__menu--level-1">'
        '<li class="secondary-nav__menu-item secondary-nav__menu-item--link'
        ' secondary-nav__menu-item--level-1">'
        f'<a href="{TRAP_PATH}" class="secondary-nav__menu-link secondary-nav__menu-link--link '
        'secondary-nav__menu-link--level-1">Đăng nhập</a></li></ul></nav>'
        "</div></div></div></div></header>"
        '<div id="main-wrapper" class="layout-main-wrapper layout-container"><div id="main"'
        ' class="layout-main">'
        '<div class="main-content"><a id="main-content" tabindex="-1"></a>'
        '<div class="main-content__container container">'
        '<div class="region region--breadcrumb grid-full layout--pass--content-medium">'
        '<div id="block-olivero-breadcrumbs" class="block block-system block-system-breadcrumb-block">'
        '<nav class="breadcrumb" role="navigation" aria-labelledby="system-breadcrumb">'
        '<h2 id="system-breadcrumb" class="visually-hidden">Breadcrumb</h2><div class="breadcrumb__content">'
        f'<ol class="breadcrumb__list">{trail}</ol></div></nav></div></div>'
        '<div class="sidebar-grid grid-full"><main role="main" class="site-main">'
        f'<div class="region region--content grid-full layout--pass--content-medium">{content}</div></main>'
        f'<div class="region region--sidebar">{contact}{sidebar}</div></div>'
        "</div></div>"
        '<div class="social-bar"></div></div></div>'
        '<footer class="site-footer"><div class="site-footer__inner container">'
        '<div class="region region--footer-top grid-full"><div class="region--footer_top__inner'
        ' layout--content-medium">'
        f'<div id="block-olivero-footer" class="block block-block-content"><div class="block__content">'
        f"{_body_field(f'<p>{footer_html()}</p>', extra='text-content ')}</div></div></div></div>"
        '<div class="region region--footer-bottom grid-full"><div class="region--footer_bottom__inner'
        ' layout--content-medium">'
        f'<div class="block block-block-content"><div class="block__content"><p>{COPYRIGHT}</p></div></div>'
        "</div></div></div></footer>"
        '<div class="overlay" data-drupal-selector="overlay"></div></div></div></div>'
        f"{_settings('olivero')}{PAGE_SCRIPT}</body></html>"
    )


def _ol_title(title: str) -> str:
    return (
        '<div id="block-olivero-page-title" class="block block-core block-page-title-block">'
        '<h1 class="title page-title"><span class="field field--name-title field--type-string'
        ' field--label-hidden">'
        f"{esc(title)}</span></h1></div>"
    )


def _ol_time_field(name: str, label: str, when: str, stamp: str) -> str:
    return (
        f'<div class="field field--name-{name} field--type-{name} field--label-inline clearfix">'
        f'<div class="field__label">{label}</div><div class="field__item">'
        f'<time datetime="{stamp}" class="datetime">{when}</time></div></div>'
    )


def ol_article(
    article: Article, related: list[RelatedLink], base_url: str, old_portal: bool, dated: bool = True
) -> str:
    a = article
    featured = figure = ""
    if a.image:
        if a.image.thumb:
            eager = image(a.image.thumb, alt=a.image.caption, attrs=EAGER)
            featured = (
                '<div class="field field--name-field-image field--type-image field--label-hidden'
                ' field__item">'
                f'<picture><source srcset="{esc(a.image.thumb)} 1x" media="all and (min-width: 851px)" '
                f'type="image/png">{eager}</picture></div>'
            )
        figure = (
            f'<figure role="group" class="caption caption-img">{image(a.image.src, attrs=LAZY)}'
            f"<figcaption>{esc(a.image.caption)}</figcaption></figure>"
        )
    dateline, lead = lead_parts(a, dated)
    body = f"<p><strong>{esc(f'{dateline} {lead}' if dateline else lead)}</strong></p>\n"
    body += paragraphs_html(a.paragraphs, figure or None, spacer="")
    signed = byline(a)
    if signed:
        body += f'<p class="text-align-right"><strong>{esc(signed)}</strong></p>\n'
    fields = featured
    if dated:
        fields += _ol_time_field(
            "created", "Ngày đăng", weekday_day_time(a.published_at), utc_stamp(a.published_at)
        )
    fields += _body_field(body, extra="text-content ")
    if a.attachment:
        fields += (
            '<div class="field field--name-field-file field--type-file field--label-above">'
            f'<div class="field__label">Tệp đính kèm</div><div class="field__item">{_file_link(a)}</div>'
            "</div>"
        )
    if a.tags:
        items = "".join(
            f'<li class="field--tags__item"><a href="{tag_path(t)}" hreflang="vi">{esc(t)}</a></li>'
            for t in a.tags
        )
        fields += (
            '<div class="field field--name-field-tags field--type-entity-reference field--label-above'
            ' field--tags">'
            '<h3 class="field__label field--tags__label">Từ khóa</h3>'
            f'<ul class="links field__items field--tags__items">{items}</ul></div>'
        )
    if dated and a.updated_at:
        fields += _ol_time_field("changed", "Cập nhật", day_time(a.updated_at), utc_stamp(a.updated_at))
    content = (
        f'{_ol_title(a.title)}<div data-drupal-messages-fallback class="hidden messages-list"></div>'
        '<div id="block-olivero-content" class="block block-system block-system-main-block">'
        f'<article data-history-node-id="{a.nid}" class="node node--type-article node--promoted'
        ' node--view-mode-full">'
        f'<header class=""></header><div class="node__content">{fields}'
        '<div class="node__links"><ul class="links inline"><li class="statistics-counter">'
        f"Lượt xem: {a.views}</li></ul></div></div></article></div>"
    )
    items = "".join(
        '<li><div class="views-field views-field-title"><span class="field-content">'
        f'<a href="{esc(r.href)}" hreflang="vi">{esc(r.title)}</a></span></div></li>'
        for r in related
    )
    sidebar = (
        '<div class="views-element-container block block-views block-views-blocktin-lien-quan-block-1">'
        '<h2 class="block__title">Tin liên quan</h2><div class="block__content"><div class="view'
        ' view-tin-lien-quan">'
        f'<div class="view-content"><div class="item-list"><ul>{items}</ul></div></div></div></div></div>'
    )
    crumbs = [(addresses.drupal_listing_path(a.category.slug), a.category.name)]
    head = _head(a, base_url, dated, always_meta=False)
    return _ol_page(a.title, head, "path-node page-node-type-article", crumbs, content, sidebar, old_portal)


def _ol_teasers(teasers: list[Teaser]) -> str:
    rows = []
    for t in teasers:
        picture = (
            '<div class="field field--name-field-image field--type-image field--label-hidden field__item">'
            f'<a href="{esc(t.href)}">{image(t.image, attrs=LAZY)}</a></div>'
            if t.image
            else ""
        )
        rows.append(
            '<div class="views-row"><article class="node node--type-article node--promoted'
            ' node--view-mode-teaser">'
            f'<header><h2 class="node__title teaser__title"><a href="{esc(t.href)}"'
            f' rel="bookmark">{esc(t.title)}</a></h2>'
            '<div class="node__meta"><time'
            f' datetime="{utc_stamp(t.published_at)}">{weekday_day_time(t.published_at)}'
            f'</time></div></header><div class="node__content">{picture}'
            f"{_body_field(f'<p>{esc(shorten(t.summary))}</p>', extra='text-content ')}</div></article></div>"
        )
    if not rows:
        return '<div class="view-empty">Chưa có bài viết.</div>'
    return f'<div class="view-content">{"".join(rows)}</div>'


def ol_listing(
    title: str, crumbs: Crumbs, teasers: list[Teaser], page: int, pages: int, old_portal: bool
) -> str:
    content = (
        f'{_ol_title(title)}<div id="block-olivero-content" class="block block-system'
        ' block-system-main-block">'
        '<div class="views-element-container"><div class="view view-taxonomy-term view-id-taxonomy_term '
        f'view-display-id-page_1 js-view-dom-id-{_view_id(title, page)}">'
        f"{_ol_teasers(teasers)}{_core_pager(page, pages, olivero=True)}</div></div></div>"
    )
    return _ol_page(title, "", "path-taxonomy", crumbs[:-1], content, "", old_portal)


def ol_home(latest: list[Teaser], by_category: dict[Category, list[Teaser]], old_portal: bool) -> str:
    blocks = []
    for category, teasers in by_category.items():
        links = "".join(f'<li><a href="{esc(t.href)}">{esc(t.title)}</a></li>' for t in teasers)
        blocks.append(
            '<div class="block block-views"><h2 class="block__title">'
            f'{_category_link(category)}</h2><div class="block__content"><div class="item-list">'
            f"<ul>{links}</ul>"
            "</div></div></div>"
        )
    content = (
        f'{_ol_title("Tin mới")}<div class="block block-system block-system-main-block">'
        f'<div class="views-element-container"><div class="view view-frontpage">{_ol_teasers(latest)}'
        f"</div></div></div>{''.join(blocks)}"
    )
    return _ol_page(SITE_NAME, "", "path-frontpage", [], content, "", old_portal)


def ol_message(title: str, text: str, old_portal: bool) -> str:
    content = (
        f'{_ol_title(title)}<div class="messages-list"><div class="messages messages--status">'
        f"<p>{esc(text)}</p></div></div>"
    )
    return _ol_page(title, "", "path-message", [], content, "", old_portal)


# ---- drupal-barrio ------------------------------------------------------------------------------
def _ba_block(block_id: str, title: str, content: str) -> str:
    return (
        f'<div id="block-barrio-{block_id}" class="block block-block-content">'
        f'<h2>{title}</h2><div class="content">{content}</div></div>'
    )


def _ba_page(
    title: str, head: str, body_class: str, crumbs: Crumbs, current: str | None, content: str, sidebar: str,
    old_portal: bool,
) -> str:  # fmt: skip
    nav = "".join(
        f'<li class="nav-item"><a href="{esc(href)}" class="nav-link">{esc(name)}</a></li>'
        for href, name in _menu(old_portal)
    )
    trail = "".join(
        f'<li class="breadcrumb-item"><a href="{esc(href)}">{esc(name)}</a></li>'
        for href, name in [("/", "Trang chủ"), *crumbs]
    )
    if current:
        trail += f'<li class="breadcrumb-item active">{esc(current)}</li>'
    contact = _ba_block("phananh", CONTACT_HEADING, _body_field(contact_table() + CONTACT_STYLE))
    return (
        '<!DOCTYPE html><html lang="vi" dir="ltr"><head><meta charset="utf-8">'
        '<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">'
        '<meta name="MobileOptimized" content="width"><meta name="HandheldFriendly" content="true">'
        '<meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">'
        f'{head}<link rel="alternate" type="application/rss+xml" title="{SITE_NAME}" href="/rss.xml">'
        f"<title>{esc(title)} | {SITE_NAME}</title>"
        '<link rel="stylesheet" media="all"'
        ' href="/themes/contrib/bootstrap_barrio/css/components/node.css?sfx2k1">'
        '<script src="/libraries/lazysizes/lazysizes.min.js" async></script>'
        f'</head><body class="layout-one-sidebar layout-sidebar-second {body_class}">'
        '<a href="#main-content" class="visually-hidden-focusable">Bỏ qua để đến nội dung chính</a>'
        '<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>'
        '<div id="page-wrapper"><div id="page">'
        '<header id="header" class="header" role="banner" aria-label="Site header">'
        '<nav class="navbar navbar-dark bg-primary navbar-expand-lg" id="navbar-main"><div class="container">'
        '<a href="/" title="Trang chủ" rel="home" class="navbar-brand">'
        '<img src="/sites/default/files/logo.png" alt="Trang chủ" class="img-fluid d-inline-block'
        f' align-top"> {BANNER}</a>'
        '<button class="navbar-toggler collapsed" type="button" data-bs-toggle="collapse"'
        ' data-bs-target="#CollapsingNavbar" '
        'aria-controls="CollapsingNavbar" aria-expanded="false" aria-label="Toggle navigation">'
        '<span class="navbar-toggler-icon"></span></button>'
        '<div class="collapse navbar-collapse justify-content-end" id="CollapsingNavbar">'
        '<nav role="navigation" aria-labelledby="block-barrio-main-menu-menu" id="block-barrio-main-menu" '
        'class="block block-menu navigation menu--main"><h2 class="visually-hidden"'
        ' id="block-barrio-main-menu-menu">'
        f'Main navigation</h2><ul class="clearfix nav navbar-nav">{nav}</ul></nav>'
        '<div class="form-inline navbar-form'
        f' justify-content-end">{_search_form("search-block-form form-row")}</div>'
        "</div></div></nav></header>"
        '<div id="main-wrapper" class="layout-main-wrapper clearfix"><div id="main" class="container">'
        '<div id="block-barrio-breadcrumbs" class="block block-system block-system-breadcrumb-block"><div'
        ' class="content">'
        f'<nav role="navigation" aria-label="breadcrumb"><ol class="breadcrumb">{trail}</ol></nav></div>'
        "</div>"
        '<div class="row row-offcanvas row-offcanvas-left clearfix">'
        '<main class="main-content col" id="content" role="main"><section class="section">'
        f'<a id="main-content" tabindex="-1"></a>{content}</section></main>'
        '<div class="sidebar_second sidebar col-md-3 order-last" id="sidebar_second">'
        f'<aside class="section" role="complementary">{contact}{sidebar}</aside></div>'
        "</div></div></div>"
        '<footer class="site-footer"><div class="container"><div class="site-footer__top clearfix">'
        '<section class="row region'
        f' region-footer-first">{_ba_block("footer", "Liên hệ", f"<p>{footer_html()}</p>")}'
        '</section></div><div class="site-footer__bottom"><section class="row region region-footer-fifth">'
        f'<div class="block block-block-content"><div class="content"><p>{COPYRIGHT}</p></div></div>'
        "</section></div>"
        "</div></footer></div></div></div>"
        f"{_settings('bootstrap_barrio')}{PAGE_SCRIPT}</body></html>"
    )


def _ba_title(title: str) -> str:
    return (
        '<div id="block-barrio-page-title" class="block block-core block-page-title-block"><div'
        ' class="content">'
        '<h1 class="title"><span class="field field--name-title field--type-string field--label-hidden">'
        f"{esc(title)}</span></h1></div></div>"
    )


def ba_article(
    article: Article, related: list[RelatedLink], base_url: str, old_portal: bool, dated: bool = True
) -> str:
    a = article
    featured = figure = ""
    if a.image:
        if a.image.thumb:
            styled = image(a.image.thumb, alt=a.image.caption, cls="image-style-large img-fluid", attrs=LAZY)
            featured = (
                '<div class="field field--name-field-image field--type-image field--label-hidden'
                ' field__item">'
                f"{styled}</div>"
            )
        picture = image(a.image.src, lazy="data-src", cls="lazyload img-fluid")
        figure = (
            f'<p class="text-align-center">{picture}</p>\n'
            f'<p class="text-align-center"><em>{esc(a.image.caption)}</em></p>'
        )
    dateline, lead = lead_parts(a, dated)
    summary = esc(f"{dateline} {lead}" if dateline else lead)
    body = paragraphs_html(a.paragraphs, figure or None)
    if a.attachment:
        body += f'<p>&nbsp;</p>\n<p><a href="{esc(a.attachment.path)}">Tải về</a></p>\n'
    fields = featured + _body_field(f"<p>{summary}</p>", name="field-tom-tat", kind="text-long")
    fields += _body_field(body)
    signed = byline(a)
    if signed:
        fields += (
            '<div class="field field--name-field-tac-gia field--type-string field--label-hidden field__item">'
            f"{esc(signed)}</div>"
        )
    if a.tags:
        links = "".join(
            f'<div class="field__item"><a href="{tag_path(t)}" hreflang="vi">{esc(t)}</a></div>'
            for t in a.tags
        )
        fields += (
            '<div class="field field--name-field-tags field--type-entity-reference field--label-inline'
            ' clearfix">'
            f'<div class="field__label">Từ khóa</div><div class="field__items">{links}</div></div>'
        )
    content = (
        f"{_ba_title(a.title)}"
        '<div id="block-barrio-content" class="block block-system block-system-main-block"><div'
        ' class="content">'
        f'<article data-history-node-id="{a.nid}" class="node node--type-tin-tuc node--promoted'
        ' node--view-mode-full clearfix">'
        f'<header></header><div class="node__content clearfix">{fields}'
        '<div class="node__links"><ul class="links inline list-inline"><li class="statistics-counter'
        ' list-inline-item">'
        f"Lượt xem: {a.views}</li></ul></div></div></article></div></div>"
    )
    rows = "".join(
        '<div class="views-row"><div class="views-field views-field-title"><span class="field-content">'
        f'<a href="{esc(r.href)}" hreflang="vi">{esc(r.title)}</a></span></div></div>'
        for r in related
    )
    sidebar = (
        '<div class="views-element-container block block-views block-views-blocktin-lien-quan-block-1">'
        '<h2>Tin liên quan</h2><div class="content"><div class="view view-tin-lien-quan"><div'
        f' class="view-content">{rows}'
        "</div></div></div></div>"
    )
    crumbs = [(addresses.drupal_listing_path(a.category.slug), a.category.name)]
    head = _head(a, base_url, dated, always_meta=True)
    body_class = f"page-node-{a.nid} path-node node--type-tin-tuc"
    return _ba_page(a.title, head, body_class, crumbs, a.title, content, sidebar, old_portal)


def _ba_pager(page: int, pages: int) -> str:
    """Barrio's ``pager.html.twig``: Bootstrap pagination, ``rel=next`` but no ``pager__item--next``."""
    if pages <= 1:
        return ""

    def item(target: int, label: str, symbol: str, rel: str = "") -> str:
        return (
            f'<li class="page-item"><a href="{addresses.page_href(target, False)}" title="{label}"{rel} '
            f'class="page-link"><span aria-hidden="true">{symbol}</span><span'
            f' class="visually-hidden">{label}</span></a></li>'
        )

    items = []
    if page > 0:
        items.append(item(0, "Đến trang đầu", "«"))
        items.append(item(page - 1, "Đến trang trước", "‹", ' rel="prev"'))
    for n in _pages(page, pages):
        if n == page:
            items.append(f'<li class="page-item active"><span class="page-link">{n + 1}</span></li>')
        else:
            items.append(
                f'<li class="page-item "><a href="{addresses.page_href(n, False)}" title="Đến trang {n + 1}" '
                f'class="page-link">{n + 1}</a></li>'
            )
    if page + 1 < pages:
        items.append(item(page + 1, "Đến trang sau", "›", ' rel="next"'))
        items.append(item(pages - 1, "Đến trang cuối", "»"))
    return (
        '<nav aria-label="pagination-heading"><h4 id="pagination-heading" class="visually-hidden">Phân'
        " trang</h4>"
        f'<ul class="pagination js-pager__items">{"".join(items)}</ul></nav>'
    )


def _ba_teasers(teasers: list[Teaser]) -> str:
    rows = []
    for t in teasers:
        picture = (
            '<div class="views-field views-field-field-image"><div class="field-content">'
            f'<a href="{esc(t.href)}"'
            f' hreflang="vi">{image(t.image, lazy="data-src", cls="lazyload img-fluid")}</a></div></div>'
            if t.image
            else ""
        )
        rows.append(
            f'<div class="views-row col-12">{picture}<div class="views-field views-field-title"><span'
            ' class="field-content">'
            f'<a href="{esc(t.href)}" hreflang="vi">{esc(t.title)}</a></span></div>'
            '<div class="views-field views-field-created"><span class="field-content">'
            f'<time datetime="{utc_stamp(t.published_at)}">{day_time(t.published_at)}</time></span></div>'
            '<div class="views-field views-field-body"><div'
            f' class="field-content">{esc(shorten(t.summary))}</div></div></div>'
        )
    if not rows:
        return '<div class="view-empty">Chưa có bài viết.</div>'
    return f'<div class="view-content row">{"".join(rows)}</div>'


def ba_listing(
    title: str, crumbs: Crumbs, teasers: list[Teaser], page: int, pages: int, old_portal: bool
) -> str:
    content = (
        f'{_ba_title(title)}<div class="block block-system block-system-main-block"><div class="content">'
        '<div class="views-element-container"><div class="view view-taxonomy-term view-id-taxonomy_term '
        f'view-display-id-page_1 js-view-dom-id-{_view_id(title, page)}">{_ba_teasers(teasers)}'
        f"{_ba_pager(page, pages)}</div></div></div></div>"
    )
    return _ba_page(title, "", "path-taxonomy", crumbs[:-1], title, content, "", old_portal)


def ba_home(latest: list[Teaser], by_category: dict[Category, list[Teaser]], old_portal: bool) -> str:
    blocks = []
    for category, teasers in by_category.items():
        links = "".join(
            f'<li class="list-group-item"><a href="{esc(t.href)}">{esc(t.title)}</a></li>' for t in teasers
        )
        blocks.append(
            f'<div class="block block-views"><h2>{_category_link(category)}</h2><div class="content">'
            f'<ul class="list-group">{links}</ul></div></div>'
        )
    content = (
        f'{_ba_title("Tin mới")}<div class="block block-system block-system-main-block"><div class="content">'
        f'<div class="views-element-container"><div class="view view-frontpage">{_ba_teasers(latest)}</div>'
        "</div>"
        f"</div></div>{''.join(blocks)}"
    )
    return _ba_page(SITE_NAME, "", "path-frontpage", [], None, content, "", old_portal)


def ba_message(title: str, text: str, old_portal: bool) -> str:
    content = f'{_ba_title(title)}<div class="alert alert-info" role="alert"><p>{esc(text)}</p></div>'
    return _ba_page(title, "", "path-message", [], None, content, "", old_portal)
