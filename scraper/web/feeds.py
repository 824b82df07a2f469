"""Atom feeds at stable addresses, with conditional GET: ``/feeds/topics/<topic>.atom`` and
``/feeds/changes.atom``; ``?site=NAME`` (repeatable) scopes either to some sites, and the feed then
names them (a known profile's display name and address).

A topic's feed is ``python -m scraper.cli feed --topic <topic>``'s (``scraper.outputs.feed.atom``).
The change log's feed has an entry for each of the latest changes that are not a creation (new
articles are in the topics' feeds): an update with the words that changed, a removal, a
restoration, a move; each links to the article's page here. Every answer has an ``ETag`` (a hash of
the feed) and a ``Last-Modified`` (its newest entry); a reader that sends either back gets a 304.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

from fastapi import APIRouter, Request
from starlette.responses import Response

from scraper.cli.base import chosen_sites
from scraper.cli.feed import feed_home
from scraper.cli.listing import event_note
from scraper.cli.report import shown_change
from scraper.outputs.feed import Entry, atom, entries_atom, newest, newest_entry
from scraper.outputs.labels import document_label, event_name
from scraper.settings import WEB_FEED_ENTRIES
from scraper.storage import Session, queries
from scraper.storage.queries import Change
from scraper.web.params import SitesParam
from scraper.web.site import SiteParam

ATOM = "application/atom+xml; charset=utf-8"
EPOCH = datetime(2018, 1, 1, tzinfo=UTC)  # an empty feed's time: no entry, nothing changed

router = APIRouter(prefix="/feeds", tags=["feeds"])


@router.get("/topics/{name}.atom", name="topic_feed", summary="Atom feed of a topic's newest articles")
def topic_feed(request: Request, site: SiteParam, name: str, sites: SitesParam) -> Response:
    topic = site.topic(name)
    with site.database.reading() as session:
        chosen = chosen_sites(site.sites(session), sites)
        found = queries.topic_articles(session, topic.name, WEB_FEED_ENTRIES, sites=chosen)
        topics = queries.topics(session, (a.id for a in found))
        home = feed_home(chosen)
        title = f"{topic.title} – {home.name}"
        xml = atom(f"topic/{topic.name}{home.key}", title, home.link, found, topics, EPOCH)
    return _conditional(request, xml, newest(found, EPOCH))


@router.get("/changes.atom", name="changes_feed", summary="Atom feed of the latest changes")
def changes_feed(request: Request, site: SiteParam, sites: SitesParam) -> Response:
    with site.database.reading() as session:
        chosen = chosen_sites(site.sites(session), sites)
        latest = queries.latest_changes(session, WEB_FEED_ENTRIES, sites=chosen)
        entries = [_entry(request, session, c) for c in latest]
    home = feed_home(chosen)
    xml = entries_atom(f"changes{home.key}", f"Thay đổi – {home.name}", home.link, entries, EPOCH)
    return _conditional(request, xml, newest_entry(entries, EPOCH))


def _entry(request: Request, session: Session, change: Change) -> Entry:
    event, article, document = change.event, change.article, change.document
    subject = article.title if article else document_label(document) if document else "Danh bạ liên hệ"
    kind = event_name(event)
    lines = [f"{kind}{event_note(event)}"]
    for field in shown_change(session, change).fields:
        lines += [f"{field.field}:", field.diff]
    if len(lines) == 1 and event.diff:
        lines.append(event.diff)
    if article:
        link: str | None = str(request.url_for("article", article_id=article.id))
    else:
        link = str(request.url_for("document", document_id=document.id)) if document else None
    return Entry(f"change/{event.id}", f"{kind}: {subject}", link, event.occurred_at, "\n".join(lines))


def _conditional(request: Request, xml: bytes, updated: datetime) -> Response:
    """The feed, or a 304 when the reader has it already (its ETag, or no change since ``updated``,
    its newest entry's time)."""
    etag = f'"{hashlib.sha256(xml).hexdigest()[:32]}"'
    modified = updated.astimezone(UTC).replace(microsecond=0)  # HTTP dates are to the second
    headers = {
        "ETag": etag,
        "Last-Modified": format_datetime(modified, usegmt=True),
        "Cache-Control": "no-cache",
    }
    if _fresh(request, etag, modified):
        return Response(status_code=304, headers=headers)
    return Response(xml, media_type=ATOM, headers=headers)


def _fresh(request: Request, etag: str, modified: datetime) -> bool:
    """Whether the reader's copy is this one: If-None-Match decides when sent, else If-Modified-Since."""
    if (tags := request.headers.get("if-none-match")) is not None:
        sent = {tag.strip().removeprefix("W/") for tag in tags.split(",")}
        return etag in sent or "*" in sent
    if (since := request.headers.get("if-modified-since")) is not None:
        try:
            return modified <= parsedate_to_datetime(since)
        except (TypeError, ValueError):  # not an HTTP date: send the feed
            return False
    return False
