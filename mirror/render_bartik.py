"""The successor host's pages: Drupal 7 core, the Bartik theme (``themes/bartik/templates``).

Written as Drupal 7 writes them: core's ``html.tpl.php`` (XHTML+RDFa 1.0 doctype,
``<meta name="Generator" content="Drupal 7 (http://drupal.org)" />``, body classes ``html not-front
not-logged-in one-sidebar sidebar-first page-node page-node- page-node-N node-type-article``),
Bartik's ``page.tpl.php`` (``#page-wrapper`` > ``#page`` > ``#header`` with ``#logo``,
``#name-and-slogan``, ``#main-menu`` ``ul#main-menu-links.links``; ``#main-wrapper`` > ``#main`` with
``#breadcrumb``, ``#sidebar-first.column.sidebar``, ``#content.column`` holding ``a#main-content``,
``h1#page-title.title`` and ``div.region.region-content``; ``#footer-wrapper``), Bartik's
``node.tpl.php`` (``div#node-N.node.node-article.node-promoted.clearfix`` with RDFa ``about`` and
``typeof``, ``div.meta.submitted`` holding the ``dc:date dc:created`` span, ``div.content.clearfix``,
``div.link-wrapper`` with ``node-readmore`` on teasers), core's ``field.tpl.php`` (``field
field-name-body field-type-text-with-summary field-label-hidden`` > ``field-items`` > ``field-item
even`` ``property="content:encoded"``; ``field-name-field-image``; ``field-name-field-file
field-type-file field-label-above`` with ``span.file`` and a ``file-icon``), ``theme_pager``
(``h2.element-invisible`` + ``div.item-list`` > ``ul.pager`` with ``pager-current``,
``pager-next``, ``pager-last``) and a Views page display for the listing (``view view-tin-tuc
view-id-tin_tuc view-display-id-page`` > ``view-content`` > ``views-row``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from mirror.markup import file_label
from mirror.page_parts import esc
from mirror.slugs import pathauto_slug
from mirror.vntext import weekday_day_time

SITE_NAME = "Sở Khoa học và Công nghệ"
SITE_SLOGAN = "tỉnh An Giang"
FULL_NAME = "Sở Khoa học và Công nghệ tỉnh An Giang"
LISTING_PATH = "/tin-tuc"
LISTING_TITLE = "Tin tức"
FOOTER_LINES = (
    "Cơ quan chủ quản: Sở Khoa học và Công nghệ tỉnh An Giang",
    "Địa chỉ: 319 Đường 3/2, P. Rạch Giá, tỉnh An Giang",
    "Điện thoại: (0297) 3862 543 - Email: sokhcn@angiang.gov.vn",
)
DOCTYPE = (
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML+RDFa 1.0//EN"\n'
    '  "http://www.w3.org/MarkUp/DTD/xhtml-rdfa-1.dtd">\n'
)
HTML_OPEN = (
    '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="vi" version="XHTML+RDFa 1.0" dir="ltr"\n'
    '  xmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
    '  xmlns:dc="http://purl.org/dc/terms/"\n'
    '  xmlns:foaf="http://xmlns.com/foaf/0.1/"\n'
    '  xmlns:og="http://ogp.me/ns#"\n'
    '  xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"\n'
    '  xmlns:sioc="http://rdfs.org/sioc/ns#"\n'
    '  xmlns:sioct="http://rdfs.org/sioc/types#"\n'
    '  xmlns:skos="http://www.w3.org/2004/02/skos/core#"\n'
    '  xmlns:xsd="http://www.w3.org/2001/XMLSchema#">\n'
)
CSS_TOKEN = "t2k9qx"
STYLES = (
    "modules/system/system.base.css",
    "modules/system/system.menus.css",
    "modules/system/system.messages.css",
    "modules/system/system.theme.css",
    "modules/field/theme/field.css",
    "modules/node/node.css",
    "themes/bartik/css/layout.css",
    "themes/bartik/css/style.css",
    "themes/bartik/css/colors.css",
)


@dataclass(frozen=True)
class Node:
    """One article node as the successor shows it."""

    nid: int
    path: str  # the pathauto alias, /tin-tuc/<slug>
    title: str
    published_at: datetime
    updated_at: datetime | None
    lead: str  # the lead line as written (dateline, dash, lead)
    paragraphs: tuple[str, ...]
    byline: str | None
    image: tuple[str, str] | None  # (src, caption)
    attachment: tuple[str, str] | None  # (path, file name)
    category: tuple[str, str] | None = (
        None  # (name, term slug): the article's taxonomy term, kept by the migration
    )
    tags: tuple[str, ...] = ()

    @property
    def modified_at(self) -> datetime:
        return self.updated_at or self.published_at


def _head(title: str, base_url: str, canonical: str | None, shortlink: str | None) -> str:
    links = ""
    if canonical:
        links += f'<link rel="canonical" href="{esc(canonical)}" />\n'
    if shortlink:
        links += f'<link rel="shortlink" href="{esc(shortlink)}" />\n'
    styles = "\n".join(f'@import url("{base_url}/{path}?{CSS_TOKEN}");' for path in STYLES)
    return (
        '<head profile="http://www.w3.org/1999/xhtml/vocab">\n'
        '  <meta http-equiv="Content-Type" content="text/html; charset=utf-8" />\n'
        f'<link rel="shortcut icon" href="{base_url}/misc/favicon.ico" type="image/vnd.microsoft.icon" />\n'
        '<meta name="Generator" content="Drupal 7 (http://drupal.org)" />\n'
        f"{links}"
        f'<link rel="alternate" type="application/rss+xml" title="{esc(FULL_NAME)} RSS"'
        f' href="{base_url}/rss.xml" />\n'
        f"  <title>{esc(title)} | {esc(SITE_NAME)}</title>\n"
        f'  <style type="text/css" media="all">\n{styles}\n</style>\n'
        f'  <script type="text/javascript" src="{base_url}/misc/jquery.js?v=1.4.4"></script>\n'
        f'<script type="text/javascript" src="{base_url}/misc/drupal.js?{CSS_TOKEN}"></script>\n'
        '<script type="text/javascript">\n<!--//--><![CDATA[//><!--\n'
        'jQuery.extend(Drupal.settings, {"basePath":"\\/","pathPrefix":"","ajaxPageState":{"theme":"bartik",'
        f'"theme_token":"{_token(title)}"}}}});\n//--><!]]>\n</script>\n'
        "</head>\n"
    )


def _token(*parts: object) -> str:
    return hashlib.blake2b(":".join(map(str, parts)).encode(), digest_size=21).hexdigest()[:43]


def _header(active: str) -> str:
    items = [("/", "Trang chủ", "menu-218"), (LISTING_PATH, LISTING_TITLE, "menu-441")]
    links = []
    for n, (href, name, cls) in enumerate(items):
        classes = [cls]
        if n == 0:
            classes.append("first")
        if n == len(items) - 1:
            classes.append("last")
        if href == active:
            classes.append("active-trail active")
        links.append(f'<li class="{" ".join(classes)}"><a href="{href}">{esc(name)}</a></li>')
    return (
        '  <div id="header" class="without-secondary-menu"><div class="section clearfix">\n'
        '      <a href="/" title="Trang chủ" rel="home" id="logo">\n'
        '        <img src="/sites/default/files/logo-sokhcn.png" alt="Trang chủ" />\n      </a>\n'
        '      <div id="name-and-slogan">\n'
        '          <div id="site-name"><strong>\n'
        f'              <a href="/" title="Trang chủ" rel="home"><span>{esc(SITE_NAME)}</span></a>\n'
        "            </strong></div>\n"
        f'          <div id="site-slogan">{esc(SITE_SLOGAN)}</div>\n'
        "      </div> <!-- /#name-and-slogan -->\n"
        '      <div id="main-menu" class="navigation">\n'
        '        <h2 class="element-invisible">Trình đơn chính</h2>'
        f'<ul id="main-menu-links" class="links clearfix">{"".join(links)}</ul>'
        "      </div> <!-- /#main-menu -->\n"
        "  </div></div> <!-- /.section, /#header -->\n"
    )


def _sidebar(latest: list[Node]) -> str:
    items = []
    for n, node in enumerate(latest):
        zebra = "odd" if n % 2 == 0 else "even"
        edge = " first" if n == 0 else (" last" if n == len(latest) - 1 else "")
        items.append(f'<li class="{zebra}{edge}"><a href="{esc(node.path)}">{esc(node.title)}</a></li>')
    recent = (
        '<div id="block-node-recent" class="block block-node">\n'
        '    <h2>Tin mới</h2>\n  <div class="content">\n'
        f'    <div class="item-list"><ul>{"".join(items)}</ul></div>  </div>\n</div>\n'
        if latest
        else ""
    )
    return (
        '      <div id="sidebar-first" class="column sidebar"><div class="section">\n'
        '          <div class="region region-sidebar-first">\n'
        '    <div id="block-search-form" class="block block-search" role="search">\n  <div class="content">\n'
        '    <form action="/search/node" method="post" id="search-block-form" accept-charset="UTF-8"><div>'
        '<div class="container-inline">\n      <h2 class="element-invisible">Biểu mẫu tìm kiếm</h2>\n'
        '    <div class="form-item form-type-textfield form-item-search-block-form">\n'
        '  <label class="element-invisible" for="edit-search-block-form--2">Tìm kiếm </label>\n'
        ' <input title="Nhập từ khóa bạn muốn tìm." type="text" id="edit-search-block-form--2"'
        ' name="search_block_form" value="" size="15" maxlength="128" class="form-text" />\n</div>\n'
        '<div class="form-actions form-wrapper" id="edit-actions"><input type="submit" id="edit-submit"'
        ' name="op" value="Tìm kiếm" class="form-submit" /></div></div></div></form>  </div>\n</div>\n'
        f"{recent}"
        "  </div>\n      </div></div> <!-- /.section, /#sidebar-first -->\n"
    )


def _footer() -> str:
    lines = "<br />".join(esc(line) for line in FOOTER_LINES)
    return (
        '  <div id="footer-wrapper"><div class="section">\n'
        '      <div id="footer" class="clearfix">\n'
        '          <div class="region region-footer">\n'
        '    <div id="block-block-1" class="block block-block">\n  <div class="content">\n'
        f"    <p>{lines}</p>  </div>\n</div>\n  </div>\n"
        "      </div> <!-- /#footer -->\n"
        "  </div></div> <!-- /.section, /#footer-wrapper -->\n"
    )


def _breadcrumb(crumbs: list[tuple[str, str]]) -> str:
    if not crumbs:
        return ""
    trail = " » ".join(f'<a href="{esc(href)}">{esc(name)}</a>' for href, name in crumbs)
    return (
        '      <div id="breadcrumb"><h2 class="element-invisible">Bạn đang ở đây</h2>'
        f'<div class="breadcrumb">{trail}</div></div>\n'
    )


def _page(
    *,
    title: str,
    body_class: str,
    base_url: str,
    main: str,
    latest: list[Node],
    active: str = "",
    crumbs: list[tuple[str, str]] | None = None,
    canonical: str | None = None,
    shortlink: str | None = None,
    show_title: bool = True,
    feed_icon: bool = False,
) -> str:
    heading = (
        f'        <h1 class="title" id="page-title">\n          {esc(title)}        </h1>\n'
        if show_title
        else ""
    )
    feed = (
        f'<a href="/rss.xml" class="feed-icon" title="Đăng ký {esc(FULL_NAME)} RSS">'
        '<img src="/misc/feed.png" width="16" height="16" alt="Đăng ký RSS" /></a>'
        if feed_icon
        else ""
    )
    return (
        DOCTYPE + HTML_OPEN + _head(title, base_url, canonical, shortlink) + f'<body class="{body_class}" >\n'
        '  <div id="skip-link">\n'
        '    <a href="#main-content" class="element-invisible element-focusable">'
        "Chuyển tới nội dung chính</a>\n"
        "  </div>\n"
        '    <div id="page-wrapper"><div id="page">\n\n'
        + _header(active)
        + '  <div id="main-wrapper" class="clearfix"><div id="main" class="clearfix">\n'
        + _breadcrumb(crumbs or [])
        + _sidebar(latest)
        + '    <div id="content" class="column"><div class="section">\n'
        '      <a id="main-content"></a>\n' + heading + '          <div class="region region-content">\n'
        '    <div id="block-system-main" class="block block-system">\n\n  <div class="content">\n'
        + main
        + "  </div>\n</div>\n  </div>\n"
        + feed
        + "\n    </div></div> <!-- /.section, /#content -->\n"
        "  </div></div> <!-- /#main, /#main-wrapper -->\n\n"
        + _footer()
        + "\n  </div></div> <!-- /#page, /#page-wrapper -->\n"
        "</body>\n</html>\n"
    )


def _submitted(node: Node) -> str:
    return (
        '      <div class="meta submitted">\n'
        f'      <span property="dc:date dc:created" content="{node.published_at.isoformat()}"'
        ' datatype="xsd:dateTime" rel="sioc:has_creator">Gửi bởi <span class="username" xml:lang=""'
        ' about="/user/4" typeof="sioc:UserAccount" property="foaf:name" datatype="">bientap</span>'
        f" vào {weekday_day_time(node.published_at)}</span>    </div>\n"
    )


def _body(node: Node) -> str:
    parts = [f"<p><strong>{esc(node.lead)}</strong></p>\n"]
    after = min(1, len(node.paragraphs) - 1)
    for n, text in enumerate(node.paragraphs):
        parts.append(f'<p style="text-align: justify;">{esc(text)}</p>\n')
        if node.image and n == after:
            src, caption = node.image
            parts.append(
                f'<p style="text-align: center;"><img alt="" src="{esc(src)}" style="width: 600px;" /></p>\n'
                f'<p style="text-align: center;"><em>{esc(caption)}</em></p>\n'
            )
    if node.byline:
        parts.append(f'<p style="text-align: right;"><strong>{esc(node.byline)}</strong></p>\n')
    return (
        '<div class="field field-name-body field-type-text-with-summary field-label-hidden">'
        '<div class="field-items"><div class="field-item even" property="content:encoded">'
        f"{''.join(parts)}</div></div></div>"
    )


def _file_field(node: Node) -> str:
    if not node.attachment:
        return ""
    path, name = node.attachment
    mime = file_label(name)
    kind = mime.replace("-", "/", 1)
    return (
        '<div class="field field-name-field-file field-type-file field-label-above">'
        '<div class="field-label">Tập tin đính kèm:&nbsp;</div><div class="field-items">'
        '<div class="field-item even"><span class="file">'
        f'<img class="file-icon" alt="" title="{kind}" src="/modules/file/icons/{mime}.png" /> '
        f'<a href="{esc(path)}" type="{kind}">{esc(name)}</a></span></div></div></div>'
    )


def _term_field(field: str, label: str, names: list[tuple[str, str]]) -> str:
    """A taxonomy term reference field as core's ``field.tpl.php`` writes it (label above)."""
    if not names:
        return ""
    items = "".join(
        f'<div class="field-item {"even" if n % 2 else "odd"}"><a href="/{esc(path)}" typeof="skos:Concept"'
        f' property="rdfs:label skos:prefLabel" datatype="">{esc(name)}</a></div>'
        for n, (name, path) in enumerate(names)
    )
    return (
        f'<div class="field field-name-{field} field-type-taxonomy-term-reference field-label-above">'
        f'<div class="field-label">{esc(label)}:&nbsp;</div><div class="field-items">{items}</div></div>'
    )


def _terms(node: Node) -> str:
    category = [(node.category[0], f"chuyen-muc/{node.category[1]}")] if node.category else []
    tags = [(tag, f"tu-khoa/{pathauto_slug(tag)}") for tag in node.tags]
    return _term_field("field-category", "Chuyên mục", category) + _term_field("field-tags", "Từ khóa", tags)


def _node(node: Node, teaser: bool) -> str:
    classes = "node node-article node-promoted" + (" node-teaser" if teaser else "")
    head = f'<span property="dc:title" content="{esc(node.title)}" class="rdf-meta element-hidden"></span>'
    if teaser:
        head = f'\n  <h2>\n      <a href="{esc(node.path)}">{esc(node.title)}</a>\n    </h2>\n  {head}'
        summary = (
            '<div class="field field-name-body field-type-text-with-summary field-label-hidden">'
            '<div class="field-items"><div class="field-item even" property="content:encoded">'
            f"<p>{esc(node.lead)}</p></div></div></div>"
        )
        content = summary
        links = (
            '  <div class="link-wrapper">\n    <ul class="links inline"><li class="node-readmore first last">'
            f'<a href="{esc(node.path)}" rel="tag" title="{esc(node.title)}">Xem thêm'
            f'<span class="element-invisible"> về {esc(node.title)}</span></a></li></ul>  </div>\n'
        )
    else:
        content = _body(node) + _file_field(node) + _terms(node)
        links = ""
    return (
        f'<div id="node-{node.nid}" class="{classes} clearfix" about="{esc(node.path)}"'
        ' typeof="sioc:Item foaf:Document">\n\n'
        f"  {head}\n"
        + _submitted(node)
        + f'\n  <div class="content clearfix">\n    {content}  </div>\n\n'
        + links
        + "\n</div>\n"
    )


def article_page(node: Node, base_url: str, latest: list[Node]) -> str:
    return _page(
        title=node.title,
        body_class=(
            "html not-front not-logged-in one-sidebar sidebar-first page-node page-node- "
            f"page-node-{node.nid} node-type-article"
        ),
        base_url=base_url,
        main=_node(node, teaser=False),
        latest=latest,
        active=LISTING_PATH,
        crumbs=[("/", "Trang chủ"), (LISTING_PATH, LISTING_TITLE)],
        canonical=node.path,  # Drupal 7 writes both relative
        shortlink=f"/node/{node.nid}",
    )


def _pager(path: str, page: int, pages: int) -> str:
    """Drupal 7's ``theme_pager``: ``?page=N`` is 0-based, page 0 has no query."""
    if pages <= 1:
        return ""

    def href(n: int) -> str:
        return path if n == 0 else f"{path}?page={n}"

    items = []
    if page > 0:
        items.append(
            f'<li class="pager-first first"><a title="Đến trang đầu" href="{href(0)}">« đầu</a></li>'
        )
        items.append(
            f'<li class="pager-previous"><a title="Đến trang trước" href="{href(page - 1)}">‹ trước</a></li>'
        )
    for n in range(max(0, page - 4), min(pages, page + 5)):
        if n == page:
            items.append(f'<li class="pager-current">{n + 1}</li>')
        else:
            items.append(
                f'<li class="pager-item"><a title="Đến trang {n + 1}" href="{href(n)}">{n + 1}</a></li>'
            )
    if page < pages - 1:
        items.append(
            f'<li class="pager-next"><a title="Đến trang sau" href="{href(page + 1)}">sau ›</a></li>'
        )
        items.append(
            f'<li class="pager-last last"><a title="Đến trang cuối" href="{href(pages - 1)}">cuối »</a></li>'
        )
    return (
        '<h2 class="element-invisible">Các trang</h2><div class="item-list"><ul class="pager">'
        f"{''.join(items)}</ul></div>"
    )


def _rows(nodes: list[Node]) -> str:
    rows = []
    for n, node in enumerate(nodes):
        classes = f"views-row views-row-{n + 1} views-row-{'odd' if n % 2 == 0 else 'even'}"
        if n == 0:
            classes += " views-row-first"
        if n == len(nodes) - 1:
            classes += " views-row-last"
        rows.append(f'  <div class="{classes}">\n  {_node(node, teaser=True)}  </div>\n')
    return "".join(rows)


def listing_page(nodes: list[Node], page: int, pages: int, base_url: str, latest: list[Node]) -> str:
    dom_id = _token("view", page)[:32]
    content = (
        f'<div class="view-content">\n{_rows(nodes)}    </div>\n'
        if nodes
        else '<div class="view-empty">\n    <p>Chưa có bài viết nào.</p>  </div>\n'
    )
    view = (
        f'<div class="view view-tin-tuc view-id-tin_tuc view-display-id-page view-dom-id-{dom_id}">\n'
        f"{content}{_pager(LISTING_PATH, page, pages)}\n</div>"
    )
    return _page(
        title=LISTING_TITLE,
        body_class="html not-front not-logged-in one-sidebar sidebar-first page-tin-tuc",
        base_url=base_url,
        main=view,
        latest=latest,
        active=LISTING_PATH,
        crumbs=[("/", "Trang chủ")],
        canonical=LISTING_PATH + (f"?page={page}" if page else ""),
        feed_icon=True,
    )


def front_page(nodes: list[Node], base_url: str, latest: list[Node], more: bool) -> str:
    """Drupal 7's default front page (``node``): the newest promoted teasers, a link to the rest."""
    more_link = (
        f'<div class="more-link"><a href="{LISTING_PATH}" title="Xem tất cả tin tức">Xem tất cả</a></div>'
        if more
        else ""
    )
    teasers = "".join(_node(node, teaser=True) for node in nodes)
    return _page(
        title=FULL_NAME,
        body_class="html front not-logged-in one-sidebar sidebar-first page-node",
        base_url=base_url,
        main=teasers + more_link,
        latest=latest,
        active="/",
        canonical="/",
        show_title=False,
        feed_icon=True,
    )


def message_page(title: str, text: str, base_url: str) -> str:
    return _page(
        title=title,
        body_class="html not-front not-logged-in one-sidebar sidebar-first page-node",
        base_url=base_url,
        main=f"{esc(text)}",
        latest=[],
    )
