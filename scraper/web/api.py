"""The JSON API (``/api/...``, described at ``/openapi.json``): the pages' questions, for programs.

Each list is ``{"items": [...], "limit", "offset", "next"}`` (``next``: the address of the next page,
or null); its items are the command line's ``--json`` records (``scraper.cli``), so the API and
``python -m scraper.cli new --json`` give the same articles on the same database. Times are ISO 8601
in +07:00. Text is escaped so that nothing in it reads as markup or reorders what is around it.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse

from scraper.cli.changes import change_json
from scraper.cli.listing import article_json
from scraper.cli.search import hit_json
from scraper.cli.show import shown_json
from scraper.cli.status import run_json
from scraper.content.times import iso
from scraper.storage import queries
from scraper.web import answers
from scraper.web.answers import Listing
from scraper.web.pages import ArticleId
from scraper.web.params import AskedParam, PageParam, SearchedParam, SelectionParam, SitesParam
from scraper.web.security import inert_json
from scraper.web.site import NotFound, SiteParam
from scraper.web.templating import with_params


class SafeJSONResponse(JSONResponse):
    def render(self, content: Any) -> bytes:
        return inert_json(content).encode("utf-8")


router = APIRouter(prefix="/api", tags=["api"], default_response_class=SafeJSONResponse)


def page_of(request: Request, listing: Listing[Any], items: list[Any], **extra: Any) -> dict[str, Any]:
    page = listing.page
    following = with_params(request.url, offset=page.offset + page.limit) if listing.more else None
    return {**extra, "limit": page.limit, "offset": page.offset, "next": following, "items": items}


@router.get("/new", summary="Articles published (or first seen) since a time, newest first")
def new(request: Request, site: SiteParam, selection: SelectionParam, page: PageParam) -> dict[str, Any]:
    """``since`` a date or duration: published since; ``last-run`` (the default): first seen since the
    last crawl began; ``seen_since``: first seen since. ``total``: how many there are in all."""
    with site.database.reading() as session:
        answer = answers.new_articles(session, selection, site.known(session), page)
    items = [article_json(a, answer.topics.get(a.id, [])) for a in answer.articles.items]
    window = {"since": iso(answer.window.start), "seen": answer.window.seen, "total": answer.total}
    return page_of(request, answer.articles, items, **window)


@router.get("/search", summary="Full-text search, diacritics and case ignored, best match first")
def search(request: Request, site: SiteParam, searched: SearchedParam, page: PageParam) -> dict[str, Any]:
    """Each item has the article, its ``rank``, a ``snippet`` around the first match and the
    ``matches`` in it, as ``python -m scraper.cli search --json`` gives them. At most 500 matching
    articles are ranked, the ones stored last; ``capped`` says more match (narrow with ``since``)."""
    with site.database.reading() as session:
        results = answers.search(session, searched, site.known(session), page)
    items = [hit_json(f.hit, f.snippet, results.topics.get(f.hit.article.id, [])) for f in results.hits.items]
    phrases = [" ".join(p) for p in results.phrases]
    return page_of(request, results.hits, items, phrases=phrases, capped=results.capped)


@router.get("/articles/{article_id}", summary="One article: fields, addresses, files, versions, change log")
def article(site: SiteParam, article_id: ArticleId) -> dict[str, Any]:
    """As ``python -m scraper.cli show ID --history --json``, with the article's ``contacts``."""
    with site.database.reading() as session:
        found = answers.article(session, article_id)
        if found is None:
            raise NotFound(f"no article {article_id}")
        shown = shown_json(found.shown)
    contacts = [
        {"name": c.name, "role": c.role, "phones": c.phones, "emails": c.emails} for c in found.contacts
    ]
    return {**shown, "contacts": contacts}


@router.get("/changes", summary="The change log since a time, newest first")
def changes(
    request: Request, site: SiteParam, asked: AskedParam, sites: SitesParam, page: PageParam
) -> dict[str, Any]:
    """``since``: a date, a duration or ``last-run`` (the default); ``site``: only these sites' changes."""
    with site.database.reading() as session:
        answer = answers.changes(session, asked, sites, site.known(session), page)
    items = [change_json(c) for c in answer.changes.items]
    return page_of(request, answer.changes, items, since=iso(answer.start))


@router.get("/topics", summary="The watchlist's topics, their article counts and newest articles")
def topics(request: Request, site: SiteParam) -> dict[str, Any]:
    with site.database.reading() as session:
        found = answers.topics(session, site.watchlist)
        tagged = queries.topics(session, (a.id for t in found for a in t.newest))
    items = [
        {
            "topic": t.topic.name,
            "title": t.topic.title,
            "keywords": list(t.topic.keywords),
            "articles": t.count,
            "feed": str(request.url_for("topic_feed", name=t.topic.name)),
            "newest": [article_json(a, tagged.get(a.id, [])) for a in t.newest],
        }
        for t in found
    ]
    return {"items": items}


@router.get("/topics/{name}", summary="A topic's live articles, newest first")
def topic(request: Request, site: SiteParam, name: str, page: PageParam) -> dict[str, Any]:
    chosen = site.topic(name)
    with site.database.reading() as session:
        listing = answers.topic_articles(session, chosen, page)
        tagged = queries.topics(session, (a.id for a in listing.items))
    items = [article_json(a, tagged.get(a.id, [])) for a in listing.items]
    return page_of(request, listing, items, topic=chosen.name)


@router.get("/runs", summary="The crawl runs, newest first, with their monitors' verdicts")
def runs(request: Request, site: SiteParam, page: PageParam) -> dict[str, Any]:
    """As ``python -m scraper.cli status --json``: counts, coverage, ``monitors`` and how it ``ended``."""
    with site.database.reading() as session:
        listing = answers.runs(session, site.database.url, page)
    return page_of(request, listing, [run_json(s) for s in listing.items])
