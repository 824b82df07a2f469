"""An article page in a redesign that no profile knows (``redesign2026``): how a layout change looks.

Semantic HTML with new class names: a crawler must fall back to generic extraction, and its
monitors must notice.
"""

from __future__ import annotations

from mirror.content import byline
from mirror.model import Article
from mirror.page_parts import COPYRIGHT, SITE_NAME, esc, footer_html
from mirror.vntext import day_time


def article_page(article: Article, base_url: str) -> str:
    paragraphs = "".join(f"<p>{esc(p)}</p>" for p in (article.lead, *article.paragraphs))
    signed = byline(article)
    author = f'<p class="news-author">{esc(signed)}</p>' if signed else ""
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f'<link rel="canonical" href="{esc(base_url + article.path)}">'
        f"<title>{esc(article.title)} - {SITE_NAME}</title></head><body>"
        '<div id="top-bar"><a href="/">Trang chủ</a></div>'
        f'<main id="content"><article class="news-detail"><h1 class="news-title">{esc(article.title)}</h1>'
        f'<div class="news-meta"><span class="news-category">{esc(article.category.name)}</span>'
        f'<time datetime="{article.published_at.isoformat()}">{day_time(article.published_at)}</time></div>'
        f'<div class="news-content">{paragraphs}</div>{author}</article></main>'
        f'<div class="site-footer">{footer_html()}<p>{COPYRIGHT}</p></div></body></html>'
    )
