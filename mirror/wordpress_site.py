"""The ``wordpress`` layout: the same articles served as a WordPress site (``Site(layout="wordpress")``).

Addresses (``mirror/wordpress.py``): permalinks ``/YYYY/MM/DD/<slug>/``; ``/?p=N`` (the shortlink, N the
post id, the truth's ``nid``) answers 301 to the permalink, and so does the permalink without its slash;
``/category/<slug>/`` and ``/tag/<slug>/`` with ``page/N/``; the front page ``/`` with ``/page/N/`` (10
posts a page); ``/feed/``; ``/wp-sitemap.xml`` → ``/wp-sitemap-posts-post-N.xml`` (``/sitemap.xml``
answers 301 to the index); files under ``/wp-content/uploads/YYYY/MM/``; ``/wp-login.php`` is the
robots-disallowed trap. Markup: ``mirror/render_wordpress.py``. Mutations are the :class:`Site`'s.
"""

from __future__ import annotations

from datetime import datetime
from math import ceil
from typing import Any

from mirror import render_wordpress as render
from mirror import wordpress as wp
from mirror.corpus import corpus
from mirror.dialects import DEFAULT as DEFAULT_DIALECT
from mirror.model import Article, Layout, SiteLayout
from mirror.page_parts import SITE_NAME
from mirror.resources import TEXT, Resource, html, redirect
from mirror.site import EPOCH, Listing, Site

DIALECT = "wordpress-twentyseventeen"
XML = "application/xml; charset=UTF-8"
RSS = "application/rss+xml; charset=UTF-8"


class WordPressSite(Site):
    """Every page of the ``wordpress`` layout; built by ``Site(layout="wordpress")``."""

    def __init__(
        self,
        seed: int = 0,
        articles: int = 300,
        layout: SiteLayout = "wordpress",
        base_url: str = "http://127.0.0.1:8000",
        dialect: str = DEFAULT_DIALECT,
        endless_archive: bool = False,
    ) -> None:
        if layout != "wordpress":
            raise ValueError(f"WordPressSite serves the wordpress layout, not {layout!r}")
        if (dialect.strip() or DEFAULT_DIALECT) != DEFAULT_DIALECT:
            raise ValueError(f"the wordpress layout has no markup dialects, not {dialect!r}")
        if endless_archive:
            raise ValueError("the wordpress layout has no endless archive")
        self._front_pages = 0
        self._sitemap_pages = 0
        super().__init__(seed, articles, layout, base_url, dialect, endless_archive)

    # ---- what exists -------------------------------------------------------------------
    @property
    def has_drupal(self) -> bool:
        return False

    @property
    def has_wps(self) -> bool:
        return False

    @property
    def home_path(self) -> str:
        return "/"

    def _listings(self) -> list[Listing]:
        listings = [Listing(wp.category_path(c.slug), c.name, False, category=c) for c in corpus().categories]
        return listings + [Listing(wp.tag_path(t), t, False, tag=t) for t in corpus().tags]

    def alt_href(self, article: Article) -> str:
        return article.path

    def dialect_of(self, article: Article) -> str | None:
        return DIALECT

    def served_paths(self, article: Article) -> list[str]:
        return [article.path]

    # ---- lookup ------------------------------------------------------------------------
    def resolve(self, raw_path: str, query: str) -> Resource:
        if query and raw_path in ("/", "/index.php") and not self.disallowed(f"{raw_path}?{query}"):
            for part in query.split("&"):
                name, _, value = part.partition("=")
                if name == "p" and value.isdigit():
                    key = wp.shortlink_key(int(value))
                    return self.routes.get(key) or self._message(404, key)
        return super().resolve(raw_path, query)

    def _message(self, status: int, path: str) -> Resource:
        titles = {404: "Không tìm thấy trang", 410: "Trang đã bị gỡ bỏ"}
        text = "Trang bạn yêu cầu không tồn tại hoặc đã được gỡ bỏ."
        page = render.message_page(titles[status], text, self.base_url)
        return html(status, "gone" if status == 410 else "missing", page, EPOCH)

    def _trap(self, path: str) -> Resource:
        return html(200, "trap", render.login_page(self.base_url), EPOCH)

    # ---- rendering ---------------------------------------------------------------------
    def _render_all(self) -> None:
        robots = wp.robots_txt(self.base_url).encode()
        self._install("/robots.txt", Resource(200, "robots", robots, TEXT, EPOCH))
        self._install("/sitemap.xml", redirect(301, self.base_url + wp.SITEMAP_INDEX, EPOCH))
        for article in self.articles:
            self._install_files(article)
        categories = {c.slug for c in corpus().categories}
        self._refresh(self.articles, categories, set(corpus().tags))

    def _previous(self, a: Article) -> Article | None:
        """The newest older post of its category (``the_post_navigation``'s previous link)."""
        related = (self.articles[i] for i in self._related.get(a.index, ()))
        older = [r for r in related if r.order_key < a.order_key]
        return max(older, key=lambda r: r.order_key, default=None)

    def _render_article(self, a: Article) -> None:
        for key in self._article_keys.pop(a.index, []):
            self.routes.pop(key, None)
        if not a.live:
            return
        page = render.article_page(a, self._previous(a), self.base_url)
        self._install(a.path, html(200, "page", page, a.modified_at))
        moved = redirect(301, self.base_url + a.path, a.modified_at)
        keys = [a.path, wp.shortlink_key(a.nid)]
        self._install(keys[1], moved)
        if a.path.endswith("/") and len(a.path) > 1:
            keys.append(a.path.rstrip("/"))
            self._install(keys[2], moved)
        self._article_keys[a.index] = keys

    def _render_pages(self, path: str, heading: str | None, body_class: str, members: list[Article]) -> int:
        """Install every page of the archive at ``path``; returns how many there are."""
        size = wp.POSTS_PER_PAGE
        pages = max(1, ceil(len(members) / size))
        for page in range(pages):
            shown = members[page * size : (page + 1) * size]
            text = render.archive_page(heading, shown, page, pages, path, self.base_url, body_class)
            modified = max((a.modified_at for a in shown), default=EPOCH)
            self._install(wp.page_path(path, page), html(200, "page", text, modified))
        return pages

    def _render_listing(self, listing: Listing, members: list[Article]) -> None:
        if listing.category is not None:
            term = render.category_id(listing.category.slug)
            heading = f"Chuyên mục: {listing.title}"
            body_class = f"archive category category-{listing.category.slug} category-{term}"
        else:
            assert listing.tag is not None
            term = render.tag_id(listing.tag)
            heading = f"Thẻ: {listing.title}"
            body_class = f"archive tag tag-{wp.tag_slug(listing.tag)} tag-{term}"
        pages = self._render_pages(listing.path, heading, body_class, members)
        for stale in range(pages, self._listing_pages.get(listing.path, 0)):
            self.routes.pop(wp.page_path(listing.path, stale), None)
        self._listing_pages[listing.path] = pages

    def _render_front(self, live: list[Article]) -> None:
        """The front page (newest posts, paged), ``/feed/`` and the sitemaps."""
        base = self.base_url
        modified = max((a.modified_at for a in live), default=EPOCH)
        pages = self._render_pages("/", None, "home blog", live)
        for stale in range(pages, self._front_pages):
            self.routes.pop(wp.page_path("/", stale), None)
        self._front_pages = pages
        shown = live[: wp.POSTS_PER_RSS]
        items = [
            wp.rss_item(
                a.title,
                base + a.path,
                a.nid,
                base,
                a.published_at,
                [a.category.name, *a.tags],
                render.excerpt(a),
                render.content(a, base, views=False),
            )
            for a in shown
        ]
        built = max((a.modified_at for a in shown), default=EPOCH)
        feed = wp.rss_feed(SITE_NAME, base, render.DESCRIPTION, items, built).encode()
        self._install(wp.FEED_PATH, Resource(200, "feed", feed, RSS, modified))
        self._render_sitemaps(live, modified)

    def _render_sitemaps(self, live: list[Article], modified: datetime) -> None:
        base = self.base_url
        by_id = sorted(live, key=lambda a: a.nid)
        size = wp.SITEMAP_MAX_URLS
        pages = max(1, ceil(len(by_id) / size))
        for page in range(pages):
            shown = by_id[page * size : (page + 1) * size]
            entries: list[tuple[str, str | None]] = [(base + a.path, wp.w3c(a.modified_at)) for a in shown]
            text = wp.sitemap_urlset(base, entries).encode()
            last = max((a.modified_at for a in shown), default=EPOCH)
            self._install(wp.sitemap_posts_path(page + 1), Resource(200, "feed", text, XML, last))
        for stale in range(pages, self._sitemap_pages):
            self.routes.pop(wp.sitemap_posts_path(stale + 1), None)
        self._sitemap_pages = pages
        home = wp.sitemap_urlset(base, [(base + "/", wp.w3c(modified))]).encode()
        self._install("/wp-sitemap-posts-page-1.xml", Resource(200, "feed", home, XML, modified))
        used = {a.category.slug for a in live}
        categories = [(base + wp.category_path(c.slug), None) for c in corpus().categories if c.slug in used]
        text = wp.sitemap_urlset(base, categories).encode()
        self._install("/wp-sitemap-taxonomies-category-1.xml", Resource(200, "feed", text, XML, modified))
        tagged = {t for a in live for t in a.tags}
        tags = [(base + wp.tag_path(t), None) for t in corpus().tags if t in tagged]
        text = wp.sitemap_urlset(base, tags).encode()
        self._install("/wp-sitemap-taxonomies-post_tag-1.xml", Resource(200, "feed", text, XML, modified))
        index = [wp.sitemap_posts_path(n + 1) for n in range(pages)]
        index += [
            "/wp-sitemap-posts-page-1.xml",
            "/wp-sitemap-taxonomies-category-1.xml",
            "/wp-sitemap-taxonomies-post_tag-1.xml",
        ]
        text = wp.sitemap_index(base, index).encode()
        self._install(wp.SITEMAP_INDEX, Resource(200, "feed", text, XML, modified))

    # ---- mutations ---------------------------------------------------------------------
    def add(
        self,
        count: int = 1,
        category: str | None = None,
        layout: Layout | None = None,
        published_at: datetime | None = None,
    ) -> list[Article]:
        return super().add(count, category, layout or "wordpress", published_at)

    @staticmethod
    def _check_layout(layout: str) -> None:
        if layout != "wordpress":
            raise ValueError(f"a wordpress site's pages are all in the wordpress layout, not {layout!r}")

    def _next_path(self, a: Article) -> str:
        n = len(a.old_paths) + 1
        while True:
            candidate = wp.permalink(a.published_at, f"{a.slug}-{n}")
            if candidate not in self.routes:
                return candidate
            n += 1

    # ---- ground truth ------------------------------------------------------------------
    def truth(self, index: int) -> dict[str, Any]:
        record = super().truth(index)
        record["shortlink"] = self.base_url + wp.shortlink_key(self.article(index).nid)
        return record

    def info(self) -> dict[str, Any]:
        base = self.base_url
        return {
            **super().info(),
            "page_size": wp.POSTS_PER_PAGE,
            "rss": base + wp.FEED_PATH,
            "sitemap": base + wp.SITEMAP_INDEX,
            "traps": [base + wp.LOGIN_PATH],
        }
