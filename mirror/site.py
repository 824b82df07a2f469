"""The mirrored site: its articles, every page rendered once into a route table, and mutations.

Pages are rendered when the site is built; a mutation re-renders only what it touches (the
article, the neighbours whose related-news box shows it, the listings, homes and feeds that
list it). Lookups are one dict access.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from math import ceil
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from mirror import addresses, feeds, render_drupal, render_redesign, render_wps
from mirror.content import TZ, ArticleFactory, generate_articles, next_publication_time
from mirror.corpus import category as category_by_slug
from mirror.corpus import corpus
from mirror.dialects import DEFAULT as DEFAULT_DIALECT
from mirror.dialects import DialectPlan
from mirror.files import attachment_file, png_picture
from mirror.model import PAGE_LAYOUTS, SITE_LAYOUTS, Article, Category, Layout, SiteLayout
from mirror.page_parts import RelatedLink, Teaser
from mirror.resources import TEXT, Resource, html, redirect
from mirror.truth import article_truth

if TYPE_CHECKING:
    from mirror.successor import Successor

PAGE_SIZE = 20
RELATED = 5
HOME_LATEST = 10
HOME_PER_CATEGORY = 3
RSS_ITEMS = 20
EPOCH = datetime(2018, 1, 1, tzinfo=TZ)
MIN_ARTICLES, MAX_ARTICLES = 1, 50_000


@dataclass(frozen=True)
class Listing:
    """A paged list of teasers: a category (either layout), a Drupal tag, or the endless archive
    (every article, newest first; every page links a next one, past the last too)."""

    path: str
    title: str
    wps: bool
    category: Category | None = None
    tag: str | None = None
    archive: bool = False


def file_key(path: str) -> str:
    """Route key of a file address: decoded, without its query."""
    return unquote(path.split("?", 1)[0])


def now() -> datetime:
    return datetime.now(TZ).replace(microsecond=0)


class Site:
    """All pages of one mirror, addressed by path (and ``?page=``/``?trang=`` for listings)."""

    def __new__(cls, *args: Any, **kwargs: Any) -> Site:
        """``Site(layout="wordpress")`` is a :class:`mirror.wordpress_site.WordPressSite`."""
        if cls is Site and kwargs.get("layout", args[2] if len(args) > 2 else None) == "wordpress":
            from mirror.wordpress_site import WordPressSite

            cls = WordPressSite
        return super().__new__(cls)

    def __init__(
        self,
        seed: int = 0,
        articles: int = 300,
        layout: SiteLayout = "drupal_gavias",
        base_url: str = "http://127.0.0.1:8000",
        dialect: str = DEFAULT_DIALECT,
        endless_archive: bool = False,
    ) -> None:
        if layout not in SITE_LAYOUTS:
            raise ValueError(f"layout must be one of {SITE_LAYOUTS}, not {layout!r}")
        if not MIN_ARTICLES <= articles <= MAX_ARTICLES:
            raise ValueError(f"articles must be within {MIN_ARTICLES}..{MAX_ARTICLES}")
        self.seed = seed
        self.layout: SiteLayout = layout
        # Which markup dialect renders each page (mirror/dialects.py); the default is docs/layouts.md.
        # The endless archive (classic dialects only) adds a listing that never ends, in every menu.
        self.endless_archive = endless_archive
        self.dialects = DialectPlan(dialect, layout, archive=endless_archive)
        self.base_url = base_url.rstrip("/")
        self.factory: ArticleFactory
        self.factory, self.articles = generate_articles(seed, articles, layout)
        self.routes: dict[str, Resource] = {}
        self._unwritten: dict[str, Article] = {}  # attached files not written yet, by route key
        self._writing = threading.Lock()
        self._writer: threading.Thread | None = None
        self.robots = feeds.robots_matcher(layout)
        self._article_keys: dict[int, list[str]] = {}
        self._related: dict[int, tuple[int, ...]] = {}
        self._listing_pages: dict[str, int] = {}
        self.listings = self._listings()
        # The endless archives (none unless ``endless_archive``), by path.
        self.archives = {listing.path: listing for listing in self.listings if listing.archive}
        self.successor: Successor | None = None  # the 2025 successor host (mirror/successor.py)
        self._render_all()

    # ---- what exists -------------------------------------------------------------------
    @property
    def has_drupal(self) -> bool:
        return self.layout != "wps2018"

    @property
    def has_wps(self) -> bool:
        return self.layout != "drupal_gavias"

    @property
    def home_path(self) -> str:
        return "/" if self.has_drupal else addresses.WPS_HOME

    def _listings(self) -> list[Listing]:
        listings = []
        for cat in corpus().categories:
            if self.has_drupal:
                listings.append(
                    Listing(addresses.drupal_listing_path(cat.slug), cat.name, False, category=cat)
                )
            if self.has_wps:
                listings.append(Listing(addresses.wps_listing_path(cat.slug), cat.name, True, category=cat))
        if self.has_drupal:
            listings += [Listing(render_drupal.tag_path(t), t, False, tag=t) for t in corpus().tags]
        if self.endless_archive and self.has_drupal:
            drupal = Listing(render_drupal.ARCHIVE_PATH, render_drupal.ARCHIVE_TITLE, False, archive=True)
            listings.append(drupal)
        if self.endless_archive and self.has_wps:
            listings.append(Listing(render_wps.ARCHIVE_PATH, render_wps.ARCHIVE_TITLE, True, archive=True))
        return listings

    def _in_listing(self, listing: Listing, article: Article) -> bool:
        if not article.live:
            return False
        if listing.wps and self.layout != "wps2018" and not addresses.is_wps(article.path):
            return False
        if listing.archive:
            return True
        if listing.category:
            return article.category == listing.category
        return listing.tag in article.tags

    def live(self) -> list[Article]:
        """Live articles, newest first."""
        return sorted((a for a in self.articles if a.live), key=lambda a: a.order_key, reverse=True)

    def alt_href(self, article: Article) -> str:
        """The article's second address: portal state variant (WPS) or shortlink (Drupal)."""
        if addresses.is_wps(article.path):
            return addresses.with_portal_state(article.path)
        if article.layout == "drupal_gavias":
            return addresses.node_path(article.nid)
        return article.path

    @staticmethod
    def page_id(article: Article) -> str:
        """What ``--dialect per-page`` hashes for an article page: its uuid (kept when it moves)."""
        return f"article:{article.uid}"

    def dialect_of(self, article: Article) -> str | None:
        """The markup dialect of the article's page (None for the ``redesign2026`` layout)."""
        if article.layout == "redesign2026":
            return None
        platform = "wps" if article.layout == "wps2018" else "drupal"
        return self.dialects.name(platform, self.page_id(article))

    def served_paths(self, article: Article) -> list[str]:
        """Paths answering 200 with the article (WPS state variants resolve to the first)."""
        paths = [article.path]
        if article.layout == "drupal_gavias":
            paths.append(addresses.node_path(article.nid))
        return paths

    # ---- lookup ------------------------------------------------------------------------
    def disallowed(self, target: str) -> bool:
        """True when robots.txt forbids ``target`` (path and query)."""
        return self.robots.match(target) is not None

    def resolve(self, raw_path: str, query: str) -> Resource:
        """The response for a request path and query string."""
        target = f"{raw_path}?{query}" if query else raw_path
        if self.disallowed(target):
            return self._trap(raw_path)
        path = unquote(raw_path)
        if ";" in path:
            path = path.split(";", 1)[0]
        if addresses.is_wps(path):
            path = addresses.strip_portal_state(path)
        key = path
        if query:
            for part in query.split("&"):
                name, _, value = part.partition("=")
                if name == "page" and value.isdigit() and addresses.is_wps(path):
                    # WCM [PageNavigation] links: ?1dmy&page=N&urile=... (1-based, as ?trang=N)
                    if int(value) > 1:
                        key = f"{path}?trang={int(value)}"
                elif name == "page" and value.isdigit() and int(value) > 0:
                    key = f"{path}?page={int(value)}"
                elif name == "trang" and value.isdigit() and int(value) > 1:
                    key = f"{path}?trang={int(value)}"
        found = self.routes.get(key) or self.resource(key)
        if found is None and path in self.archives:
            return self._past_the_archive(self.archives[path], key)
        return found if found is not None else self._message(404, path)

    def _past_the_archive(self, listing: Listing, key: str) -> Resource:
        """A page of the endless archive past its last: no teaser, ``ARCHIVE_EMPTY``, a next link.
        Rendered when asked (there is no end to them); it shows no article, so it never changes."""
        head, _, number = key.partition("?")
        name, _, value = number.partition("=")
        if name != ("trang" if listing.wps else "page"):
            return self._message(404, head)  # the other platform's pager parameter
        page = int(value) - 1 if listing.wps else int(value)
        real = self._listing_pages.get(listing.path, 1)
        if listing.wps:
            text = render_wps.archive_page([], page, real, self.base_url)
        else:
            text = render_drupal.archive_page([], page, real, self.layout == "mixed")
        return html(200, "page", text, EPOCH)

    def _frame_wps(self, path: str) -> bool:
        return addresses.is_wps(path) or not self.has_drupal

    def _message(self, status: int, path: str) -> Resource:
        titles = {404: "Không tìm thấy trang", 410: "Trang đã bị gỡ bỏ"}
        text = "Trang bạn yêu cầu không tồn tại hoặc đã được gỡ bỏ."
        page_id = f"message:{path}"
        if self._frame_wps(path):
            page = self.dialects.wps(page_id).message_page(titles[status], text, self.base_url)
        else:
            page = self.dialects.drupal(page_id).message_page(titles[status], text, self.layout == "mixed")
        return html(status, "gone" if status == 410 else "missing", page, EPOCH)

    def _trap(self, path: str) -> Resource:
        title, text = "Đăng nhập", "Vui lòng đăng nhập để tiếp tục."
        page_id = f"message:{path}"
        if self._frame_wps(path):
            page = self.dialects.wps(page_id).message_page(title, text, self.base_url)
        else:
            page = self.dialects.drupal(page_id).message_page(title, text, self.layout == "mixed")
        return html(200, "trap", page, EPOCH)

    # ---- rendering ---------------------------------------------------------------------
    def _install(self, key: str, resource: Resource) -> None:
        """Put ``resource`` at ``key``; a changed page never goes back in time."""
        old = self.routes.get(key)
        if old is not None and old.etag != resource.etag and resource.last_modified <= old.last_modified:
            resource = resource.modified(max(now(), old.last_modified + timedelta(seconds=1)))
        self.routes[key] = resource

    def _render_all(self) -> None:
        robots = feeds.robots_txt(self.layout, self.base_url).encode()
        self._install("/robots.txt", Resource(200, "robots", robots, TEXT, EPOCH))
        if not self.has_drupal:
            self._install("/", redirect(302, self.base_url + addresses.WPS_HOME, EPOCH))
        for article in self.articles:
            self._install_files(article)
        categories = {c.slug for c in corpus().categories}
        self._refresh(self.articles, categories, set(corpus().tags))

    def _install_files(self, article: Article) -> None:
        if article.image:
            picture = Resource(200, "file", png_picture(), "image/png", article.published_at)
            self._install(file_key(article.image.src), picture)
            if article.image.thumb:
                self._install(file_key(article.image.thumb), picture)
        if article.attachment:
            # Made when first asked for: a document takes tens of milliseconds to write.
            self._unwritten[file_key(article.attachment.path)] = article

    def resource(self, key: str) -> Resource | None:
        """What route ``key`` serves (None: nothing); a file is written when first asked for."""
        found = self.routes.get(key)
        if found is None:
            with self._writing:  # the server's writer thread may be writing this very file
                article = self._unwritten.pop(key, None)
                if article is not None and article.attachment:
                    content, content_type = attachment_file(article.attachment)
                    self._install(key, Resource(200, "file", content, content_type, article.published_at))
                    self._write_the_rest()
                found = self.routes.get(key)
        return found

    def _write_the_rest(self) -> None:
        """Once a file is asked for, write the others in a thread: a crawl reading documents then
        seldom waits for one (each takes milliseconds), and a mirror nobody asks for files never
        writes any."""
        if self._writer is None and self._unwritten:
            self._writer = threading.Thread(target=self._write_files, name="write-files", daemon=True)
            self._writer.start()

    def _write_files(self) -> None:
        for key in list(self._unwritten):
            self.resource(key)

    def _teaser(self, a: Article) -> Teaser:
        image = (a.image.thumb or a.image.src) if a.image else None
        return Teaser(a.path, self.alt_href(a), a.title, a.published_at, a.category, a.lead, image)

    def _compute_related(self, category_slugs: Iterable[str]) -> dict[int, tuple[int, ...]]:
        wanted = set(category_slugs)
        members: dict[str, list[Article]] = {slug: [] for slug in wanted}
        for a in self.articles:
            if a.live and a.category.slug in wanted:
                members[a.category.slug].append(a)
        related = {}
        for group in members.values():
            group.sort(key=lambda a: a.order_key)
            for pos, a in enumerate(group):
                picks = group[max(0, pos - RELATED) : pos][::-1]
                picks += group[pos + 1 : pos + 1 + RELATED - len(picks)]
                related[a.index] = tuple(p.index for p in picks)
        return related

    def _render_article(self, a: Article) -> None:
        for key in self._article_keys.pop(a.index, []):
            self.routes.pop(key, None)
        if not a.live:
            return
        related = [
            RelatedLink(self.alt_href(r), r.title, r.published_at)
            for r in (self.articles[i] for i in self._related.get(a.index, ()))
        ]
        if a.layout == "wps2018":
            page = self.dialects.wps(self.page_id(a)).article_page(a, related, self.base_url)
        elif a.layout == "redesign2026":
            page = render_redesign.article_page(a, self.base_url)
        else:
            dated = a.layout != "drupal_undated"
            dialect = self.dialects.drupal(self.page_id(a))
            page = dialect.article_page(a, related, self.base_url, self.layout == "mixed", dated)
        resource = html(200, "page", page, a.modified_at)
        keys = self.served_paths(a)
        for key in keys:
            self._install(key, resource)
        self._article_keys[a.index] = keys

    def _render_listing(self, listing: Listing, members: list[Article]) -> None:
        pages = max(1, ceil(len(members) / PAGE_SIZE))
        for page in range(pages):
            shown = members[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
            teasers = [self._teaser(a) for a in shown]
            page_id = f"listing:{listing.path}?page={page}"
            if listing.archive and listing.wps:
                text = render_wps.archive_page(teasers, page, pages, self.base_url)
            elif listing.archive:
                text = render_drupal.archive_page(teasers, page, pages, self.layout == "mixed")
            elif listing.wps:
                assert listing.category is not None
                wps = self.dialects.wps(page_id)
                text = wps.listing_page(listing.category, teasers, page, pages, self.base_url)
            else:
                crumbs = render_drupal.category_crumbs(listing.category) if listing.category else []
                text = self.dialects.drupal(page_id).listing_page(
                    listing.title, crumbs, teasers, page, pages, self.layout == "mixed"
                )
            modified = max((a.modified_at for a in shown), default=EPOCH)
            self._install(
                addresses.page_key(listing.path, page, listing.wps), html(200, "page", text, modified)
            )
        for stale in range(pages, self._listing_pages.get(listing.path, 0)):
            self.routes.pop(addresses.page_key(listing.path, stale, listing.wps), None)
        self._listing_pages[listing.path] = pages

    def _render_front(self, live: list[Article]) -> None:
        """Homes, rss.xml and sitemap.xml."""
        modified = max((a.modified_at for a in live), default=EPOCH)
        mixed = self.layout == "mixed"
        if self.has_drupal:
            by_category = {
                c: [self._teaser(a) for a in live if a.category == c][:HOME_PER_CATEGORY]
                for c in corpus().categories
            }
            latest = [self._teaser(a) for a in live[:HOME_LATEST]]
            home = self.dialects.drupal("home:/").home_page(latest, by_category, mixed)
            self._install("/", html(200, "page", home, modified))
            entries = [(self.base_url + "/", modified.isoformat())]
            entries += [
                (self.base_url + a.path, a.modified_at.isoformat())
                for a in live
                if not addresses.is_wps(a.path)
            ]
            sitemap = feeds.sitemap_xml(entries).encode()
            self._install(
                "/sitemap.xml", Resource(200, "feed", sitemap, "application/xml; charset=utf-8", modified)
            )
        if self.has_wps:
            old = [a for a in live if self.layout == "wps2018" or addresses.is_wps(a.path)]
            latest = [self._teaser(a) for a in old[:HOME_LATEST]]
            old_modified = max((a.modified_at for a in old), default=EPOCH)
            self._install(
                addresses.WPS_HOME,
                html(
                    200,
                    "page",
                    self.dialects.wps(f"home:{addresses.WPS_HOME}").home_page(latest, self.base_url),
                    old_modified,
                ),
            )
        rss = feeds.rss_xml(live[:RSS_ITEMS], self.base_url).encode()
        self._install("/rss.xml", Resource(200, "feed", rss, "application/rss+xml; charset=utf-8", modified))

    def _refresh(self, touched: Iterable[Article], categories: set[str], tags: set[str]) -> None:
        """Re-render ``touched`` articles and everything that shows them."""
        touched_articles = list(touched)
        touched_ids = {a.index for a in touched_articles}
        new_related = self._compute_related(categories)
        dirty = set(touched_ids)
        for index, related in new_related.items():
            if self._related.get(index) != related or touched_ids.intersection(related):
                dirty.add(index)
        for index in list(self._related):
            if self.articles[index].category.slug in categories and index not in new_related:
                del self._related[index]
        self._related.update(new_related)
        for index in sorted(dirty):
            self._render_article(self.articles[index])
        live = self.live()
        for listing in self.listings:
            shows = (listing.category and listing.category.slug in categories) or (listing.tag in tags)
            if shows or listing.archive:
                self._render_listing(listing, [a for a in live if self._in_listing(listing, a)])
        self._render_front(live)
        if self.successor is not None:
            self.successor.refresh(touched_articles)

    # ---- mutations ---------------------------------------------------------------------
    def article(self, index: int) -> Article:
        if not 0 <= index < len(self.articles):
            raise KeyError(f"no article {index}")
        return self.articles[index]

    def add(
        self,
        count: int = 1,
        category: str | None = None,
        layout: Layout | None = None,
        published_at: datetime | None = None,
    ) -> list[Article]:
        """``count`` new articles, newer than every other (or at ``published_at``)."""
        if count < 1 or len(self.articles) + count > MAX_ARTICLES:
            raise ValueError("count out of range")
        page_layout: Layout = layout or ("wps2018" if self.layout == "wps2018" else "drupal_gavias")
        self._check_layout(page_layout)
        chosen = category_by_slug(category) if category else None
        added = []
        for _ in range(count):
            index = len(self.articles)
            newest = max((a.published_at for a in self.articles), default=EPOCH)
            when = published_at or next_publication_time(self.seed, index, newest)
            article = self.factory.make(index, when, page_layout, chosen)
            self.articles.append(article)
            self._install_files(article)
            added.append(article)
        self._refresh(added, {a.category.slug for a in added}, {t for a in added for t in a.tags})
        return added

    def edit(
        self,
        index: int,
        title: str | None = None,
        summary: str | None = None,
        paragraphs: list[str] | None = None,
        published_at: datetime | None = None,
        modified_at: datetime | None = None,
    ) -> Article:
        """Change an article's text or date; it gets a new ``updated_at`` (now, or ``modified_at``)."""
        a = self.article(index)
        if title is not None:
            self.factory.claim_title(title)
            a.title = title
        if summary is not None:
            a.lead = summary
        if paragraphs is not None:
            if not paragraphs:
                raise ValueError("an article needs at least one paragraph")
            a.paragraphs = list(paragraphs)
        if published_at is not None:
            a.published_at = published_at.astimezone(TZ)
        a.updated_at = (
            modified_at.astimezone(TZ) if modified_at else max(now(), a.modified_at + timedelta(seconds=1))
        )
        self._refresh([a], {a.category.slug}, set(a.tags))
        return a

    def replace_document(self, index: int, change: str) -> Article:
        """Put another file at the address of an article's document: ``text``, a corrected document
        (its text changes); ``bytes``, the same document saved again (only its bytes change)."""
        a = self.article(index)
        attachment = a.attachment
        if attachment is None or attachment.document is None:
            raise ValueError(f"article {index} attaches no document")
        if change not in ("text", "bytes"):
            raise ValueError(f"change must be 'text' or 'bytes', not {change!r}")
        document = attachment.document.corrected() if change == "text" else attachment.document.reencoded()
        a.attachment = replace(attachment, document=document)
        content, content_type = attachment_file(a.attachment)
        with self._writing:
            self._unwritten.pop(file_key(attachment.path), None)
            self._install(file_key(attachment.path), Resource(200, "file", content, content_type, now()))
        return a

    def take_down(self, index: int, status: int = 404) -> Article:
        """The article's addresses answer 404 or 410 from now on."""
        if status not in (404, 410):
            raise ValueError("status must be 404 or 410")
        a = self.article(index)
        keys = self._article_keys.get(a.index, [])
        a.status = status
        self._refresh([a], {a.category.slug}, set(a.tags))
        for key in keys:
            self._install(key, self._message(status, key))
        return a

    def move(self, index: int, path: str | None = None) -> Article:
        """Give a live article a new address; its old ones answer 301 to it."""
        a = self.article(index)
        if not a.live:
            raise ValueError("only a live article can move")
        new_path = path or self._next_path(a)
        if not new_path.startswith("/") or "?" in new_path or new_path in self.routes:
            raise ValueError(f"cannot move to {new_path!r}")
        old_keys = self._article_keys.get(a.index, [])
        a.old_paths.append(a.path)
        a.path = new_path
        self._refresh([a], {a.category.slug}, set(a.tags))
        moved = redirect(301, self.base_url + new_path, now())
        for key in set(old_keys) | set(a.old_paths):
            if key not in self.served_paths(a):
                self._install(key, moved)
        return a

    def _next_path(self, a: Article) -> str:
        n = len(a.old_paths) + 1
        while True:
            if addresses.is_wps(a.path):
                uid = str(uuid.uuid5(uuid.UUID(a.uid), f"moved-{n}"))
                candidate = addresses.wps_article_path(a.category.slug, uid)
            else:
                candidate = f"{addresses.drupal_article_path(a.category.slug, a.slug)}-{n}"
            if candidate not in self.routes:
                return candidate
            n += 1

    def set_layout(self, index: int, layout: Layout) -> Article:
        """Render one article in the other layout at the same address."""
        self._check_layout(layout)
        a = self.article(index)
        a.layout = layout
        self._refresh([a], {a.category.slug}, set(a.tags))
        return a

    @staticmethod
    def _check_layout(layout: str) -> None:
        if layout not in PAGE_LAYOUTS:
            raise ValueError(f"page layout must be one of {PAGE_LAYOUTS}, not {layout!r}")

    # ---- ground truth ------------------------------------------------------------------
    def truth(self, index: int) -> dict[str, Any]:
        a = self.article(index)
        size = None
        if a.attachment:
            written = self.resource(file_key(a.attachment.path))
            size = len(written.body) if written else None
        record = article_truth(a, self.base_url, self.served_paths(a), self.alt_href(a), size)
        record["dialect"] = self.dialect_of(a)
        if self.successor is not None:
            return self.successor.amend(a, record)
        record.update(host="old", migrated=False, successor_url=None)
        return record

    def truths(self, status: str | None = None) -> list[dict[str, Any]]:
        records = [self.truth(a.index) for a in self.articles]
        return [r for r in records if status is None or r["status"] == status]

    def url_of(self, index: int) -> str:
        return self.base_url + self.article(index).path

    def info(self) -> dict[str, Any]:
        base = self.base_url
        categories = []
        for cat in corpus().categories:
            urls = [base + listing.path for listing in self.listings if listing.category == cat]
            categories.append({"slug": cat.slug, "name": cat.name, "listings": urls})
        traps = []
        if self.has_drupal:
            traps.append(base + render_drupal.TRAP_PATH)
        if self.has_wps:
            traps.append(base + render_wps.TRAP_PATH)
        return {
            "base_url": base,
            "seed": self.seed,
            "layout": self.layout,
            "dialect": self.dialects.describe(),
            "articles": len(self.articles),
            "live": sum(1 for a in self.articles if a.live),
            "page_size": PAGE_SIZE,
            "home": base + self.home_path,
            "wps_home": base + addresses.WPS_HOME if self.has_wps else None,
            "categories": categories,
            "tags": [base + listing.path for listing in self.listings if listing.tag],
            "endless_archive": self.endless_archive,
            "archives": [base + path for path in self.archives],
            "rss": base + "/rss.xml",
            "sitemap": base + "/sitemap.xml" if self.has_drupal else None,
            "robots_disallow": list(feeds.disallowed_paths(self.layout)),
            "traps": traps,
        }
