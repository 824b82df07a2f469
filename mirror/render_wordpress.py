"""Pages in the ``wordpress`` layout: WordPress 6.4 core with the Twenty Seventeen theme.

The markup is what those templates print (WordPress/twentyseventeen ``header.php``, ``footer.php``,
``single.php``, ``index.php``/``archive.php``, ``404.php``, ``template-parts/post/content.php``,
``inc/template-tags.php``: ``twentyseventeen_posted_on``, ``twentyseventeen_time_link``,
``twentyseventeen_entry_footer``, ``sidebar.php``) around what core prints: ``wp_head()`` (generator,
REST API link, canonical, shortlink), ``body_class()``, ``post_class()``, ``the_posts_pagination()``,
``the_post_navigation()``, the block editor's saved blocks (``wp-block-image``, ``wp-block-file`` with
its ``wp-block-file__button``), the widgets' markup (categories, custom HTML, meta). Every link is
absolute, as ``home_url()`` makes it. ``wptexturize`` is off (the site's text is printed as written).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from mirror import wordpress as wp
from mirror.content import byline, lead_line
from mirror.corpus import corpus
from mirror.model import Article, Category
from mirror.page_parts import (
    BANNER,
    CONTACT_HEADING,
    CONTACT_STYLE,
    COPYRIGHT,
    FOOTER_LINES,
    SITE_NAME,
    contact_table,
    esc,
    paragraphs_html,
)

DESCRIPTION = "Cổng thông tin điện tử"
DASH = "\u2013"  # between a title and the site name: wp_get_document_title writes &#8211;
EXCERPT_WORDS = 55  # wp_trim_excerpt's excerpt_length
MORE = "Đọc tiếp"
DOWNLOAD = "Tải xuống"


def svg(icon: str) -> str:
    """``twentyseventeen_get_svg( array( 'icon' => … ) )``."""
    return (
        f'<svg class="icon icon-{icon}" aria-hidden="true" role="img"> '
        f'<use href="#icon-{icon}" xlink:href="#icon-{icon}"></use> </svg>'
    )


@cache
def category_id(slug: str) -> int:
    return wp.FIRST_CATEGORY_ID + [c.slug for c in corpus().categories].index(slug)


@cache
def tag_id(tag: str) -> int:
    return wp.FIRST_CATEGORY_ID + len(corpus().categories) + corpus().tags.index(tag)


def post_classes(article: Article) -> str:
    """``post_class()`` of a published standard post."""
    classes = [f"post-{article.nid}", "post", "type-post", "status-publish", "format-standard"]
    if article.image:
        classes.append("has-post-thumbnail")
    classes += ["hentry", f"category-{article.category.slug}"]
    classes += [f"tag-{wp.tag_slug(t)}" for t in article.tags]
    return " ".join(classes)


def _head(title: str, base: str, extra: str) -> str:
    """``header.php`` up to ``</head>``, with what ``wp_head()`` prints."""
    return (
        '<!DOCTYPE html>\n<html lang="vi" class="no-js no-svg">\n<head>\n<meta charset="UTF-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="profile" href="https://gmpg.org/xfn/11">\n'
        "<script>(function(html){html.className = html.className.replace(/\\bno-js\\b/,'js')})"
        "(document.documentElement);</script>\n"
        "<meta name='robots' content='max-image-preview:large' />\n"
        f"<title>{esc(title).replace(DASH, '&#8211;')}</title>\n"  # as wp_get_document_title writes it
        f'<link rel="alternate" type="application/rss+xml" title="{esc(SITE_NAME)} &raquo; Dòng thông tin" '
        f'href="{base}{wp.FEED_PATH}" />\n'
        "<link rel='stylesheet' id='wp-block-library-css' "
        f"href='{base}/wp-includes/css/dist/block-library/style.min.css?ver={wp.VERSION}' media='all' />\n"
        "<link rel='stylesheet' id='twentyseventeen-style-css' "
        f"href='{base}/wp-content/themes/{wp.THEME}/style.css?ver={wp.THEME_VERSION}' media='all' />\n"
        f'<script src="{base}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>\n'
        f'<link rel="https://api.w.org/" href="{base}/wp-json/" />'
        f"{extra}"
        f'<link rel="EditURI" type="application/rsd+xml" title="RSD" href="{base}/xmlrpc.php?rsd" />\n'
        f'<meta name="generator" content="WordPress {wp.VERSION}" />\n'
        "</head>\n"
    )


@cache
def _menu(base: str) -> str:
    """``components/navigation/navigation-top.php``: the top menu (categories, then a custom link)."""
    items = []
    for n, c in enumerate(corpus().categories, start=10):
        items.append(
            f'<li id="menu-item-{n}" class="menu-item menu-item-type-taxonomy menu-item-object-category '
            f'menu-item-{n}"><a href="{base}{wp.category_path(c.slug)}">{esc(c.name)}</a></li>'
        )
    n = 10 + len(corpus().categories)
    items.append(
        f'<li id="menu-item-{n}" class="menu-item menu-item-type-custom menu-item-object-custom '
        f'menu-item-{n}">'
        '<a href="https://www.angiang.gov.vn/">Cổng TTĐT tỉnh</a></li>'
    )
    return (
        '<div class="navigation-top"><div class="wrap">'
        '<nav id="site-navigation" class="main-navigation" aria-label="Menu trên cùng">'
        '<button class="menu-toggle" aria-controls="top-menu" aria-expanded="false">'
        f"{svg('bars')}{svg('close')}Menu</button>"
        f'<div class="menu-chinh-container"><ul id="top-menu" class="menu">{"".join(items)}</ul></div>'
        "</nav><!-- #site-navigation --></div><!-- .wrap --></div><!-- .navigation-top -->"
    )


def _branding(base: str, front: bool) -> str:
    """``components/header/site-branding.php``: the site title is the ``h1`` on the front page only."""
    title_tag = "h1" if front else "p"
    return (
        '<div class="custom-header"><div class="custom-header-media"></div>'
        '<div class="site-branding"><div class="wrap"><div class="site-branding-text">'
        f'<{title_tag} class="site-title"><a href="{base}/" rel="home">{esc(SITE_NAME)}</a></{title_tag}>'
        f'<p class="site-description">{BANNER}</p></div></div></div></div>'
    )


@cache
def _sidebar(base: str) -> str:
    """``sidebar.php``: search, categories, the contact table (a custom HTML widget), meta."""
    cats = "".join(
        f'<li class="cat-item cat-item-{category_id(c.slug)}"><a href="{base}{wp.category_path(c.slug)}">'
        f"{esc(c.name)}</a></li>"
        for c in corpus().categories
    )
    return (
        '<aside id="secondary" class="widget-area" aria-label="Thanh bên blog">'
        '<section id="search-2" class="widget widget_search">'
        f'<form role="search" method="get" class="search-form" action="{base}/">'
        '<label for="search-form-1"><span class="screen-reader-text">Tìm kiếm cho:</span></label>'
        '<input type="search" id="search-form-1" class="search-field" placeholder="Tìm kiếm &hellip;" '
        'value="" name="s" /><button type="submit" class="search-submit">'
        f'{svg("search")}<span class="screen-reader-text">Tìm kiếm</span></button></form></section>'
        '<section id="categories-2" class="widget widget_categories"><h2 class="widget-title">Chuyên mục</h2>'
        f'<nav aria-label="Chuyên mục"><ul>{cats}</ul></nav></section>'
        '<section id="custom_html-2" class="widget_text widget widget_custom_html">'
        f'<h2 class="widget-title">{CONTACT_HEADING}</h2>'
        f'<div class="textwidget custom-html-widget">{contact_table()}{CONTACT_STYLE}</div></section>'
        '<section id="meta-2" class="widget widget_meta"><h2 class="widget-title">Meta</h2>'
        f'<nav aria-label="Meta"><ul><li><a href="{base}{wp.LOGIN_PATH}">Đăng nhập</a></li>'
        f'<li><a href="{base}{wp.FEED_PATH}">RSS bài viết</a></li>'
        '<li><a href="https://wordpress.org/">WordPress.org</a></li></ul></nav></section>'
        "</aside><!-- #secondary -->"
    )


def _footer(base: str) -> str:
    """``footer.php``: the footer widget (the department's facts) and ``components/footer/site-info.php``."""
    lines = "<br />\n".join(esc(line) for line in FOOTER_LINES)
    return (
        '</div><!-- #content -->\n<footer id="colophon" class="site-footer"><div class="wrap">'
        '<aside class="widget-area" aria-label="Chân trang"><div class="widget-column footer-widget-1">'
        f'<section id="text-2" class="widget widget_text"><div class="textwidget"><p>{lines}</p>'
        f"<p>{esc(COPYRIGHT)}</p></div></section></div></aside>"
        '<div class="site-info"><a href="https://wordpress.org/" class="imprint">Tự hào sử dụng WordPress</a>'
        "</div><!-- .site-info --></div><!-- .wrap --></footer><!-- #colophon -->\n"
        "</div><!-- .site-content-contain --></div><!-- #page -->\n"
        f'<script src="{base}/wp-content/themes/{wp.THEME}/assets/js/global.js?ver={wp.THEME_VERSION}" '
        'id="twentyseventeen-global-js"></script>\n</body>\n</html>\n'
    )


def _page(title: str, base: str, head_extra: str, body_class: str, main: str, front: bool = False) -> str:
    return (
        _head(title, base, head_extra) + f'<body class="{body_class}">\n<div id="page" class="site">\n'
        '<a class="skip-link screen-reader-text" href="#content">Chuyển đến nội dung</a>\n'
        f'<header id="masthead" class="site-header">{_branding(base, front)}{_menu(base)}'
        "</header><!-- #masthead -->\n"
        '<div class="site-content-contain"><div id="content" class="site-content">'
        f'<div class="wrap">{main}{_sidebar(base)}</div><!-- .wrap -->' + _footer(base)
    )


def _time_link(article: Article, base: str) -> str:
    """``twentyseventeen_time_link()``: published (and updated when it differs), linked to the post."""
    published = f'datetime="{wp.w3c(article.published_at)}">{wp.display_date(article.published_at)}</time>'
    if article.updated_at and article.updated_at != article.published_at:
        times = (
            f'<time class="entry-date published" {published}<time class="updated" '
            f'datetime="{wp.w3c(article.updated_at)}">{wp.display_date(article.updated_at)}</time>'
        )
    else:
        times = f'<time class="entry-date published updated" {published}'
    return (
        '<span class="screen-reader-text">Đăng vào</span> '
        f'<a href="{base}{article.path}" rel="bookmark">{times}</a>'
    )


def _file_block(article: Article, base: str) -> str:
    """The block editor's saved ``core/file`` block (a PDF also embedded, its default)."""
    attachment = article.attachment
    if attachment is None:
        return ""
    href = esc(base + attachment.path)
    anchor = f"wp-block-file--media-{article.uid}"
    embed = ""
    if attachment.name.lower().endswith(".pdf"):
        embed = (
            f'<object data="{href}" type="application/pdf" style="width:100%;height:600px" '
            f'aria-label="Nhúng của {esc(attachment.name)}." class="wp-block-file__embed"></object>'
        )
    return (
        f'\n<div class="wp-block-file">{embed}<a id="{anchor}" href="{href}">{esc(attachment.name)}</a>'
        f'<a href="{href}" class="wp-block-file__button wp-element-button" download '
        f'aria-describedby="{anchor}">{DOWNLOAD}</a></div>\n'
    )


def _figure(article: Article, base: str) -> str | None:
    if article.image is None:
        return None
    return (
        '<figure class="wp-block-image size-large"><img decoding="async" '
        f'src="{esc(base + article.image.src)}" alt="" class="wp-image-{article.nid + 1}"/>'
        f'<figcaption class="wp-element-caption">{esc(article.image.caption)}</figcaption></figure>'
    )


def _views(article: Article) -> str:
    """The Post Views Counter plugin's line, appended to the content."""
    count = f"{article.views:,}".replace(",", ".")
    return (
        f'<div class="post-views content-post post-{article.nid} entry-meta">'
        '<span class="post-views-icon dashicons dashicons-chart-bar"></span> '
        f'<span class="post-views-label">Lượt xem:</span> <span class="post-views-count">{count}</span></div>'
    )


def content(article: Article, base: str, views: bool = True) -> str:
    """``the_content()`` of the post (lead, ``<!--more-->``, body, byline, file block)."""
    body = f"\n<p><strong>{esc(lead_line(article))}</strong></p>\n\n"
    body += f'<span id="more-{article.nid}"></span>\n\n'
    body += paragraphs_html(article.paragraphs, _figure(article, base), spacer="\n")
    signed = byline(article)
    if signed:
        body += f'\n<p class="has-text-align-right"><strong>{esc(signed)}</strong></p>\n'
    body += _file_block(article, base)
    return body + (_views(article) if views else "")


def excerpt(article: Article) -> str:
    """``the_excerpt_rss()``: the first 55 words of the content's text, ``[&#8230;]`` when cut."""
    text = " ".join([lead_line(article), *article.paragraphs])
    words = text.split()
    return text if len(words) <= EXCERPT_WORDS else " ".join(words[:EXCERPT_WORDS]) + " [&#8230;]"


def _category_links(category: Category, base: str) -> str:
    return f'<a href="{base}{wp.category_path(category.slug)}" rel="category tag">{esc(category.name)}</a>'


def _entry_footer(article: Article, base: str) -> str:
    """``twentyseventeen_entry_footer()``."""
    tags = ""
    if article.tags:
        links = ", ".join(f'<a href="{base}{wp.tag_path(t)}" rel="tag">{esc(t)}</a>' for t in article.tags)
        label = '<span class="screen-reader-text">Thẻ</span>'
        tags = f'<span class="tags-links">{svg("hashtag")}{label}{links}</span>'
    return (
        '<footer class="entry-footer"><span class="cat-tags-links">'
        f'<span class="cat-links">{svg("folder-open")}<span class="screen-reader-text">Chuyên mục</span>'
        f"{_category_links(article.category, base)}</span>{tags}</span></footer> <!-- .entry-footer -->"
    )


def article_page(article: Article, previous: Article | None, base: str) -> str:
    """``single.php``: the post, then ``the_post_navigation()`` (the previous post of its category)."""
    permalink = base + article.path
    head = (
        f'<link rel="alternate" type="application/json" href="{base}/wp-json/wp/v2/posts/{article.nid}" />'
        f'<link rel="canonical" href="{esc(permalink)}" />\n'
        f"<link rel='shortlink' href='{base}/?p={article.nid}' />\n"
    )
    entry_meta = (
        f'<div class="entry-meta"><span class="posted-on">{_time_link(article, base)}</span></div>'
        "<!-- .entry-meta -->"
    )
    navigation = ""
    if previous is not None:
        navigation = (
            '<nav class="navigation post-navigation" aria-label="Bài viết">'
            '<h2 class="screen-reader-text">Điều hướng bài viết</h2><div class="nav-links">'
            f'<div class="nav-previous"><a href="{esc(base + previous.path)}" rel="prev">'
            '<span class="screen-reader-text">Bài trước</span><span aria-hidden="true" class="nav-subtitle">'
            f'Trước</span> <span class="nav-title"><span class="nav-title-icon-wrapper">{svg("arrow-left")}'
            f"</span>{esc(previous.title)}</span></a></div></div></nav>"
        )
    main = (
        '<div id="primary" class="content-area"><main id="main" class="site-main">\n'
        f'<article id="post-{article.nid}" class="{post_classes(article)}">\n'
        f'\t<header class="entry-header">{entry_meta}'
        f'<h1 class="entry-title">{esc(article.title)}</h1>\t</header><!-- .entry-header -->\n'
        f'\t<div class="entry-content">{content(article, base)}\t</div><!-- .entry-content -->\n'
        f"{_entry_footer(article, base)}\n</article><!-- #post-{article.nid} -->\n"
        f"{navigation}</main><!-- #main --></div><!-- #primary -->"
    )
    body_class = (
        f"post-template-default single single-post postid-{article.nid} single-format-standard "
        "wp-embed-responsive has-sidebar colors-light"
    )
    return _page(f"{article.title} {DASH} {SITE_NAME}", base, head, body_class, main)


def _teaser(article: Article, base: str) -> str:
    """``template-parts/post/content.php`` outside a single post: the content up to ``<!--more-->``."""
    more = (
        f'<p><a href="{esc(base + article.path)}#more-{article.nid}" class="more-link">{MORE}'
        f'<span class="screen-reader-text"> "{esc(article.title)}"</span></a></p>'
    )
    return (
        f'<article id="post-{article.nid}" class="{post_classes(article)}">\n'
        f'\t<header class="entry-header"><div class="entry-meta">{_time_link(article, base)}</div>'
        f'<!-- .entry-meta --><h2 class="entry-title"><a href="{esc(base + article.path)}" rel="bookmark">'
        f"{esc(article.title)}</a></h2>\t</header><!-- .entry-header -->\n"
        f'\t<div class="entry-content"><p><strong>{esc(lead_line(article))}</strong></p>\n{more}\n'
        f"\t</div><!-- .entry-content -->\n</article><!-- #post-{article.nid} -->\n"
    )


def _pagination(base: str, path: str, page: int, pages: int) -> str:
    """``the_posts_pagination()`` as Twenty Seventeen calls it (``paginate_links``: mid and end size 1)."""
    if pages <= 1:
        return ""

    def href(n: int) -> str:
        return esc(base + wp.page_path(path, n))

    label = '<span class="meta-nav screen-reader-text">Trang </span>'
    items = []
    if page > 0:
        items.append(
            f'<a class="prev page-numbers" href="{href(page - 1)}">{svg("arrow-left")}'
            '<span class="screen-reader-text">Trang trước</span></a>'
        )
    dots = False
    for n in range(pages):
        if n == page:
            items.append(f'<span aria-current="page" class="page-numbers current">{label}{n + 1}</span>')
            dots = True
        elif n == 0 or n == pages - 1 or abs(n - page) <= 1:
            items.append(f'<a class="page-numbers" href="{href(n)}">{label}{n + 1}</a>')
            dots = True
        elif dots:
            items.append('<span class="page-numbers dots">&hellip;</span>')
            dots = False
    if page + 1 < pages:
        items.append(
            f'<a class="next page-numbers" href="{href(page + 1)}"><span class="screen-reader-text">Trang sau'
            f"</span>{svg('arrow-right')}</a>"
        )
    return (
        '<nav class="navigation pagination" aria-label="Phân trang bài viết">\n'
        '\t\t<h2 class="screen-reader-text">Phân trang bài viết</h2>\n'
        f'\t\t<div class="nav-links">{"".join(items)}</div>\n\t</nav>'
    )


def archive_page(
    heading: str | None,
    articles: Sequence[Article],
    page: int,
    pages: int,
    path: str,
    base: str,
    body_class: str,
) -> str:
    """``index.php`` (``heading`` None: the front page, newest posts) or ``archive.php`` (a category or
    tag: ``heading`` is ``Chuyên mục: …``), page ``page`` (0-based) of ``pages``."""
    front = heading is None
    header = (
        '<header class="page-header"><h2 class="page-title">Bài viết</h2></header>'
        if front
        else f'<header class="page-header"><h1 class="page-title">{esc(heading or "")}</h1></header>'
    )
    posts = "".join(_teaser(a, base) for a in articles) or (
        '<section class="no-results not-found"><header class="page-header"><h1 class="page-title">'
        "Không tìm thấy</h1></header></section>"
    )
    main = (
        f'{header}<div id="primary" class="content-area"><main id="main" class="site-main">\n{posts}'
        f"{_pagination(base, path, page, pages)}</main><!-- #main --></div><!-- #primary -->"
    )
    classes = body_class
    if page > 0:
        classes = f"{classes} paged paged-{page + 1}"
    classes += " wp-embed-responsive hfeed has-sidebar colors-light"
    name = SITE_NAME if front else f"{heading} {DASH} {SITE_NAME}"
    title = name if page == 0 else f"{name} {DASH} Trang {page + 1}"
    head = f'<link rel="canonical" href="{esc(base + wp.page_path(path, page))}" />\n' if not front else ""
    if front and page == 0:
        title = f"{SITE_NAME} {DASH} {DESCRIPTION}"
    return _page(title, base, head, classes, main, front=front and page == 0)


def message_page(title: str, text: str, base: str) -> str:
    """``404.php``: the theme's not-found page (also for a post taken down)."""
    main = (
        '<div id="primary" class="content-area"><main id="main" class="site-main">'
        '<section class="error-404 not-found"><header class="page-header">'
        f'<h1 class="page-title">{esc(title)}</h1></header>'
        f'<div class="page-content"><p>{esc(text)}</p></div></section>'
        "</main><!-- #main --></div><!-- #primary -->"
    )
    body_class = "error404 wp-embed-responsive hfeed has-sidebar colors-light"
    return _page(f"{title} {DASH} {SITE_NAME}", base, "", body_class, main)


def login_page(base: str) -> str:
    """``wp-login.php``: the login form (robots-disallowed, linked from the meta widget)."""
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta http-equiv="Content-Type" content="text/html; '
        'charset=UTF-8" />\n<title>Đăng nhập &lsaquo; '
        f"{esc(SITE_NAME)} &#8212; WordPress</title>\n<meta name='robots' content='noindex, noarchive' />\n"
        f"<link rel='stylesheet' id='login-css' href='{base}/wp-admin/css/login.min.css?ver={wp.VERSION}' "
        "media='all' />\n</head>\n"
        '<body class="login no-js login-action-login wp-core-ui locale-vi">\n<div id="login">\n'
        f'<h1><a href="https://wordpress.org/">Được vận hành bởi WordPress</a></h1>\n'
        f'<form name="loginform" id="loginform" action="{base}{wp.LOGIN_PATH}" method="post">\n'
        '<p><label for="user_login">Tên người dùng hoặc Địa chỉ Email</label>\n'
        '<input type="text" name="log" id="user_login" class="input" value="" size="20" /></p>\n'
        '<p><label for="user_pass">Mật khẩu</label>\n'
        '<input type="password" name="pwd" id="user_pass" class="input password-input" value="" size="20" />'
        '</p>\n<p class="submit"><input type="submit" name="wp-submit" id="wp-submit" '
        'class="button button-primary button-large" value="Đăng nhập" /></p>\n</form>\n'
        f'<p id="backtoblog"><a href="{base}/">&larr; Đi đến {esc(SITE_NAME)}</a></p>\n'
        "</div>\n</body>\n</html>\n"
    )
