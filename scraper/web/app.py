"""The application: pages, feeds and the JSON API over one database, read-only, and what errors look like.

``create_app(database_url)`` gives the ASGI application ``python -m scraper.web`` serves with uvicorn.
Every error is one plain message, never a traceback: a bad parameter 400, an unknown article or
topic 404, a database that cannot answer 503 (its reason goes to the server's log), anything else
500. Under ``/api/`` and ``/feeds/`` the message is JSON or text; elsewhere it is a page.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.responses import PlainTextResponse, Response

from scraper.cli.base import CliError
from scraper.content.watchlist import WatchlistError, load
from scraper.web import api, documents, feeds, pages
from scraper.web.database import Database, Unavailable
from scraper.web.params import BadRequest
from scraper.web.security import ReadOnly
from scraper.web.site import NotFound, Site
from scraper.web.templating import environment, render

logger = logging.getLogger(__name__)
STATIC = "static"


def create_app(database_url: str, watchlist_path: str | None = None) -> FastAPI:
    """The application on ``database_url``; the watchlist at ``watchlist_path`` (None: the shipped one)."""
    watchlist = load(watchlist_path)
    database = Database(database_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        database.close()

    app = FastAPI(
        title="sotttt-monitor",
        summary="What the monitor of sotttt.angiang.gov.vn stored: new articles, search, history, runs.",
        version="1",
        docs_url=None,  # Swagger UI and ReDoc load scripts from elsewhere: the CSP forbids them
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.site = Site(database, watchlist, environment(watchlist))
    for router in (pages.router, documents.pages, feeds.router, api.router, documents.api):
        app.include_router(router)
    app.mount("/static", StaticFiles(packages=[("scraper.web", STATIC)]), name=STATIC)
    app.add_exception_handler(BadRequest, _bad_request)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(CliError, _bad_request)  # an unknown category, --since last-run with no run
    app.add_exception_handler(WatchlistError, _bad_request)
    app.add_exception_handler(NotFound, _not_found)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(Unavailable, _unavailable)
    app.add_exception_handler(Exception, _crashed)
    app.add_middleware(ReadOnly)
    return app


def error(request: Request, status: int, message: str) -> Response:
    """An error as the part of the site asked for expects it: JSON, text or a page."""
    path = request.url.path
    if path.startswith("/api/") or path == "/openapi.json":
        return api.SafeJSONResponse({"error": message}, status_code=status)
    if path.startswith(("/feeds/", "/static/")):
        return PlainTextResponse(message + "\n", status_code=status)
    return render(request, "error.html", status, status=status, message=message)


async def _bad_request(request: Request, exc: Exception) -> Response:
    return error(request, 400, str(exc))


async def _invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for problem in exc.errors():
        where = ".".join(str(part) for part in problem.get("loc", ())[1:]) or "request"
        problems.append(f"{where}: {problem.get('msg', 'invalid')}")
    return error(request, 400, "; ".join(problems))


async def _not_found(request: Request, exc: Exception) -> Response:
    return error(request, 404, str(exc))


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = "no such page" if exc.status_code == 404 else str(exc.detail)
    return error(request, exc.status_code, message)


async def _unavailable(request: Request, exc: Exception) -> Response:
    response = error(request, 503, "the database cannot be read just now: try again in a minute")
    response.headers["Retry-After"] = "60"
    return response


async def _crashed(request: Request, exc: Exception) -> Response:
    logger.exception("error answering %s", request.url.path)
    return error(request, 500, "something went wrong on the server; it is in the server's log")
