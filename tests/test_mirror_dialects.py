"""The mirror's markup dialects: other markup, the same content (mirror/dialects.py, mirror/README.md).

Pages are rendered in process (``Site.resolve``), except one test that starts a server to check
the ``--dialect`` option (marked ``crawl``).
"""

from __future__ import annotations

import re
import urllib.request
from datetime import datetime
from functools import cache
from html.parser import HTMLParser
from itertools import combinations
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag

from mirror import Site, dialects
from mirror.markup import twelve_hour
from mirror.testing import MirrorServer
from mirror.vntext import day, day_time, weekday_day_time

BASE = "http://127.0.0.1:8000"
SEED, ARTICLES = 8, 60
WPS = dialects.NAMES["wps"]
DRUPAL = dialects.NAMES["drupal"]
CASES = [("wps2018", d) for d in WPS] + [("drupal_gavias", d) for d in DRUPAL]
MIXED = [f"{w},{d}" for w, d in zip(WPS, DRUPAL, strict=True)]
# One element only each dialect's article pages have (to tell which dialect rendered a page).
FINGERPRINT = {
    "wps-classic": ".chitiettin",
    "wps-portal8": ".wcm-chitiet",
    "wps-table": "table.tbl-chitiet",
    "wps-html5": "article.bai-viet",
    "drupal-classic": "div.post-body",
    "drupal-gavias-monte": "article.node-detail",
    "drupal-olivero": "ol.breadcrumb__list",
    "drupal-barrio": "div.row-offcanvas",
}
# How a reader of each dialect finds a listing's teasers and its next page (union: per-page mode).
TEASERS = {
    "wps-classic": ".danhsachtin .tin-item h3.tieude a",
    "wps-portal8": ".wcm-danhsach h4.wcm-muc-tieude a",
    "wps-table": "table.tbl-danhsach a.ds-tieude",
    "wps-html5": ".danh-sach-tin h2.tin-tom-tat__tieu-de a",
    "drupal-classic": ".view-content .views-row h3.post-title a[rel=bookmark]",
    "drupal-gavias-monte": ".view-content-wrap h3.post-title a[rel=bookmark]",
    "drupal-olivero": ".view-content h2.node__title a[rel=bookmark]",
    "drupal-barrio": ".view-content .views-field-title a",
}
NEXT = {
    "wps-classic": "ul.phantrang li.next a",
    "wps-portal8": "a.wcm-sau",
    "wps-table": 'table.phan-trang a[title="Trang sau"]',
    "wps-html5": 'ul.pagination a[aria-label="Trang sau"]',
    "drupal-classic": "li.pager__item--next a",
    "drupal-gavias-monte": "li.pager__item--next a",
    "drupal-olivero": "li.pager__item--next a",
    "drupal-barrio": "ul.pagination a[rel=next]",
}
# What the mirror's original markup (docs/layouts.md) has and no other dialect has.
CLASSIC_ONLY = {
    "wps2018": ["div.mota", "div.noidung", "h1.tieude", "ul.breadcrumb", ".tinlienquan"],
    "drupal_gavias": ["div.post-body", ".views-block-tin-lien-quan", ".node-views", "nav.breadcrumb > ol"],
}
WPS_STATE = re.compile(r"/!ut/p/z1/[^/]+/dz/d5/L2dBISEvZ0FBIS9nQSEh/$")
WCM_FILE = re.compile(r"^/wps/wcm/connect/[^?]+\?MOD=AJPERES&CACHEID=\S+$")
DRUPAL_FILE = re.compile(r"^/sites/default/files/\d{4}-\d{2}/\S+$")


@cache
def site(layout: str, dialect: str = "default", articles: int = ARTICLES) -> Site:
    return Site(seed=SEED, articles=articles, layout=layout, base_url=BASE, dialect=dialect)  # type: ignore[arg-type]


def body_of(s: Site, url: str) -> str:
    parts = urlsplit(url)
    resource = s.resolve(parts.path, parts.query)
    assert resource.status == 200, url
    return resource.body.decode()


def soup_of(s: Site, url: str) -> BeautifulSoup:
    return BeautifulSoup(body_of(s, url), "lxml")


def base_of(doc: BeautifulSoup, url: str) -> str:
    base = doc.find("base")
    return str(base["href"]) if isinstance(base, Tag) else url


def visible_text(doc: BeautifulSoup) -> str:
    """The page's text as a reader sees it: no scripts or styles, whitespace (and NBSP) collapsed."""
    doc = BeautifulSoup(str(doc), "lxml")
    for node in doc(["script", "style", "noscript", "template", "head"]):
        node.decompose()
    return " ".join(doc.get_text(" ").split())


def picture_urls(doc: BeautifulSoup, base: str) -> set[str]:
    found = set()
    for node in doc.find_all(["img", "source"]):
        for attr in ("src", "data-src", "data-original"):
            if node.get(attr) and not str(node[attr]).startswith("data:"):
                found.add(urljoin(base, str(node[attr])))
        for candidate in str(node.get("srcset") or "").split(","):
            if candidate.strip():
                found.add(urljoin(base, candidate.split()[0]))
    return found


def link_urls(doc: BeautifulSoup, base: str) -> dict[str, list[str]]:
    links: dict[str, list[str]] = {}
    for a in doc.find_all("a", href=True):
        links.setdefault(urljoin(base, str(a["href"])), []).append(" ".join(a.get_text(" ").split()))
    return links


def classes(doc: BeautifulSoup) -> set[str]:
    return {c for node in doc.find_all(class_=True) for c in node.get("class", [])}


def in_order(text: str, pieces: list[str]) -> None:
    position = 0
    for piece in pieces:
        found = text.find(piece, position)
        assert found >= 0, f"{piece!r} missing (or out of order) after position {position}"
        position = found + len(piece)


def instant(raw: str) -> datetime:
    return datetime.fromisoformat(raw.replace("Z", "+00:00"))


def date_shown(doc: BeautifulSoup, text: str, truth: dict[str, Any]) -> bool:
    """The publication time is on the page (in the dateline, a visible date, <time> or metadata)."""
    published = datetime.fromisoformat(truth["published_at"])
    dateline = truth["dateline"] or ""
    if day(published) in dateline and (
        truth["published_precision"] == "day" or f"{published:%H:%M}" in dateline
    ):
        return dateline in text
    if truth["published_precision"] == "day":
        return day(published) in text
    meta = doc.find("meta", attrs={"property": "article:published_time"})
    if isinstance(meta, Tag) and instant(str(meta["content"])) == published:
        return True
    if any(instant(str(t["datetime"])) == published for t in doc.find_all("time", datetime=True)):
        return True
    shown = (weekday_day_time(published), twelve_hour(published), day_time(published))
    return any(form in text for form in shown)


def check_article(s: Site, truth: dict[str, Any]) -> None:
    """The page carries exactly the truth's content, whatever the markup."""
    doc = soup_of(s, truth["url"])
    base = base_of(doc, truth["url"])
    text = visible_text(doc)
    assert truth["title"] in text and truth["title"] in doc.title.get_text()
    sequence = [truth["dateline"]] if truth["dateline"] else []
    sequence += [truth["summary"], *truth["body"][: min(2, len(truth["body"]))]]
    if truth["images"]:
        sequence.append(truth["images"][-1]["caption"])
    sequence += truth["body"][min(2, len(truth["body"])) :]
    if truth["byline"]:
        sequence.append(truth["byline"])
    in_order(text, sequence)
    assert picture_urls(doc, base) >= {i["src"] for i in truth["images"]}
    links = link_urls(doc, base)
    for attachment in truth["attachments"]:
        assert attachment["url"] in links
    for tag in truth["tags"]:
        assert tag in {t for texts in links.values() for t in texts}
    listing = next(c for c in s.info()["categories"] if c["name"] == truth["category"])["listings"]
    listing = [u for u in listing if ("/wps/" in u) == ("/wps/" in truth["url"])]
    assert truth["category"] in links[listing[0]]
    assert f"Lượt xem: {truth['views']}" in text
    assert date_shown(doc, text, truth), truth["url"]


# ---- same content -------------------------------------------------------------------------------
@pytest.mark.parametrize(("layout", "dialect"), CASES)
def test_every_article_carries_the_truth_in_every_dialect(layout: str, dialect: str) -> None:
    s = site(layout, dialect)
    truths = s.truths("live")
    assert {t["dialect"] for t in truths} == {dialect}
    for truth in truths:
        check_article(s, truth)
    found = {f for t in truths for f in t["features"]}
    assert {"image", "attachment", "several_authors", "dateline_time_first"} <= found


@pytest.mark.parametrize("dialect", MIXED)
def test_mixed_site_renders_each_platform_in_its_dialect(dialect: str) -> None:
    s = site("mixed", dialect)
    wps, drupal = dialect.split(",")
    truths = s.truths("live")
    assert {t["dialect"] for t in truths if t["layout"] == "wps2018"} == {wps}
    assert {t["dialect"] for t in truths if t["layout"] == "drupal_gavias"} == {drupal}
    for truth in truths[::3]:
        check_article(s, truth)
        doc = soup_of(s, truth["url"])
        assert doc.select(FINGERPRINT[truth["dialect"]])
    assert soup_of(s, BASE + "/").select('a[href="/wps/portal/Home"]')  # the old portal in the menu


def test_undated_pages_have_no_date_in_any_drupal_dialect() -> None:
    for dialect in DRUPAL:
        s = Site(seed=SEED, articles=12, layout="drupal_gavias", base_url=BASE, dialect=dialect)
        truth = s.truth(s.set_layout(5, "drupal_undated").index)
        doc = soup_of(s, truth["url"])
        assert truth["published_at"] is None and truth["dialect"] == dialect
        assert not doc.find("meta", attrs={"property": "article:published_time"}), dialect
        assert not doc.find_all("time"), dialect
        text = visible_text(doc)
        assert truth["summary"] in text and truth["title"] in text
        assert not re.search(r"\d{2}/\d{2}/\d{4} [-(]", text), dialect  # no dateline, no visible date


# ---- different markup ---------------------------------------------------------------------------
@pytest.mark.parametrize(("layout", "names"), [("wps2018", WPS), ("drupal_gavias", DRUPAL)])
def test_dialects_differ_in_markup_of_the_same_article(layout: str, names: tuple[str, ...]) -> None:
    index = next(t["index"] for t in site(layout).truths("live") if t["images"] and t["attachments"])
    docs = {name: soup_of(site(layout, name), site(layout, name).url_of(index)) for name in names}
    sets = {name: classes(doc) for name, doc in docs.items()}
    for one, two in combinations(names, 2):
        assert len(sets[one] ^ sets[two]) >= 20, (one, two)
        assert not docs[two].select(FINGERPRINT[one]) and not docs[one].select(FINGERPRINT[two])
    for name in names[1:]:
        assert not any(docs[name].select(css) for css in CLASSIC_ONLY[layout]), name
    text = {name: visible_text(doc) for name, doc in docs.items()}
    truth = site(layout).truth(index)
    for name in names:
        assert all(p in text[name] for p in truth["body"]), name


def test_where_the_date_and_the_pictures_sit() -> None:
    wps = {name: site("wps2018", name) for name in WPS}
    truth = next(t for t in wps["wps-classic"].truths("live") if t["images"])
    src = urlsplit(truth["images"][0]["src"])
    relative = src.path + "?" + src.query
    docs = {name: soup_of(s, truth["url"]) for name, s in wps.items()}
    assert docs["wps-classic"].find("img", src=relative)
    assert docs["wps-portal8"].find("img", src=relative)
    assert docs["wps-table"].find("img", attrs={"data-original": relative}).get("src").startswith("data:")
    html5 = docs["wps-html5"].find("img", attrs={"data-src": relative})
    assert html5.find_parent("figure").figcaption.get_text() == truth["images"][0]["caption"]
    published = datetime.fromisoformat(truth["published_at"])
    assert f"Ngày đăng : {day(published)}" in visible_text(docs["wps-portal8"])
    assert docs["wps-html5"].find("time")["datetime"] == published.strftime("%Y-%m-%d")

    drupal = {name: site("drupal_gavias", name) for name in DRUPAL}
    truths = drupal["drupal-classic"].truths("live")
    truth = next(t for t in truths if t["images"] and "no_dateline" in t["features"])
    docs = {name: soup_of(s, truth["url"]) for name, s in drupal.items()}
    published = datetime.fromisoformat(truth["published_at"])
    assert weekday_day_time(published) in docs["drupal-classic"].select_one("span.post-created").get_text()
    assert twelve_hour(published) in docs["drupal-gavias-monte"].select_one("span.post-created").get_text()
    created = docs["drupal-olivero"].select_one(".field--name-created time")
    assert created["datetime"].endswith("Z") and instant(created["datetime"]) == published
    barrio = docs["drupal-barrio"]
    meta = barrio.find("meta", attrs={"property": "article:published_time"})
    assert instant(meta["content"]) == published and not barrio.find("time")
    shown = visible_text(barrio)
    assert not any(
        f in shown for f in (weekday_day_time(published), twelve_hour(published), day_time(published))
    )
    thumb = urlsplit(truth["images"][0]["src"]).path
    assert docs["drupal-olivero"].find("source", srcset=f"{thumb} 1x")
    inline = urlsplit(truth["images"][1]["src"]).path
    assert docs["drupal-gavias-monte"].find("img", attrs={"data-src": inline}).get("class") == ["b-lazy"]
    assert (
        docs["drupal-olivero"].select_one("figure.caption figcaption").get_text()
        == truth["images"][1]["caption"]
    )
    assert (
        docs["drupal-barrio"].select_one(".field--name-field-tom-tat").get_text().endswith(truth["summary"])
    )


# ---- platform markers ---------------------------------------------------------------------------
@pytest.mark.parametrize("dialect", WPS)
def test_wps_dialects_carry_websphere_markers(dialect: str) -> None:
    s = site("wps2018", dialect)
    truths = [t for t in s.truths("live") if t["images"] or t["attachments"]]
    pages = [t["url"] for t in truths[:5]] + [s.info()["home"], s.info()["categories"][0]["listings"][0]]
    for url in pages:
        doc = soup_of(s, url)
        base = str(doc.find("base")["href"])
        assert base.startswith(BASE + "/wps/portal/Home") and WPS_STATE.search(base), url
        for css in (".wpthemeFrame", ".wpthemeHeader", ".wpthemeMainContent"):
            assert doc.select(css), (url, css)
        if dialect != "wps-classic":
            controls = doc.select(".component-control")
            assert controls and all(any(c.startswith("id-Z7_") for c in n["class"]) for n in controls)
            assert doc.select(".component-container")
        if dialect in ("wps-portal8", "wps-html5"):
            assert doc.select("section.ibmPortalControl")
        assert doc.select('a[href="/wps/myportal/Home"]')  # the robots-disallowed trap, on every page
    for truth in truths[:5]:
        links = link_urls(soup_of(s, truth["url"]), BASE)
        for item in [*truth["attachments"], *({"url": i["src"]} for i in truth["images"])]:
            path = urlsplit(item["url"])
            assert WCM_FILE.match(f"{path.path}?{path.query}")
        assert all(a["url"] in links for a in truth["attachments"])


@pytest.mark.parametrize("dialect", DRUPAL)
def test_drupal_dialects_carry_drupal_markers(dialect: str) -> None:
    s = site("drupal_gavias", dialect)
    for truth in s.truths("live")[:10]:
        doc = soup_of(s, truth["url"])
        assert doc.find("link", rel="canonical")["href"] == truth["url"]
        assert doc.find("link", rel="shortlink")["href"] == truth["shortlink"]
        assert re.fullmatch(BASE + r"/node/\d+", truth["shortlink"])
        assert body_of(s, truth["shortlink"]) == body_of(s, truth["url"])
        assert doc.select('article[class*="node--type-"]') and doc.select('[class*="field--name-body"]')
        assert doc.select('a[href="/user/login"]') and doc.select('form[action="/search/node"]')
        for item in [*truth["attachments"], *({"url": i["src"]} for i in truth["images"][:1])]:
            assert DRUPAL_FILE.match(urlsplit(item["url"]).path)
    big = site("drupal_gavias", dialect, 130)
    listings = [c["listings"][0] for c in big.info()["categories"]]
    doc = next(d for d in (soup_of(big, u) for u in listings) if d.select(NEXT[dialect]))  # a paged one
    assert doc.select(".js-pager__items a[rel=next]")
    if dialect == "drupal-barrio":
        assert not doc.select("nav.pager") and not doc.select(".pager__item--next")
    else:
        assert doc.select("nav.pager li.pager__item--next a[rel=next]")


# ---- parseable ----------------------------------------------------------------------------------
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
NOT_IN_P = {
    "address", "article", "aside", "blockquote", "div", "dl", "fieldset", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre", "section",
    "table", "ul",
}  # fmt: skip
PARENTS = {"li": {"ul", "ol"}, "tr": {"table", "tbody", "thead"}, "td": {"tr"}, "figcaption": {"figure"}}


class Balance(HTMLParser):
    """Tags close in order, no block inside <p>, lists and tables nest, ids are unique."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.ids: set[str] = set()
        self.errors: list[str] = []

    def _open(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.stack and self.stack[-1] == "p" and tag in NOT_IN_P:
            self.errors.append(f"<{tag}> inside <p>")
        if tag in PARENTS and (not self.stack or self.stack[-1] not in PARENTS[tag]):
            self.errors.append(f"<{tag}> inside <{self.stack[-1] if self.stack else None}>")
        for name, value in attrs:
            if name == "id":
                if value in self.ids:
                    self.errors.append(f"duplicate id {value}")
                self.ids.add(str(value))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()


def well_formed(html: str) -> list[str]:
    checker = Balance()
    checker.feed(html)
    checker.close()
    if checker.stack:
        checker.errors.append(f"unclosed {checker.stack}")
    return checker.errors


@pytest.mark.parametrize(("layout", "dialect"), [*CASES, *(("mixed", d) for d in MIXED)])
def test_pages_are_well_formed(layout: str, dialect: str) -> None:
    s = site(layout, dialect)
    info = s.info()
    urls = [t["url"] for t in s.truths("live")[::4]]
    urls += [u for c in info["categories"] for u in c["listings"]] + info["tags"][:2] + [info["home"]]
    if info["wps_home"]:
        urls.append(info["wps_home"])
    for url in urls:
        errors = well_formed(body_of(s, url))
        assert not errors, (url, errors[:5])
        assert BeautifulSoup(body_of(s, url), "lxml").find("body")
    for path in ("/khong-co-trang-nay", "/wps/portal/Home/khong-co", "/user/login", "/wps/myportal/Home"):
        assert not well_formed(s.resolve(path, "").body.decode()), path


# ---- listings in every dialect ------------------------------------------------------------------
def walk(s: Site, first: str, teaser_css: str, next_css: str) -> list[list[str]]:
    pages, url = [], first
    while url:
        doc = soup_of(s, url)
        base = base_of(doc, url)
        pages.append([urljoin(base, str(a["href"])) for a in doc.select(teaser_css)])
        found = doc.select(next_css)
        url = urljoin(base, str(found[0]["href"])) if found else None
        assert len(pages) < 40
    return pages


@pytest.mark.parametrize(
    ("layout", "dialect"), [*CASES, ("wps2018", "per-page"), ("drupal_gavias", "per-page")]
)
def test_listings_page_through_every_article_once(layout: str, dialect: str) -> None:
    s = site(layout, dialect, 130)
    names = dialects.NAMES["wps" if layout == "wps2018" else "drupal"]
    chosen = names if dialect == "per-page" else (dialect,)
    teaser_css = ", ".join(TEASERS[n] for n in chosen)
    next_css = ", ".join(NEXT[n] for n in chosen)
    seen: list[str] = []
    paged = 0
    for category in s.info()["categories"]:
        pages = walk(s, category["listings"][0], teaser_css, next_css)
        assert all(len(p) == 20 for p in pages[:-1]) and len(pages[-1]) <= 20
        paged += len(pages) > 1
        seen += [urlsplit(u)._replace(query="").geturl() for p in pages for u in p]
    assert paged >= 1
    live = {t["url"] for t in s.truths("live")}
    assert len(seen) == len(set(seen)) == len(live) and set(seen) == live


# ---- per-page mode ------------------------------------------------------------------------------
@pytest.mark.parametrize("layout", ["wps2018", "drupal_gavias", "mixed"])
def test_per_page_mode_uses_several_dialects_deterministically(layout: str) -> None:
    s = site(layout, "per-page")
    truths = s.truths("live")
    used = {t["dialect"] for t in truths}
    platforms = {"wps2018": [WPS], "drupal_gavias": [DRUPAL], "mixed": [WPS, DRUPAL]}[layout]
    for names in platforms:
        assert len(used & set(names)) >= 3
    for truth in truths[::2]:
        doc = soup_of(s, truth["url"])
        assert doc.select(FINGERPRINT[truth["dialect"]]), (truth["url"], truth["dialect"])
        check_article(s, truth)
    again = Site(seed=SEED, articles=ARTICLES, layout=layout, base_url=BASE, dialect="per-page")  # type: ignore[arg-type]
    assert all(again.resource(k).body == r.body for k, r in s.routes.items())  # type: ignore[union-attr]
    assert s.info()["dialect"] == "per-page"
    edited = s.edit(truths[0]["index"], title="Tiêu đề sửa trong chế độ từng trang")
    assert s.truth(edited.index)["dialect"] == truths[0]["dialect"]


def test_dialect_names_and_errors() -> None:
    assert dialects.canonical("olivero") == "drupal-olivero" and dialects.canonical("table") == "wps-table"
    assert dialects.parse("wps-html5,barrio") == (False, {"wps": "wps-html5", "drupal": "drupal-barrio"})
    assert dialects.parse("default") == (False, {"wps": "wps-classic", "drupal": "drupal-classic"})
    for bad in ("joomla", "olivero,barrio", "classic"):
        with pytest.raises(ValueError):
            dialects.parse(bad)
    with pytest.raises(ValueError, match="has none"):
        Site(articles=5, layout="wps2018", dialect="drupal-olivero")
    assert Site(articles=5, layout="mixed", dialect="olivero").info()["dialect"] == {
        "wps": "wps-classic",
        "drupal": "drupal-olivero",
    }


@pytest.mark.crawl  # the only test here that starts a server
def test_serve_dialect_option_over_http() -> None:
    with MirrorServer(articles=24, layout="mixed", seed=SEED, dialect="wps-table,drupal-olivero") as server:
        assert server.info()["dialect"] == {"wps": "wps-table", "drupal": "drupal-olivero"}
        truths = server.articles("live")
        for truth in (truths[0], truths[-1]):
            assert truth["dialect"] == ("wps-table" if truth["layout"] == "wps2018" else "drupal-olivero")
            with urllib.request.urlopen(truth["url"], timeout=10) as response:
                doc = BeautifulSoup(response.read(), "lxml")
            assert doc.select(FINGERPRINT[truth["dialect"]])
    with pytest.raises(RuntimeError, match="dialect"), MirrorServer(articles=5, dialect="joomla"):
        pass
