"""Deterministic articles from (seed, index): titles, datelines, bodies, files, bylines.

Every article is drawn from its own ``random.Random`` seeded by (seed, index), so article
``i`` is the same whatever the number of articles; only titles (kept unique) and the
publication times (spread over 2018-2025 for the whole set) depend on the others.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta, timezone
from typing import TypeVar

from mirror import addresses, wordpress
from mirror.corpus import Corpus, corpus
from mirror.documents import citing, official_document
from mirror.model import Article, Attachment, Category, DatelineKind, Image, Layout, SiteLayout
from mirror.vntext import day, day_time, fold, slugify

TZ = timezone(timedelta(hours=7))
FIRST_DAY = datetime(2018, 1, 2, tzinfo=TZ)
LAST_DAY = datetime(2025, 6, 30, tzinfo=TZ)
DATELINE_KINDS: tuple[DatelineKind, ...] = ("bracket", "plain", "time_first", "none")
DATELINE_SHARES = (70, 12, 10, 8)
DASHES = "––-"  # en dash twice as often as a hyphen
ATTACHMENT_SHARE = {"van-ban": 0.7, "thong-bao": 0.3}
OTHER_ATTACHMENT_SHARE = 0.08
DOCX_SHARE = 0.3  # of the attached documents; the rest are PDFs
DOCX_NAMED_PDF_SHARE = 0.05  # DOCX files saved with a .pdf name
DEFAULT_SOURCE = "Sở TT&TT AG"
T = TypeVar("T")


def _pick(rng: random.Random, options: Sequence[T]) -> T:
    """``rng.choice`` without its rejection sampling (several times faster)."""
    return options[int(rng.random() * len(options))]


def _between(rng: random.Random, low: int, high: int) -> int:
    """``rng.randint`` without its rejection sampling."""
    return low + int(rng.random() * (high - low + 1))


def _rng(seed: int, *parts: object) -> random.Random:
    return random.Random(":".join(str(p) for p in (seed, *parts)))


def publication_times(seed: int, count: int) -> list[datetime]:
    """``count`` strictly increasing times in office hours, spread over 2018-2025."""
    rng = _rng(seed, "times", count)
    span = (LAST_DAY - FIRST_DAY).days
    times = []
    for _ in range(count):
        base = FIRST_DAY + timedelta(days=rng.randrange(span + 1))
        times.append(base.replace(hour=rng.randint(7, 17), minute=rng.randrange(60)))
    times.sort()
    for i in range(1, count):
        if times[i] <= times[i - 1]:
            times[i] = times[i - 1] + timedelta(minutes=1)
    return times


def page_layout(site_layout: SiteLayout, index: int, count: int) -> Layout:
    """The layout of article ``index``: in ``mixed`` the older half is still WebSphere."""
    if site_layout == "mixed":
        return "wps2018" if index < count // 2 else "drupal_gavias"
    return site_layout


class ArticleFactory:
    """Makes articles one index at a time, keeping titles and Drupal slugs unique."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.corpus: Corpus = corpus()
        self._titles: set[str] = set()
        self._slugs: set[str] = set()
        self._files: set[str] = set()  # attached files' addresses: one file at each

    def make(
        self, index: int, published_at: datetime, layout: Layout, category: Category | None = None
    ) -> Article:
        rng = _rng(self.seed, "article", index)
        c = self.corpus
        cat = category or rng.choices(c.categories, weights=c.category_weights)[0]
        values = self._values(rng, published_at)
        title, values = self._title(rng, cat, values, published_at)
        slug = self._slug(title)
        uid = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        nid = 1000 + 3 * index + _between(rng, 0, 2)
        dateline = rng.choices(DATELINE_KINDS, weights=DATELINE_SHARES)[0]
        event_date = None
        paragraphs = self._paragraphs(rng, values)
        if rng.random() < 0.3:
            event = published_at - timedelta(days=_between(rng, 1, 6))
            event_date = day(event)
            opening = _pick(rng, c.openings).format_map({**values, "event_date": event_date})
            paragraphs[0] = f"{opening} {paragraphs[0]}"
        authors = _pick(rng, c.bylines) if rng.random() < 0.92 else ()
        tags = tuple(rng.sample(c.tags, _between(rng, 0, 3)))
        updated_at = (
            published_at + timedelta(minutes=_between(rng, 30, 4320)) if rng.random() < 0.15 else None
        )
        if layout == "wps2018":
            path = addresses.wps_article_path(cat.slug, uid)
        elif layout == "wordpress":
            path = wordpress.permalink(published_at, slug)
        else:
            path = addresses.drupal_article_path(cat.slug, slug)
        article = Article(
            index=index,
            uid=uid,
            nid=nid,
            category=cat,
            title=title,
            slug=slug,
            published_at=published_at,
            dateline=dateline,
            dash=_pick(rng, DASHES),
            source=_pick(rng, c.sources) if dateline in ("bracket", "plain") else None,
            lead=_pick(rng, c.leads).format_map(values),
            paragraphs=paragraphs,
            authors=authors,
            tags=tags,
            views=_between(rng, 40, 25000),
            layout=layout,
            path=path,
            image=self._image(rng, index, uid, published_at, layout, values) if rng.random() < 0.6 else None,
            attachment=self._attachment(rng, cat, uid, published_at, layout, values),
            event_date=event_date,
            updated_at=updated_at,
            meta_times=rng.random() < 0.5,
        )
        if article.attachment and article.attachment.document:
            article.paragraphs.append(citing(article.attachment.document))
        return article

    @staticmethod
    def _file_path(layout: Layout, uid: str, when: datetime, name: str) -> str:
        if layout == "wps2018":
            return addresses.wps_file_path(addresses.WPS_FILE_LIBRARY, uid, name)
        if layout == "wordpress":
            return wordpress.upload_path(when, name)
        return addresses.drupal_file_path(when, name)

    def _values(self, rng: random.Random, published_at: datetime) -> dict[str, str]:
        c = self.corpus
        values = {name: _pick(rng, options) for name, options in c.slots.items()}
        year = published_at.year
        person = _pick(rng, c.people)
        values.update(
            year=str(year),
            y0=str(year - _pick(rng, (5, 10))),
            y5=str(year + 5),
            prev_year=str(year - 1),
            quarter=_pick(rng, ("I", "II", "III", "IV")),
            round=str(_between(rng, 1, 3)),
            years=str(_pick(rng, (5, 10, 15))),
            org2=_pick(rng, [o for o in c.slots["org"] if o != values["org"]]),
            person=person,
            person_cap=person[0].upper() + person[1:].replace(" - ", ", "),
            activity_short=_pick(rng, c.activity_short),
            short_date=day(published_at)[:5],
            deadline=day(published_at + timedelta(days=_between(rng, 7, 40))),
            doc_no=str(_between(rng, 12, 4999)),
            num2=f"{_between(rng, 1, 12):02d}",
            num3=str(_between(rng, 10, 60)),
            num4=f"{_between(rng, 1, 250) * 1000:,}".replace(",", "."),
            pct=str(_between(rng, 40, 98)),
            pct2=str(_between(rng, 2, 25)),
        )
        values["qualifier"] = values["qualifier"].format_map(values)
        values["topic_phrase"] = _pick(
            rng, [values[k] for k in ("topic", "dx_topic", "foreign_topic", "border_topic", "press_topic")]
        )
        values["activity_phrase"] = f"{values['activity']} về {values['topic_phrase']}"
        values["notice_phrase"] = values["notice"]
        values["code_plain"] = fold(values["doc_code"])
        values["topic_ascii"] = fold(values["dx_topic"]).lower()
        return values

    def _title(
        self, rng: random.Random, cat: Category, values: dict[str, str], published_at: datetime
    ) -> tuple[str, dict[str, str]]:
        """A title not used yet, and the slot values it was drawn with."""
        patterns = self.corpus.title_patterns[cat.slug]
        title = ""
        for _ in range(6):
            title = _pick(rng, patterns).format_map(values)
            title = title[0].upper() + title[1:]
            if title not in self._titles:
                break
            values = self._values(rng, published_at)
        base, round_no = title, 2
        while title in self._titles:
            title = f"{base} (đợt {round_no})"
            round_no += 1
        self._titles.add(title)
        return title, values

    def _slug(self, title: str) -> str:
        base = slugify(title)
        slug, n = base, 2
        while slug in self._slugs:
            slug = f"{base}-{n}"
            n += 1
        self._slugs.add(slug)
        return slug

    def claim_title(self, title: str) -> None:
        """An edited title: later articles will not be given it."""
        self._titles.add(title)

    def _paragraphs(self, rng: random.Random, values: dict[str, str]) -> list[str]:
        pool = self.corpus.sentences
        count = _between(rng, 3, 8)
        picks = rng.sample(range(len(pool)), min(len(pool), count * 3))
        paragraphs = []
        for n in range(count):
            size = _between(rng, 1, 3)
            chosen = picks[n * 3 : n * 3 + size]
            paragraphs.append(" ".join(pool[i].format_map(values) for i in chosen))
        return paragraphs

    def _image(
        self,
        rng: random.Random,
        index: int,
        uid: str,
        when: datetime,
        layout: Layout,
        values: dict[str, str],
    ) -> Image:
        caption = _pick(rng, self.corpus.captions).format_map(values)
        name = f"anh-{index}.png"
        if layout == "wps2018":
            src = addresses.wps_file_path(addresses.WPS_IMAGE_LIBRARY, uid, name)
            return Image(src=src, thumb=None, caption=caption)
        if layout == "wordpress":
            return Image(src=wordpress.upload_path(when, name), thumb=None, caption=caption)
        return Image(
            src=addresses.drupal_inline_image_path(name),
            thumb=addresses.drupal_file_path(when, f"thumb-{index}.png"),
            caption=caption,
        )

    def _attachment(
        self,
        rng: random.Random,
        cat: Category,
        uid: str,
        when: datetime,
        layout: Layout,
        values: dict[str, str],
    ) -> Attachment | None:
        if rng.random() >= ATTACHMENT_SHARE.get(cat.slug, OTHER_ATTACHMENT_SHARE):
            return None
        stem = _pick(rng, self.corpus.file_stems).format_map(values)
        pages = _between(rng, 1, 12)
        # The document's own draws: the article's stay what they were before files were documents.
        kind = _rng(self.seed, "document", uid).random()
        file_format, extension = ("docx", ".docx") if kind < DOCX_SHARE else ("pdf", ".pdf")
        if kind < DOCX_NAMED_PDF_SHARE:
            extension = ".pdf"  # saved under the wrong name: its bytes say what it is
        name = stem + extension
        path = self._file_path(layout, uid, when, name)
        for copy in range(1000):
            if path not in self._files:
                break
            # Drupal renames a second upload of the same name in a month: "ke hoach 12_0.pdf".
            name = f"{stem}_{copy}{extension}"
            path = self._file_path(layout, uid, when, name)
        self._files.add(path)
        document = official_document(f"{self.seed}:document:{uid}", when)
        return Attachment(path=path, name=name, pages=pages, document=document, format=file_format)


def generate_articles(seed: int, count: int, layout: SiteLayout) -> tuple[ArticleFactory, list[Article]]:
    """The site's ``count`` articles, oldest first (index 0 is the oldest)."""
    factory = ArticleFactory(seed)
    times = publication_times(seed, count)
    articles = [factory.make(i, times[i], page_layout(layout, i, count)) for i in range(count)]
    return factory, articles


def next_publication_time(seed: int, index: int, newest: datetime) -> datetime:
    """When added article ``index`` appears: a little after the newest one."""
    return newest + timedelta(minutes=_rng(seed, "added", index).randint(20, 600))


def dateline_text(article: Article) -> str | None:
    """What opens the lead: ``13/12/2021 (Sở TT&TT AG)``, ``16/11/2021 Sở TT&TT AG``, ``05:07 20/10/2021``.

    WebSphere pages have no other date, so an article without a dateline gets the bracket
    form there.
    """
    kind = dateline_kind(article)
    when = article.published_at
    source = source_tag(article)
    if kind == "bracket":
        return f"{day(when)} ({source})"
    if kind == "plain":
        return f"{day(when)} {source}"
    if kind == "time_first":
        return f"{when:%H:%M} {day(when)}"
    return None


def dateline_kind(article: Article) -> DatelineKind:
    if article.dateline == "none" and article.layout == "wps2018":
        return "bracket"
    return article.dateline


def source_tag(article: Article) -> str | None:
    """The source tag the dateline shows, if any."""
    if dateline_kind(article) in ("bracket", "plain"):
        return article.source or DEFAULT_SOURCE
    return None


def lead_line(article: Article) -> str:
    """The first line of the article: dateline, dash, lead."""
    dateline = dateline_text(article)
    return f"{dateline} {article.dash} {article.lead}" if dateline else article.lead


def byline(article: Article) -> str | None:
    return f" {article.dash} ".join(article.authors) if article.authors else None


def updated_text(article: Article) -> str | None:
    return f"Cập nhật: {day_time(article.updated_at)}" if article.updated_at else None
