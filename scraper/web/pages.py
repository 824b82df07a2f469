"""The pages: what is new (the home page), search, an article, the change log, topics, the runs.

Every page is an address that says what it shows (``/search?q=bien+gioi&since=7d``), so it can be
bookmarked and shared; lists are paged with ``limit`` and ``offset``. The answers are
``scraper.web.answers``'s, the API's too.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request
from starlette.responses import HTMLResponse, RedirectResponse

from scraper.web import answers
from scraper.web.params import AskedParam, PageParam, SearchedParam, SelectionParam, SitesParam
from scraper.web.site import NotFound, SiteParam
from scraper.web.templating import render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
ArticleId = Annotated[int, Path(ge=1, le=2**63 - 1, description="the article's id")]


@router.get("/", name="new")
def new(request: Request, site: SiteParam, selection: SelectionParam, page: PageParam) -> HTMLResponse:
    with site.database.reading() as session:
        known = site.known(session)
        answer = answers.new_articles(session, selection, known, page)
        return render(request, "new.html", answer=answer, selection=selection, known=known)


@router.get("/search", name="search")
def search(request: Request, site: SiteParam, searched: SearchedParam, page: PageParam) -> HTMLResponse:
    """The form, and with a query its results."""
    with site.database.reading() as session:
        known = site.known(session)
        results = answers.search(session, searched, known, page) if searched.phrases else None
        return render(request, "search.html", searched=searched, results=results, known=known)


@router.get("/articles/{article_id}", name="article")
def article(request: Request, site: SiteParam, article_id: ArticleId) -> HTMLResponse:
    with site.database.reading() as session:
        found = answers.article(session, article_id)
        if found is None:
            raise NotFound(f"no article {article_id}")
        return render(request, "article.html", page=found, article=found.shown.article)


@router.get("/changes", name="changes")
def changes(
    request: Request, site: SiteParam, asked: AskedParam, sites: SitesParam, page: PageParam
) -> HTMLResponse:
    with site.database.reading() as session:
        known = site.known(session)
        answer = answers.changes(session, asked, sites, known, page)
        return render(request, "changes.html", answer=answer, asked=asked, known=known)


@router.get("/topics", name="topics")
def topics(request: Request, site: SiteParam) -> HTMLResponse:
    with site.database.reading() as session:
        return render(request, "topics.html", found=answers.topics(session, site.watchlist))


@router.get("/topics/{name}", name="topic")
def topic(request: Request, site: SiteParam, name: str, page: PageParam) -> HTMLResponse:
    chosen = site.topic(name)
    with site.database.reading() as session:
        listing = answers.topic_articles(session, chosen, page)
        return render(request, "topic.html", topic=chosen, listing=listing)


@router.get("/runs", name="runs")
def runs(request: Request, site: SiteParam, page: PageParam) -> HTMLResponse:
    with site.database.reading() as session:
        listing = answers.runs(session, site.database.url, page)
        return render(request, "runs.html", listing=listing)


@router.get("/favicon.ico")
def favicon() -> RedirectResponse:
    """Where browsers look for an icon when a page (a feed, say) names none."""
    return RedirectResponse("/static/favicon.svg", status_code=301)
