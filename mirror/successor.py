"""The department's 2025 move to a successor host (``sokhcn.angiang.gov.vn``), served on 127.0.0.2.

The successor is a Drupal 7 site in the Bartik theme (``render_bartik.py``): migrated articles at
pathauto aliases ``/tin-tuc/<slug>`` (``slugs.py``) and ``/node/N``, with their title, publication
date, lead line (``Sở TT&TT AG -`` dateline unchanged), body and files (``/sites/default/files/
YYYY-MM/...``), plus its own posts of 2026 (``successor_posts.py``). ``migrate`` moves articles there
(the old host redirects, forgets or keeps them), ``move_site`` moves the whole old host
(``redirect``: every old address answers 301; ``down``: the old host stops listening).
"""

from __future__ import annotations

import asyncio
import signal
import socket
import sys
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email.utils import format_datetime
from math import ceil
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote
from xml.sax.saxutils import escape

from mirror import addresses, feeds, render_bartik
from mirror.content import byline, lead_line
from mirror.files import png_picture
from mirror.model import Article
from mirror.render_bartik import Node
from mirror.resources import TEXT, Resource, html, redirect
from mirror.site import EPOCH, Site, file_key, now
from mirror.slugs import pathauto_slug, unique_slug
from mirror.successor_posts import SOURCE, OwnPost, own_posts

if TYPE_CHECKING:
    from mirror.server import App

HOST = "127.0.0.2"
OLD_MODES = ("redirect", "gone", "keep")
SITE_MODES = ("redirect", "down")
PAGE_SIZE = 10
RSS_ITEMS = 10
LATEST = 5
LAYOUT = "drupal7_bartik"
ROBOTS_DISALLOW = (
    "/includes/", "/misc/", "/modules/", "/profiles/", "/scripts/", "/themes/", "/CHANGELOG.txt",
    "/cron.php", "/INSTALL.txt", "/install.php", "/update.php", "/xmlrpc.php", "/admin/",
    "/comment/reply/", "/filter/tips/", "/node/add/", "/search/", "/user/register/", "/user/password/",
    "/user/login/", "/user/logout/", "/?q=admin/", "/?q=node/add/", "/?q=search/", "/?q=user/login/",
)  # fmt: skip


@dataclass
class Migration:
    """One article moved to the successor, and what its old addresses do now."""

    index: int
    slug: str
    old: str  # redirect, gone or keep
    old_status: int | None  # what the old host answers: 301, 404, 410, 200; None when it is down
    old_url: str
    old_urls: list[str]


class Successor:
    """The successor host's route table, and the migration's effect on the old host."""

    def __init__(self, site: Site, base_url: str) -> None:
        self.site = site
        self.base_url = base_url.rstrip("/")
        self.mode: str | None = None  # None (the old host is up), "redirect" or "down"
        self.migrations: dict[int, Migration] = {}
        self._slugs: set[str] = set()
        self.posts = own_posts()
        self._post_slugs = {p.nid: unique_slug(pathauto_slug(p.title), self._slugs) for p in self.posts}
        self.routes: dict[str, Resource] = {}
        self._article_keys: dict[int, list[str]] = {}
        self._files: dict[str, int] = {}  # successor file key -> article index
        self._images: set[str] = set()
        self._old_files: dict[str, str] = {}  # old host file key -> successor URL
        self._listing_pages = 0
        self._picture = Resource(200, "file", png_picture(), "image/png", EPOCH)
        self.on_down: Callable[[], None] | None = None  # closes the old host's socket (serve_hosts)
        robots = self._robots().encode()
        self.routes["/robots.txt"] = Resource(200, "robots", robots, TEXT, EPOCH)
        for post in self.posts:
            self._install_page(self._post_node(post), f"post:{post.nid}")
        self._render_lists()
        site.successor = self

    # ---- nodes ---------------------------------------------------------------------------
    def _post_node(self, post: OwnPost) -> Node:
        return Node(
            nid=post.nid,
            path=f"{render_bartik.LISTING_PATH}/{self._post_slugs[post.nid]}",
            title=post.title,
            published_at=post.published_at,
            updated_at=None,
            lead=post.lead,
            paragraphs=post.paragraphs,
            byline=" - ".join(post.authors) or None,
            image=None,
            attachment=None,
        )

    def _node(self, a: Article) -> Node:
        m = self.migrations[a.index]
        return Node(
            nid=a.nid,
            path=f"{render_bartik.LISTING_PATH}/{m.slug}",
            title=a.title,
            published_at=a.published_at,
            updated_at=a.updated_at,
            lead=lead_line(a),
            paragraphs=tuple(a.paragraphs),
            byline=byline(a),
            image=(self._image_path(a), a.image.caption) if a.image else None,
            attachment=(self._file_path(a), a.attachment.name) if a.attachment else None,
            category=(a.category.name, a.category.slug),
            tags=a.tags,
        )

    @staticmethod
    def _image_path(a: Article) -> str:
        assert a.image is not None
        if a.image.src.startswith(addresses.DRUPAL_FILES):
            return a.image.src
        return addresses.drupal_inline_image_path(unquote(a.image.src.split("?")[0].rsplit("/", 1)[1]))

    def _file_path(self, a: Article) -> str:
        assert a.attachment is not None
        if a.attachment.path.startswith(addresses.DRUPAL_FILES):
            return a.attachment.path
        path = addresses.drupal_file_path(a.published_at, a.attachment.name)
        stem, dot, ext = a.attachment.name.rpartition(".")
        n = 0
        while self._files.get(file_key(path), a.index) != a.index:  # Drupal's "_0" for a second upload
            path = addresses.drupal_file_path(a.published_at, f"{stem}_{n}{dot}{ext}")
            n += 1
        return path

    def nodes(self) -> list[Node]:
        """Every node of the successor, newest first."""
        nodes = [self._post_node(p) for p in self.posts]
        nodes += [self._node(self.site.articles[i]) for i in self.migrations]
        return sorted(nodes, key=lambda n: (n.published_at, n.nid), reverse=True)

    def url_of(self, a: Article) -> str:
        return f"{self.base_url}{render_bartik.LISTING_PATH}/{self.migrations[a.index].slug}"

    # ---- rendering -----------------------------------------------------------------------
    def _latest(self) -> list[Node]:
        """The sidebar's "Tin mới": the successor's own newest posts (the same on every page)."""
        posts = sorted(self.posts, key=lambda p: p.published_at, reverse=True)[:LATEST]
        return [self._post_node(p) for p in posts]

    def _install_page(self, node: Node, key: str) -> list[str]:
        page = render_bartik.article_page(node, self.base_url, self._latest())
        resource = html(200, "page", page, node.modified_at)
        keys = [node.path, f"/node/{node.nid}"]
        for k in keys:
            self.routes[k] = resource
        return keys

    def _render_article(self, a: Article) -> None:
        for key in self._article_keys.pop(a.index, []):
            self.routes.pop(key, None)
        node = self._node(a)
        self._article_keys[a.index] = self._install_page(node, f"article:{a.uid}")
        if a.image:
            self._images.add(self._image_path(a))
            old = file_key(a.image.src)
            self._old_files[old] = self.base_url + self._image_path(a)
            if a.image.thumb:
                self._old_files[file_key(a.image.thumb)] = self.base_url + self._image_path(a)
        if a.attachment and node.attachment:
            self._files[file_key(node.attachment[0])] = a.index
            self._old_files[file_key(a.attachment.path)] = self.base_url + node.attachment[0]

    def _render_lists(self) -> None:
        nodes = self.nodes()
        latest = self._latest()
        modified = max((n.modified_at for n in nodes), default=EPOCH)
        pages = max(1, ceil(len(nodes) / PAGE_SIZE))
        for page in range(pages):
            shown = nodes[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
            text = render_bartik.listing_page(shown, page, pages, self.base_url, latest)
            last = max((n.modified_at for n in shown), default=EPOCH)
            self.routes[addresses.page_key(render_bartik.LISTING_PATH, page, False)] = html(
                200, "page", text, last
            )
        for stale in range(pages, self._listing_pages):
            self.routes.pop(addresses.page_key(render_bartik.LISTING_PATH, stale, False), None)
        self._listing_pages = pages
        front = render_bartik.front_page(nodes[:PAGE_SIZE], self.base_url, latest, len(nodes) > PAGE_SIZE)
        self.routes["/"] = html(200, "page", front, modified)
        entries = [(self.base_url + "/", modified.isoformat())]
        entries.append((self.base_url + render_bartik.LISTING_PATH, modified.isoformat()))
        entries += [(self.base_url + n.path, n.modified_at.isoformat()) for n in nodes]
        sitemap = feeds.sitemap_xml(entries).encode()
        self.routes["/sitemap.xml"] = Resource(
            200, "feed", sitemap, "application/xml; charset=utf-8", modified
        )
        rss = self._rss(nodes[:RSS_ITEMS]).encode()
        self.routes["/rss.xml"] = Resource(200, "feed", rss, "application/rss+xml; charset=utf-8", modified)

    def _rss(self, nodes: list[Node]) -> str:
        base = escape(self.base_url)
        items = "".join(
            f"<item><title>{escape(n.title)}</title><link>{base}{escape(n.path)}</link>"
            f"<description>{escape(n.lead)}</description><pubDate>{format_datetime(n.published_at)}"
            f"</pubDate><dc:creator>bientap</dc:creator>"
            f'<guid isPermaLink="false">{n.nid} at {base}</guid></item>'
            for n in nodes
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?>\n'
            f'<rss version="2.0" xml:base="{base}" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
            f"<channel><title>{escape(render_bartik.FULL_NAME)}</title><link>{base}</link>"
            f"<description></description><language>vi</language>{items}</channel></rss>\n"
        )

    def _robots(self) -> str:
        lines = ["#", "# robots.txt", "#", "User-agent: *"]
        lines += ["Allow: /misc/*.css$", "Allow: /modules/*.css$", "Allow: /themes/*.css$"]
        lines += [f"Disallow: {path}" for path in ROBOTS_DISALLOW]
        return "\n".join([*lines, "", f"Sitemap: {self.base_url}/sitemap.xml"]) + "\n"

    def refresh(self, touched: Iterable[Article]) -> None:
        """Called by the site after every mutation: re-render what shows a migrated article."""
        changed = [a for a in touched if a.index in self.migrations]
        if not changed:
            return
        for a in changed:
            self._render_article(a)
        self._render_lists()

    # ---- lookup --------------------------------------------------------------------------
    def resolve(self, raw_path: str, query: str) -> Resource:
        """The successor host's answer."""
        path = unquote(raw_path)
        key = path
        for part in query.split("&") if query else ():
            name, _, value = part.partition("=")
            if name == "page" and value.isdigit() and int(value) > 0:
                key = f"{path}?page={int(value)}"
        found = self.routes.get(key)
        if found is not None:
            return found
        if path in self._files:
            a = self.site.articles[self._files[path]]
            assert a.attachment is not None
            written = self.site.resource(file_key(a.attachment.path))
            if written is not None:
                return written
        if path in self._images:
            return self._picture
        text = "Không tìm thấy trang bạn yêu cầu."
        return html(
            404, "missing", render_bartik.message_page("Không tìm thấy trang", text, self.base_url), EPOCH
        )

    def resolve_old(self, raw_path: str, query: str) -> Resource:
        """The old host's answer: its own, or (after ``move_site("redirect")``) a 301 to the successor."""
        found = self.site.resolve(raw_path, query)
        if self.mode != "redirect":
            return found
        if found.kind == "redirect" and (found.location or "").startswith(self.base_url):
            return found
        key = file_key(raw_path)
        if key in self._old_files:
            return redirect(301, self._old_files[key], EPOCH)
        target = f"{raw_path}?{query}" if query else raw_path
        if self.resolve(raw_path, query).status == 200 and key != "/":
            return redirect(301, self.base_url + target, EPOCH)
        return redirect(301, self.base_url + "/", EPOCH)

    # ---- mutations -----------------------------------------------------------------------
    def migrate(self, indexes: Iterable[int], old: str = "redirect", status: int = 410) -> list[Article]:
        """Move articles to the successor; their old addresses redirect (301), are gone (``status``,
        404 or 410) or keep serving the old page."""
        if self.mode is not None:
            raise ValueError("the old host has moved: every article is on the successor")
        if old not in OLD_MODES:
            raise ValueError(f"old must be one of {OLD_MODES}, not {old!r}")
        if status not in (404, 410):
            raise ValueError("status must be 404 or 410")
        chosen: list[Article] = []
        for index in indexes:
            a = self.site.article(int(index))
            if not a.live or a.index in self.migrations or a in chosen:
                raise ValueError(f"article {a.index} is not a live article of the old host")
            chosen.append(a)
        for a in chosen:
            base = self.site.base_url
            urls = [base + p for p in self.site.served_paths(a)]
            if addresses.is_wps(a.path):
                urls.append(base + self.site.alt_href(a))
            slug = unique_slug(pathauto_slug(a.title), self._slugs)
            self.migrations[a.index] = Migration(a.index, slug, old, 200, base + a.path, urls)
        self._retire(chosen, old, status)
        self.refresh(chosen)  # again: "keep" touches nothing on the old host
        return chosen

    def _retire(self, chosen: list[Article], old: str, status: int) -> None:
        """What the old host does with migrated articles (one re-render for all of them)."""
        if old == "keep" or not chosen:
            return
        site = self.site
        keys = {a.index: list(site._article_keys.get(a.index, [])) for a in chosen}
        for a in chosen:
            a.status = 301 if old == "redirect" else status
            self.migrations[a.index].old = old
            self.migrations[a.index].old_status = a.status
        site._refresh(chosen, {a.category.slug for a in chosen}, {t for a in chosen for t in a.tags})
        for a in chosen:
            moved = redirect(301, self.url_of(a), now())
            for key in set(keys[a.index]) | set(a.old_paths):
                site._install(key, moved if old == "redirect" else site._message(status, key))

    def move_site(self, mode: str) -> dict[str, Any]:
        """The whole old host moves: every live article migrates, and the old host either answers 301
        to the successor for every address (``redirect``) or stops listening (``down``)."""
        if mode not in SITE_MODES:
            raise ValueError(f"mode must be one of {SITE_MODES}, not {mode!r}")
        if self.mode == "down":
            raise ValueError("the old host is down")
        staying = [a for a in self.site.articles if a.live and a.index not in self.migrations]
        if staying:
            self.migrate([a.index for a in staying], old="redirect")
        kept = [self.site.articles[m.index] for m in self.migrations.values() if m.old == "keep"]
        self._retire(kept, "redirect", 410)
        self.mode = mode
        if mode == "down":
            for m in self.migrations.values():
                m.old_status = None
            if self.on_down is not None:
                self.on_down()
        return self.info()

    # ---- ground truth --------------------------------------------------------------------
    def amend(self, a: Article, record: dict[str, Any]) -> dict[str, Any]:
        """The site's truth of ``a`` with where it lives now."""
        m = self.migrations.get(a.index)
        record.update(host="old", migrated=False, successor_url=None)
        if m is None:
            if self.mode == "down":
                record["urls"] = []
            return record
        node = self._node(a)
        url = self.base_url + node.path
        kept = m.old == "keep" and self.mode is None
        redirected = m.old == "redirect" or self.mode == "redirect"
        attachments = [
            {**record["attachments"][0], "url": self.base_url + node.attachment[0]}
            for _ in record["attachments"][:1]
            if node.attachment
        ]
        record.update(
            host="successor",
            migrated=True,
            successor_url=url,
            url=url,
            urls=[url, f"{self.base_url}/node/{a.nid}", *(m.old_urls if kept else [])],
            shortlink=f"{self.base_url}/node/{a.nid}",
            redirects_from=record["redirects_from"] + (m.old_urls if redirected else []),
            status="live",
            http_status=200,
            layout=LAYOUT,
            dialect="bartik",
            published_at=a.published_at.isoformat(),
            published_precision="minute",
            images=[{"src": self.base_url + node.image[0], "caption": node.image[1]}] if node.image else [],
            attachments=attachments,
            views=None,
            old_url=m.old_url,
            old_http_status=m.old_status,
        )
        return record

    def post_truth(self, post: OwnPost) -> dict[str, Any]:
        node = self._post_node(post)
        url = self.base_url + node.path
        return {
            "index": None,
            "id": f"sokhcn-{post.nid}",
            "nid": post.nid,
            "url": url,
            "urls": [url, f"{self.base_url}/node/{post.nid}"],
            "shortlink": f"{self.base_url}/node/{post.nid}",
            "redirects_from": [],
            "status": "live",
            "http_status": 200,
            "layout": LAYOUT,
            "dialect": "bartik",
            "title": post.title,
            "published_at": post.published_at.isoformat(),
            "published_precision": "minute",
            "updated_at": None,
            "category": render_bartik.LISTING_TITLE,
            "category_slug": render_bartik.LISTING_PATH.strip("/"),
            "dateline": post.dateline,
            "source": SOURCE,
            "summary": post.summary,
            "body": list(post.paragraphs),
            "event_date": f"{post.event_date:%d/%m/%Y}",
            "authors": list(post.authors),
            "byline": node.byline,
            "tags": [],
            "images": [],
            "attachments": [],
            "document": None,
            "views": None,
            "features": ["dateline_without_year"],
            "host": "successor",
            "migrated": False,
            "successor_url": url,
        }

    def post_truths(self) -> list[dict[str, Any]]:
        return [self.post_truth(p) for p in self.posts]

    def info(self) -> dict[str, Any]:
        base = self.base_url
        return {
            "successor_url": base,
            "mode": self.mode,
            "home": base + "/",
            "listing": base + render_bartik.LISTING_PATH,
            "page_size": PAGE_SIZE,
            "sitemap": base + "/sitemap.xml",
            "rss": base + "/rss.xml",
            "migrated": len(self.migrations),
            "own_posts": len(self.posts),
        }


def control(site: Site, method: str, name: str, payload: dict[str, Any]) -> Any:
    """The successor's control endpoints (``NotImplemented``: not one of them)."""
    successor = site.successor
    if successor is None:
        return NotImplemented
    if method == "GET" and name == "successor":
        return successor.info()
    if method == "GET" and name == "successor/articles":
        return successor.post_truths()
    if method == "POST" and name == "migrate":
        indexes = payload.get("indexes")
        if not isinstance(indexes, list) or not all(isinstance(i, int) for i in indexes):
            raise ValueError("'indexes' must be a list of integers")
        moved = successor.migrate(
            indexes, str(payload.get("old", "redirect")), int(payload.get("status", 410))
        )
        return [site.truth(a.index) for a in moved]
    if method == "POST" and name == "move-site":
        return successor.move_site(str(payload.get("mode", "")))
    return NotImplemented


async def serve_hosts(old_sock: socket.socket, new_sock: socket.socket, app: App, lines: list[str]) -> None:
    """Serve the old host and the successor until SIGTERM or SIGINT; print ``lines`` once listening.
    ``move_site("down")`` closes the old host's socket and its connections (after the answer)."""
    from mirror.server import HttpProtocol

    loop = asyncio.get_running_loop()
    old_connections: weakref.WeakSet[HttpProtocol] = weakref.WeakSet()

    def old_protocol() -> HttpProtocol:
        protocol = HttpProtocol(app, "old")
        old_connections.add(protocol)
        return protocol

    old = await loop.create_server(old_protocol, sock=old_sock, backlog=1024)
    new = await loop.create_server(lambda: HttpProtocol(app, "successor"), sock=new_sock, backlog=1024)

    def down() -> None:
        old.close()
        for protocol in list(old_connections):
            if protocol.transport is not None:
                protocol.transport.close()  # what was written (the move-site answer) goes first

    assert app.site.successor is not None

    def later() -> None:
        loop.call_soon(down)

    app.site.successor.on_down = later
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    for line in lines:
        print(line, flush=True)
    async with new:
        await stop.wait()
    old.close()
    sys.stdout.flush()
