"""Pages in the ``drupal_gavias`` layout (Drupal 8+, Gavias theme, current): see docs/layouts.md."""

from __future__ import annotations

from functools import cache

from mirror import addresses
from mirror.content import byline, lead_line, updated_text
from mirror.corpus import corpus
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
from mirror.vntext import day, weekday_day_time

TRAP_PATH = "/user/login"
# The endless archive (Site(endless_archive=True)): every page links a next one, past the end too.
ARCHIVE_PATH = "/luu-tru"
ARCHIVE_TITLE = "Lưu trữ"
ARCHIVE_EMPTY = "Không có bài viết nào."
SEARCH_PATH = "/search/node"
FIRST_TERM_ID = 5
HEAD_SCRIPT = (
    '<script type="application/json" data-drupal-selector="drupal-settings-json">'
    '{"path":{"baseUrl":"\\/","currentLanguage":"vi"},"gavias_blockbuilder":{"url_edit":"\\/admin"}}</script>'
)


def tag_path(tag: str) -> str:
    return addresses.taxonomy_path(FIRST_TERM_ID + corpus().tags.index(tag))


@cache
def _header(old_portal: bool, archive: bool = False) -> str:
    items = ['<li class="menu-item"><a href="/">Trang chủ</a></li>']
    items += [
        f'<li class="menu-item"><a href="{addresses.drupal_listing_path(c.slug)}">{esc(c.name)}</a></li>'
        for c in corpus().categories
    ]
    if archive:
        items.append(f'<li class="menu-item"><a href="{ARCHIVE_PATH}">{ARCHIVE_TITLE}</a></li>')
    if old_portal:
        items.append(f'<li class="menu-item"><a href="{addresses.WPS_HOME}">Cổng thông tin cũ</a></li>')
    # A robots-disallowed page and an off-site portal in the menu a crawler follows.
    items.append(f'<li class="menu-item"><a href="{TRAP_PATH}">Đăng nhập</a></li>')
    items.append(f'<li class="menu-item"><a href="{addresses.PROVINCE_PORTAL}">Cổng TTĐT tỉnh</a></li>')
    return (
        '<header id="header" class="header-default"><div class="topbar">'
        f'<a href="{TRAP_PATH}">Đăng nhập</a></div>'
        f'<div class="site-branding">{BANNER}</div>'
        '<nav class="gva-navigation" role="navigation"><ul class="gva_menu gva_menu_main">'
        f"{''.join(items)}</ul></nav>"
        f'<form class="search-block-form" action="{SEARCH_PATH}" method="get">'
        '<input type="search" name="keys" title="Tìm kiếm"></form></header>'
    )


def _contact_block() -> str:
    return (
        f'<div class="block block-phananh"><h2 class="block-title">{CONTACT_HEADING}</h2>'
        f'<div class="block-content">{contact_table()}{CONTACT_STYLE}</div></div>'
    )


def _page(
    title: str,
    head: str,
    body_class: str,
    crumbs: list[tuple[str, str]],
    main: str,
    aside: str,
    old_portal: bool,
    archive: bool = False,
) -> str:
    crumb_html = "".join(f'<li><a href="{esc(href)}">{esc(name)}</a></li>' for href, name in crumbs)
    return (
        '<!DOCTYPE html><html lang="vi" dir="ltr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1.0">'
        f'{head}<link rel="alternate" type="application/rss+xml" title="{SITE_NAME}" href="/rss.xml">'
        f"<title>{esc(title)}</title>"
        '<link rel="stylesheet" media="all" href="/themes/gavias_vinor/css/bootstrap.css?t4x2a1">'
        f'{HEAD_SCRIPT}</head><body class="{body_class}">'
        '<a href="#main-content" class="visually-hidden focusable">Bỏ qua để đến nội dung chính</a>'
        f'<div class="body-page gva-body-page">{_header(old_portal, archive)}'
        '<div class="breadcrumb-content-inner"><nav class="breadcrumb" role="navigation"><ol>'
        f'<li><a href="/">Trang chủ</a></li>{crumb_html}</ol></nav></div>'
        '<div role="main" class="main main-page"><a id="main-content" tabindex="-1"></a>'
        f'<div class="container"><div class="row"><div class="content-main col-lg-8">{main}</div>'
        f'<aside class="sidebar col-lg-4">{_contact_block()}{aside}</aside></div></div></div>'
        f'<footer id="footer"><div class="footer-center">{footer_html()}</div>'
        f'<div class="copyright">{COPYRIGHT}</div></footer></div>{PAGE_SCRIPT}</body></html>'
    )


def category_crumbs(category: Category) -> list[tuple[str, str]]:
    return [(addresses.drupal_listing_path(category.slug), category.name)]


def _category_link(category: Category) -> str:
    return f'<a href="{addresses.drupal_listing_path(category.slug)}">{esc(category.name)}</a>'


def article_page(
    article: Article,
    related: list[RelatedLink],
    base_url: str,
    old_portal: bool,
    dated: bool = True,
    archive: bool = False,
) -> str:
    """The article page; ``dated=False`` leaves every date off it (no meta, created, dateline);
    ``archive``: the menu links the endless archive (so do the other pages' ``archive``)."""
    title = esc(article.title)
    canonical = esc(base_url + article.path)
    head = (
        f'<link rel="canonical" href="{canonical}">'
        f'<link rel="shortlink" href="{base_url}{addresses.node_path(article.nid)}">'
        f'<meta property="og:title" content="{title}"><meta property="og:url" content="{canonical}">'
    )
    if article.meta_times and dated:
        head += f'<meta property="article:published_time" content="{article.published_at.isoformat()}">'
        if article.updated_at:
            head += f'<meta property="article:modified_time" content="{article.updated_at.isoformat()}">'
    thumbnail = figure = ""
    if article.image:
        if article.image.thumb:
            thumbnail = (
                f'<div class="post-thumbnail post-standard"><img src="{esc(article.image.thumb)}" '
                f'alt="{esc(article.image.caption)}"></div>'
            )
        figure = (
            f'<figure role="group"><img src="{esc(article.image.src)}" alt="">'
            f"<figcaption>{esc(article.image.caption)}</figcaption></figure>"
        )
    body = f"<p><strong>{esc(lead_line(article) if dated else article.lead)}</strong></p>"
    body += paragraphs_html(article.paragraphs, figure)
    signed = byline(article)
    if signed:
        body += f'<p>&nbsp;</p><p style="text-align: right;"><strong>{esc(signed)}</strong></p>'
    extras = ""
    if article.attachment:
        extras += (
            '<div class="field field--name-field-file"><span class="file file--mime-application-pdf '
            f'file--application-pdf"><a href="{esc(article.attachment.path)}" type="application/pdf">'
            f"{esc(article.attachment.name)}</a></span></div>"
        )
    if article.tags:
        links = " ".join(f'<a href="{tag_path(t)}" hreflang="vi">{esc(t)}</a>' for t in article.tags)
        extras += f'<div class="post-tags field--name-field-tags">{links}</div>'
    updated = updated_text(article) if dated else None
    if updated:
        extras += f'<div class="post-updated">{esc(updated)}</div>'
    created = (
        f' / <span class="post-created">{weekday_day_time(article.published_at)}</span>' if dated else ""
    )
    main = (
        f'<article data-history-node-id="{article.nid}" role="article" '
        'class="node node--type-article node--view-mode-full">'
        f'<div class="post-block">{thumbnail}<div class="post-content">'
        f'<h1 class="post-title"><span class="field field--name-title field--type-string">{title}</span></h1>'
        f'<div class="post-meta"><span class="post-categories">{_category_link(article.category)}</span>'
        f"{created}</div>"
        '<div class="post-body"><div class="clearfix text-formatted field field--name-body '
        f'field--type-text-with-summary field--label-hidden field__item">{body}</div></div>'
        f"{extras}</div></div></article>"
        f'<div class="node-views">Lượt xem: {article.views}</div>'
    )
    related_items = "".join(
        f'<li><a href="{esc(r.href)}">{esc(r.title)}</a> <span class="date">({day(r.published_at)})</span>'
        "</li>"
        for r in related
    )
    aside = (
        '<div class="block views-block-tin-lien-quan"><h2 class="block-title">Tin liên quan</h2>'
        f'<div class="item-list"><ul>{related_items}</ul></div></div>'
    )
    return _page(
        f"{article.title} | {SITE_NAME}",
        head,
        "path-node page-node-type-article",
        category_crumbs(article.category),
        main,
        aside,
        old_portal,
        archive,
    )


def _teasers(teasers: list[Teaser], empty: str = "Chưa có bài viết.") -> str:
    rows = []
    for t in teasers:
        thumb = (
            f'<div class="post-thumbnail"><a href="{esc(t.href)}"><img src="{esc(t.image)}" alt=""></a></div>'
            if t.image
            else ""
        )
        rows.append(
            f'<div class="views-row"><div class="post-block">{thumb}<div class="post-content">'
            f'<h3 class="post-title"><a href="{esc(t.href)}" rel="bookmark">{esc(t.title)}</a></h3>'
            f'<div class="post-meta"><span class="post-categories">{_category_link(t.category)}</span>'
            f' / <span class="post-created">{day(t.published_at)}</span></div>'
            f'<div class="post-body">{esc(shorten(t.summary))}</div></div></div></div>'
        )
    if not rows:
        return f'<div class="view-empty">{esc(empty)}</div>'
    return f'<div class="view-content">{"".join(rows)}</div>'


def _pager(page: int, pages: int, endless: bool = False) -> str:
    """Links to the pages around ``page`` of ``pages``; ``endless``: a next link on every page,
    past the last one too, and no link to a last page."""
    if endless:
        pages = max(pages, page + 2)
    elif pages <= 1:
        return ""
    items = []
    if page > 0:
        items.append(
            f'<li class="pager__item pager__item--first"><a href="{addresses.page_href(0, False)}">«</a></li>'
        )
        items.append(
            f'<li class="pager__item pager__item--previous"><a href="{addresses.page_href(page - 1, False)}" '
            'rel="prev">‹</a></li>'
        )
    for n in range(max(0, page - 4), min(pages, page + 5)):
        active = " is-active" if n == page else ""
        items.append(
            f'<li class="pager__item{active}"><a href="{addresses.page_href(n, False)}">{n + 1}</a></li>'
        )
    if page + 1 < pages:
        items.append(
            f'<li class="pager__item pager__item--next"><a href="{addresses.page_href(page + 1, False)}" '
            'rel="next">›</a></li>'
        )
        if not endless:
            last = addresses.page_href(pages - 1, False)
            items.append(f'<li class="pager__item pager__item--last"><a href="{last}">»</a></li>')
    return (
        '<nav class="pager" role="navigation"><ul class="pager__items js-pager__items">'
        f"{''.join(items)}</ul></nav>"
    )


def listing_page(
    title: str,
    crumbs: list[tuple[str, str]],
    teasers: list[Teaser],
    page: int,
    pages: int,
    old_portal: bool,
    archive: bool = False,
) -> str:
    main = (
        f'<h1 class="page-title">{esc(title)}</h1>'
        f'<div class="view">{_teasers(teasers)}{_pager(page, pages)}</div>'
    )
    return _page(f"{title} | {SITE_NAME}", "", "path-taxonomy", crumbs, main, "", old_portal, archive)


def archive_page(teasers: list[Teaser], page: int, pages: int, old_portal: bool) -> str:
    """Page ``page`` (0-based) of the endless archive, whose real pages are ``pages``: like a
    listing, but every page links a next one, and a page past the end says ``ARCHIVE_EMPTY``."""
    main = (
        f'<h1 class="page-title">{ARCHIVE_TITLE}</h1>'
        f'<div class="view">{_teasers(teasers, ARCHIVE_EMPTY)}{_pager(page, pages, endless=True)}</div>'
    )
    crumbs = [(ARCHIVE_PATH, ARCHIVE_TITLE)]
    return _page(f"{ARCHIVE_TITLE} | {SITE_NAME}", "", "path-luu-tru", crumbs, main, "", old_portal, True)


def home_page(
    latest: list[Teaser], by_category: dict[Category, list[Teaser]], old_portal: bool, archive: bool = False
) -> str:
    blocks = []
    for category, teasers in by_category.items():
        links = "".join(f'<li><a href="{esc(t.href)}">{esc(t.title)}</a></li>' for t in teasers)
        blocks.append(
            f'<div class="block block-category"><h2 class="block-title">{_category_link(category)}</h2>'
            f"<ul>{links}</ul></div>"
        )
    main = f'<h1 class="page-title">Tin mới</h1><div class="view">{_teasers(latest)}</div>{"".join(blocks)}'
    return _page(SITE_NAME, "", "path-frontpage", [], main, "", old_portal, archive)


def message_page(title: str, text: str, old_portal: bool, archive: bool = False) -> str:
    """A plain page (not found, gone, login form) in this layout's frame."""
    main = f'<h1 class="page-title">{esc(title)}</h1><div class="message"><p>{esc(text)}</p></div>'
    return _page(f"{title} | {SITE_NAME}", "", "path-message", [], main, "", old_portal, archive)
