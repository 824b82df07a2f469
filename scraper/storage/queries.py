"""The analysts' questions, read from the database: what is new, search, history, changes, contacts.

Functions of a read session (``Store.reading()``) returning the typed models of ``scraper.storage.models``;
no SQL text elsewhere in the command line. "Since" means published or first seen at or after.
Lists take a ``limit`` and an ``offset`` (the web interface's pages; the command line gives none).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, true, union
from sqlalchemy.orm import Session, defer

from scraper.content.folding import Phrase
from scraper.storage.document_queries import LIGHT as DOCUMENT_LIGHT
from scraper.storage.document_queries import article_ids_citing_words
from scraper.storage.models import (
    LIVE,
    Article,
    ArticleTopic,
    ArticleUrl,
    ArticleVersion,
    Attachment,
    ChangeEvent,
    Contact,
    ContactVersion,
    CrawlRun,
    Document,
)
from scraper.storage.search import has_phrases, indexed_before, matches, paired, pairs_before, rank, rank_of
from scraper.timezone import SITE_TZ
from scraper.urls import identity

NEWEST = func.coalesce(Article.published_at, Article.first_seen)
# A listing never shows these: the page's HTML and the folded text are as long as the article.
LIGHT = (defer(Article.body_html), defer(Article.search_text))
ARTICLE_EVENTS = ("created", "updated")


@dataclass(frozen=True)
class Window:
    """Which articles "since" means: published since ``start``, or (``seen``) first seen since then."""

    start: datetime
    seen: bool = False


@dataclass(frozen=True)
class Hit:
    """A search result: the article and its rank (higher is better)."""

    article: Article
    rank: int


@dataclass(frozen=True)
class Change:
    """A change event with its article or its document (neither: the contact directory)."""

    event: ChangeEvent
    article: Article | None
    document: Document | None = None


def crawl_runs(session: Session, sites: Sequence[str] = ()) -> int:
    """How many crawl runs there are (of these sites; none named: of every site)."""
    query = select(func.count()).select_from(CrawlRun)
    if sites:
        query = query.where(CrawlRun.site.in_(sites))
    return session.scalar(query) or 0


def recent_runs(session: Session, limit: int, offset: int = 0, sites: Sequence[str] = ()) -> list[CrawlRun]:
    """The latest crawl runs (of these sites; none named: of every site), newest first."""
    query = select(CrawlRun).order_by(CrawlRun.id.desc()).limit(limit).offset(offset)
    if sites:
        query = query.where(CrawlRun.site.in_(sites))
    return list(session.scalars(query))


def sites(session: Session) -> list[str]:
    """Every site stored: of an article or of a crawl run (each along its ``site`` index)."""
    query = union(select(Article.site).distinct(), select(CrawlRun.site).distinct())
    return sorted(session.scalars(query))


def run_events(session: Session, run_id: int) -> Counter[str]:
    """How many article events of each kind a run stored (what a killed run, which never wrote its
    totals, did)."""
    query = (
        select(ChangeEvent.kind, func.count())
        .where(ChangeEvent.run_id == run_id, ChangeEvent.subject == "article")
        .group_by(ChangeEvent.kind)
    )
    return Counter({kind: count for kind, count in session.execute(query).tuples()})


def last_run_start(session: Session, sites: Sequence[str] = ()) -> datetime | None:
    """When the latest finished crawl run (of these sites; none named: of any) started."""
    query = select(CrawlRun.started_at).where(CrawlRun.finished_at.is_not(None))
    if sites:
        query = query.where(CrawlRun.site.in_(sites))
    return session.scalar(query.order_by(CrawlRun.started_at.desc()).limit(1))


@dataclass(frozen=True)
class Filters:
    """Which articles a list keeps: of these categories (any of them), with this topic, of these sites
    (any of them; ``Article.site``, a site profile's name). Nothing named: every one."""

    categories: Sequence[str] = ()
    topic: str | None = None
    sites: Sequence[str] = ()

    @property
    def narrows(self) -> bool:
        """Whether it leaves any article out."""
        return bool(self.categories or self.topic is not None or self.sites)

    def condition(self) -> ColumnElement[bool]:
        kept: list[ColumnElement[bool]] = [true()]
        if self.categories:
            kept.append(Article.category.in_(self.categories))
        if self.topic is not None:
            tagged = select(ArticleTopic.article_id).where(ArticleTopic.topic == self.topic)
            kept.append(Article.id.in_(tagged))
        if self.sites:
            kept.append(Article.site.in_(self.sites))
        return and_(*kept)


EVERY = Filters()


def new_articles(
    session: Session, since: Window, limit: int, offset: int = 0, filters: Filters = EVERY
) -> list[Article]:
    """Articles published (or first seen) since ``since.start``, newest first."""
    return _in_order(session, _newest_ids(session, since, filters.condition(), limit, offset))


def count_new(session: Session, since: Window, filters: Filters = EVERY) -> int:
    """How many articles ``new_articles`` would give without a limit."""
    counted = select(func.count()).select_from(Article).where(filters.condition())
    # Each part along an index: first sightings, or publication dates and the undated apart.
    parts = [_since(since)] if since.seen else _dated_and_undated(since)
    return sum(session.scalar(counted.where(part)) or 0 for part in parts)


def search(
    session: Session,
    wanted: list[Phrase],
    since: Window | None,
    filters: Filters,
    limit: int,
    offset: int = 0,
    among: Sequence[int] | None = None,
) -> list[Hit]:
    """Articles having every phrase, or attaching or citing a document that has them, kept by
    ``filters``; best rank first, then newest (``scraper.storage.search``); ``among``: only these
    (``newest_matches``'s, which applied the filters), ranked without matching them again."""
    if among is not None:  # a few hundred texts: read and ranked here (``rank_of``), in the same order
        texts = select(Article.id, Article.search_text, NEWEST).where(Article.id.in_(among))
        scored = sorted(
            ((rank_of(wanted, text), newest, i) for i, text, newest in session.execute(texts)), reverse=True
        )
        ranks = {article_id: score for score, _, article_id in scored[offset : offset + limit]}
    else:
        score = rank(wanted).label("rank")
        query: Select[int, int] = (
            select(Article.id, score)
            .where(_matching(session, wanted, since, filters))
            .order_by(score.desc(), NEWEST.desc(), Article.id.desc())
            .limit(limit)
            .offset(offset)
        )
        ranks = {article_id: score for article_id, score in session.execute(query)}
    return [Hit(article, ranks[article.id]) for article in _in_order(session, list(ranks))]


def newest_matches(
    session: Session, wanted: list[Phrase], since: Window | None, filters: Filters, most: int
) -> list[int]:
    """The ids of the ``most`` articles stored last that ``search`` finds: ranking reads each one's
    whole text, so a search that must stay cheap ranks these (``search(among=...)``) and no more.

    Articles are tested a batch at a time, highest id first, until there are enough. On SQLite the
    batches are the FTS5 index's ids. On PostgreSQL the newest articles are tested first; where few
    have them, the rest are the ids of its index of word pairs (phrases of two words or more).
    Otherwise (a common phrase, a single word) the newest articles themselves are tested while a batch
    holds many matches, then its index of words narrows what is left (filtering on it computes each
    article's words again)."""
    kept = _matching(session, wanted, since, filters, indexed=False)
    if session.get_bind().dialect.name == "sqlite":
        return _walked(session, kept, lambda before: indexed_before(wanted, before, most), most, 0)[0][:most]
    # The newest articles themselves first: how many have the phrases says how to find the rest.
    found, before = _walked(session, kept, lambda before: _ids_before(before, PROBED), most, PROBED + 1)
    if len(found) >= most or before is None:
        return found[:most]
    wanted_more = most - len(found)
    if paired(wanted) and len(found) < PROBED * PAIRED_BELOW:  # the index of pairs finds the phrases
        batches = lambda before: pairs_before(wanted, before, wanted_more)  # noqa: E731
        return found + _walked(session, kept, batches, wanted_more, 0, start=before)[0][:wanted_more]
    more, before = _walked(
        session, kept, lambda before: _ids_before(before, WALKED), wanted_more, DENSE, before
    )
    found += more
    if len(found) >= most or before is None:
        return found[:most]
    narrowed = (
        select(Article.id)
        .where(_matching(session, wanted, since, filters), Article.id < before)
        .offset(0)  # planned apart: along the text index, not filtering every article by its words
        .subquery()
    )
    rest = select(narrowed.c.id).order_by(narrowed.c.id.desc()).limit(most - len(found))
    return found + list(session.scalars(rest))


WALKED = 1000  # PostgreSQL: articles a batch tests, newest first
DENSE = 50  # and the matches in a batch for the next batch to be tested so, not through the text index
PROBED = 200  # the newest articles tested first
# Under this share of them having the phrases, the index of word pairs finds the rest: it reads every
# article having them, which costs less than walking the newest ones until there are enough.
PAIRED_BELOW = 0.2


def _walked(
    session: Session,
    kept: ColumnElement[bool],
    batches: Callable[[int | None], Select[int]],
    most: int,
    dense: int,
    start: int | None = None,
) -> tuple[list[int], int | None]:
    """The ids meeting ``kept`` among the ``batches`` (each of the ids below the last one, highest
    first, the first below ``start``), until ``most`` or a batch with fewer than ``dense``; and the
    last id tested (None: no more)."""
    found: list[int] = []
    before = start
    while batch := list(session.scalars(batches(before))):
        having = select(Article.id).where(Article.id.in_(batch), kept).order_by(Article.id.desc())
        matched = list(session.scalars(having))
        found += matched
        before = batch[-1]
        if len(found) >= most or len(matched) < dense:
            return found, before
    return found, None


def _ids_before(before: int | None, limit: int) -> Select[int]:
    """The ids below ``before`` (all of them for None), highest first, at most ``limit``."""
    query = select(Article.id)
    if before is not None:
        query = query.where(Article.id < before)
    return query.order_by(Article.id.desc()).limit(limit)


def _matching(
    session: Session,
    wanted: list[Phrase],
    since: Window | None,
    filters: Filters,
    indexed: bool = True,
) -> ColumnElement[bool]:
    """Having every phrase, in its own text or in a document it attaches or cites (``indexed``:
    narrowed by the text indexes first), since, kept by ``filters``."""
    dialect = session.get_bind().dialect.name
    via_documents = article_ids_citing_words(wanted, dialect)
    if indexed:
        own = select(Article.id).where(matches(wanted, dialect))
        kept: list[ColumnElement[bool]] = [Article.id.in_(union(own, via_documents))]
    else:
        kept = [or_(has_phrases(wanted), Article.id.in_(via_documents))]
    if since is not None:
        kept.append(_since(since))
    if filters.narrows:
        kept.append(filters.condition())
    return and_(*kept)


def categories(session: Session) -> list[str]:
    """Every category an article has."""
    query = select(Article.category).where(Article.category.is_not(None)).distinct()
    return sorted(session.scalars(query))


def article(session: Session, reference: str) -> Article | None:
    """The article with id ``reference``, or known under the URL ``reference`` (any spelling)."""
    if reference.isdigit():
        return session.get(Article, int(reference))
    owner = select(func.min(ArticleUrl.article_id)).where(ArticleUrl.identity == identity(reference))
    return session.scalar(select(Article).where(Article.id == owner.scalar_subquery()))


def urls(session: Session, article_id: int) -> list[str]:
    """Every URL an article was seen under, first seen first."""
    query = select(ArticleUrl.url).where(ArticleUrl.article_id == article_id)
    return list(session.scalars(query.order_by(ArticleUrl.first_seen, ArticleUrl.id)))


def attachments(session: Session, article_id: int) -> list[Attachment]:
    """The files an article links to."""
    query = select(Attachment).where(Attachment.article_id == article_id)
    return list(session.scalars(query.order_by(Attachment.id)))


def contacts(session: Session, article_id: int) -> list[Contact]:
    """The contact points an article gives, in its order."""
    query = select(Contact).where(Contact.article_id == article_id)
    return list(session.scalars(query.order_by(Contact.position)))


def versions(session: Session, article_id: int) -> list[ArticleVersion]:
    """Every distinct content of an article, oldest first."""
    query = select(ArticleVersion).where(ArticleVersion.article_id == article_id)
    return list(session.scalars(query.order_by(ArticleVersion.seen_at, ArticleVersion.id)))


def history(session: Session, article_id: int) -> list[ChangeEvent]:
    """An article's change log, oldest first."""
    query = select(ChangeEvent).where(ChangeEvent.article_id == article_id)
    return list(session.scalars(query.order_by(ChangeEvent.occurred_at, ChangeEvent.id)))


def changes(
    session: Session, since: datetime, limit: int, offset: int = 0, sites: Sequence[str] = ()
) -> list[Change]:
    """The change log since ``since``, newest first: articles, documents and the contact directory;
    of these sites (``ChangeEvent.site``; none named: of every site)."""
    return _changes(session, and_(ChangeEvent.occurred_at >= since, _of_sites(sites)), limit, offset)


def latest_changes(session: Session, limit: int, sites: Sequence[str] = ()) -> list[Change]:
    """The latest changes that are not an article's creation (of these sites), newest first."""
    return _changes(session, and_(ChangeEvent.kind != "created", _of_sites(sites)), limit)


def _of_sites(sites: Sequence[str]) -> ColumnElement[bool]:
    return ChangeEvent.site.in_(sites) if sites else true()


def _articles_of(sites: Sequence[str]) -> ColumnElement[bool]:
    return Article.site.in_(sites) if sites else true()


def _changes(session: Session, condition: ColumnElement[bool], limit: int, offset: int = 0) -> list[Change]:
    """The events meeting ``condition``, newest first: ordered on their time alone, then the page's
    events read with their articles (sorted with them, every article would be read)."""
    newest = ChangeEvent.occurred_at.desc(), ChangeEvent.id.desc()
    ids = select(ChangeEvent.id).where(condition).order_by(*newest).limit(limit).offset(offset)
    query = (
        select(ChangeEvent, Article, Document)
        .join(Article, Article.id == ChangeEvent.article_id, isouter=True)
        .join(Document, Document.id == ChangeEvent.document_id, isouter=True)
        .options(*LIGHT, *DOCUMENT_LIGHT)
        .where(ChangeEvent.id.in_(list(session.scalars(ids))))
        .order_by(*newest)
    )
    return [Change(event, article, document) for event, article, document in session.execute(query)]


def articles(
    session: Session, since: Window | None, page: int = 500, sites: Sequence[str] = ()
) -> Iterator[Article]:
    """Every article (published, or first seen, since ``since.start``; of these sites, none named: of
    every site), oldest first, a page at a time."""
    query = _listed().order_by(Article.id).limit(page)
    if since is not None:
        query = query.where(_since(since))
    if sites:
        query = query.where(Article.site.in_(sites))
    last = 0
    while found := list(session.scalars(query.where(Article.id > last))):
        yield from found
        last = found[-1].id
        session.expunge_all()  # what was yielded is not kept in memory


def topics(session: Session, article_ids: Iterable[int]) -> dict[int, list[str]]:
    """The topics of each of these articles."""
    ids = list(article_ids)
    found: defaultdict[int, list[str]] = defaultdict(list)
    for start in range(0, len(ids), 500):
        query = select(ArticleTopic.article_id, ArticleTopic.topic).where(
            ArticleTopic.article_id.in_(ids[start : start + 500])
        )
        for article_id, topic in session.execute(query.order_by(ArticleTopic.topic)):
            found[article_id].append(topic)
    return dict(found)


def topic_articles(
    session: Session, topic: str, limit: int, offset: int = 0, sites: Sequence[str] = ()
) -> list[Article]:
    """The newest live articles tagged with ``topic`` (of these sites; none named: of every site)."""
    condition = and_(Filters(topic=topic, sites=sites).condition(), Article.status == LIVE)
    return _in_order(session, _newest_ids(session, None, condition, limit, offset))


def topic_counts(session: Session, sites: Sequence[str] = ()) -> dict[str, int]:
    """How many articles each topic has (of these sites; none named: of every site)."""
    query = select(ArticleTopic.topic, func.count()).group_by(ArticleTopic.topic)
    if sites:
        query = query.join(Article, Article.id == ArticleTopic.article_id).where(Article.site.in_(sites))
    return {topic: n for topic, n in session.execute(query)}


def run_topic_articles(
    session: Session, run_id: int, topic: str, sites: Sequence[str] = ()
) -> list[tuple[str, Article]]:
    """(``created`` or ``updated``, article) for the articles with ``topic`` a run created or changed;
    only articles of these sites (``Article.site``; none named: of every site)."""
    tagged = select(ArticleTopic.article_id).where(ArticleTopic.topic == topic)
    query = (
        select(ChangeEvent.kind, Article)
        .join(Article, Article.id == ChangeEvent.article_id)
        .options(*LIGHT)
        .where(ChangeEvent.run_id == run_id, ChangeEvent.kind.in_(ARTICLE_EVENTS), Article.id.in_(tagged))
        .order_by(ChangeEvent.id)
    )
    if sites:
        query = query.where(Article.site.in_(sites))
    first: dict[int, tuple[str, Article]] = {}
    for kind, found in session.execute(query):
        first.setdefault(found.id, (kind, found))
    return list(first.values())


def monthly_counts(session: Session, sites: Sequence[str] = ()) -> list[tuple[str, int]]:
    """Articles (of these sites) per month of publication (local time, ``YYYY-MM``), every month from
    the first to the last, empty ones too."""
    dated = select(Article.published_at).where(Article.published_at.is_not(None), _articles_of(sites))
    months = Counter(
        when.astimezone(SITE_TZ).strftime("%Y-%m")
        for when in session.scalars(dated)
        if when is not None  # what the query leaves out: for the type checker
    )
    if not months:
        return []
    (year, month), last = map(int, min(months).split("-")), max(months)
    every = []
    while (name := f"{year:04d}-{month:02d}") <= last:
        every.append((name, months.get(name, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return every


def status_counts(session: Session, sites: Sequence[str] = ()) -> dict[str, int]:
    """How many articles (of these sites) are live and how many removed."""
    query = select(Article.status, func.count()).where(_articles_of(sites)).group_by(Article.status)
    return {status: n for status, n in session.execute(query)}


def category_counts(session: Session, sites: Sequence[str] = ()) -> list[tuple[str, int]]:
    """Articles (of these sites) per category, most first."""
    count = func.count().label("n")
    query = select(func.coalesce(Article.category, "(none)"), count).where(_articles_of(sites))
    query = query.group_by(Article.category)
    return [(name, n) for name, n in session.execute(query.order_by(count.desc(), Article.category))]


def directory(session: Session) -> list[Contact]:
    """The site-wide contact directory as last seen, in its order."""
    query = select(Contact).where(Contact.article_id.is_(None)).order_by(Contact.position)
    return list(session.scalars(query))


def directory_versions(session: Session) -> list[ContactVersion]:
    """Every distinct content of the contact directory, oldest first."""
    return list(session.scalars(select(ContactVersion).order_by(ContactVersion.seen_at, ContactVersion.id)))


def directory_history(session: Session) -> list[ChangeEvent]:
    """The contact directory's change log, oldest first."""
    query = select(ChangeEvent).where(ChangeEvent.subject == "contacts")
    return list(session.scalars(query.order_by(ChangeEvent.occurred_at, ChangeEvent.id)))


def _in_order(session: Session, ids: Select[int] | list[int]) -> list[Article]:
    """The articles with these ids (or the ids a query gives), in their order. A list is ordered on
    the few columns it sorts by, then only its page is read whole: sorting whole rows, SQLite reads
    every matching article's text."""
    wanted = ids if isinstance(ids, list) else list(session.scalars(ids))
    found = {a.id: a for a in session.scalars(_listed().where(Article.id.in_(wanted)))} if wanted else {}
    return [found[i] for i in wanted]


def _listed() -> Select[Article]:
    """Articles without the columns a listing never shows."""
    return select(Article).options(*LIGHT)


def _newest_ids(
    session: Session, since: Window | None, condition: ColumnElement[bool], limit: int, offset: int
) -> list[int]:
    """The ids of the articles meeting ``condition`` (and ``since``), newest first (``NEWEST``, then the
    id), from ``offset``. Dated articles are read along the index of their publication, undated ones
    along when they were first seen, and the two merged: ordered by ``NEWEST`` itself, a database
    reads every article."""
    wanted = offset + limit
    dated, undated = _dated_and_undated(since)
    by_date = (
        select(Article.id, Article.published_at)
        .where(dated, condition)
        .order_by(Article.published_at.desc(), Article.id.desc())
    )
    by_sighting = (
        select(Article.id, Article.first_seen)
        .where(undated, condition)
        .order_by(Article.first_seen.desc(), Article.id.desc())
    )
    found = [*session.execute(by_date.limit(wanted)), *session.execute(by_sighting.limit(wanted))]
    found.sort(key=lambda row: (row[1], row[0]), reverse=True)
    return [article_id for article_id, _ in found[offset:wanted]]


def _dated_and_undated(window: Window | None) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """``_since(window)`` as two conditions, for the articles with a publication date and the others,
    each of which an index can answer."""
    dated, undated = Article.published_at.is_not(None), Article.published_at.is_(None)
    if window is None:
        return dated, undated
    if window.seen:
        return and_(dated, Article.first_seen >= window.start), and_(
            undated, Article.first_seen >= window.start
        )
    return Article.published_at >= window.start, and_(undated, Article.first_seen >= window.start)


def _since(window: Window) -> ColumnElement[bool]:
    if window.seen:
        return Article.first_seen >= window.start
    return window.start <= NEWEST  # an article with no date counts from when it was first seen
