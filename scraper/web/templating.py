"""Server-rendered pages: Jinja2 templates (``scraper/web/templates``), autoescaped, every value inert.

Crawled text is untrusted. Jinja2 escapes every ``{{ value }}``, after ``security.inert`` has taken
control and bidi characters out of it; the only markup a template is given ready-made is a diff
(``scraper.outputs.report.diff_html``, which escapes the text it marks). Links to the site go
through ``href``: only http(s) addresses become links. Times are shown in +07:00.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from starlette.datastructures import URL
from starlette.requests import Request
from starlette.responses import HTMLResponse

from scraper.cli import status
from scraper.cli.listing import event_note
from scraper.content.times import local
from scraper.content.untrusted import safe_href
from scraper.content.watchlist import Watchlist
from scraper.outputs.labels import event_name
from scraper.outputs.report import diff_html
from scraper.settings import WEB_SEARCH_CANDIDATES
from scraper.web.security import inert


def environment(watchlist: Watchlist) -> Environment:
    """The templates, with the feeds every page announces (the change log's, each topic's)."""
    env = Environment(
        loader=PackageLoader("scraper.web", "templates"),
        autoescape=True,
        finalize=inert,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        local=local,
        href=safe_href,
        diff=lambda text: Markup(diff_html(text)),  # diff_html escapes what it marks
        note=lambda event: event_note(event).removeprefix(": "),
        event_name=event_name,
        verdict=status.verdict,
        coverage=status.coverage,
    )
    env.globals.update(
        topics=watchlist.topics, with_params=with_params, pager=pager, candidates=WEB_SEARCH_CANDIDATES
    )
    return env


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """The template ``name`` as a page; ``url`` (the page's address) is in every template."""
    env: Environment = request.app.state.site.templates
    page = env.get_template(name).render(url=request.url, **context)
    return HTMLResponse(page, status_code=status_code)


def with_params(url: URL, **changed: Any) -> str:
    """This page's address (path and query) with some parameters changed: pager links and the like."""
    changed_url = url.include_query_params(**changed)
    return f"{changed_url.path}?{changed_url.query}"


def pager(url: URL, offset: int, limit: int, more: bool) -> dict[str, str | None]:
    """The previous and next pages' addresses (None at either end)."""
    return {
        "previous": with_params(url, offset=max(0, offset - limit)) if offset else None,
        "next": with_params(url, offset=offset + limit) if more else None,
    }
