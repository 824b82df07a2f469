"""The documents: a page and an API list (by words, type, issuer, year, number), a page per document.

What ``python -m scraper.cli documents`` answers, with the same filters and the same JSON records
(``document_json``): a type or an issuer named in part, diacritics ignored; a number however typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.responses import HTMLResponse

from scraper.cli.documents import document_filter, document_json
from scraper.content.folding import Phrase
from scraper.settings import WEB_MAX_QUERY_CHARACTERS
from scraper.storage import Session
from scraper.storage import document_queries as queries
from scraper.storage.document_queries import Link
from scraper.storage.models import ChangeEvent, Document
from scraper.web.answers import Listing, listing_of, one_more
from scraper.web.api import SafeJSONResponse, page_of
from scraper.web.params import Page, PageParam, search_phrases
from scraper.web.site import NotFound, SiteParam
from scraper.web.templating import render

pages = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
api = APIRouter(prefix="/api", tags=["api"], default_response_class=SafeJSONResponse)
DocumentId = Annotated[int, Path(ge=1, le=2**63 - 1, description="the document's id")]
Text = Annotated[str, Query(max_length=WEB_MAX_QUERY_CHARACTERS)]


@dataclass(frozen=True)
class DocumentsAsked:
    """Which documents, as given (empty: any)."""

    q: str
    type: str
    issuer: str
    year: int | None
    number: str

    @property
    def phrases(self) -> list[Phrase]:
        return search_phrases(self.q) if self.q.strip() else []


def _asked(
    q: Annotated[Text, Query(description="words in their text, diacritics and case ignored")] = "",
    type: Annotated[Text, Query(description="of this type, named in part: 'ke hoach'")] = "",
    issuer: Annotated[Text, Query(description="issued by a body so named, in part")] = "",
    year: Annotated[int | None, Query(ge=1945, le=2100, description="issued in this year")] = None,
    number: Annotated[Text, Query(description="numbered so, however typed: 34/2024/qd-ubnd")] = "",
) -> DocumentsAsked:
    return DocumentsAsked(q, type, issuer, year, number)


AskedParam = Annotated[DocumentsAsked, Depends(_asked)]


@dataclass(frozen=True)
class Documents:
    found: Listing[Document]
    links: dict[int, list[Link]]
    types: list[str]


def documents(session: Session, asked: DocumentsAsked, page: Page) -> Documents:
    wanted = document_filter(
        session,
        [asked.type] if asked.type.strip() else [],
        [asked.issuer] if asked.issuer.strip() else [],
        asked.year,
        asked.number.strip() or None,
        asked.phrases,
    )
    hits = queries.documents(session, wanted, one_more(page), page.offset)
    found = listing_of([hit.document for hit in hits], page)
    links = queries.links(session, (d.id for d in found.items))
    return Documents(found, links, queries.doc_types(session))


@dataclass(frozen=True)
class DocumentPage:
    document: Document
    links: list[Link]
    events: list[ChangeEvent]


def document(session: Session, document_id: int) -> DocumentPage:
    found = queries.document(session, document_id)
    if found is None:
        raise NotFound(f"no document {document_id}")
    return DocumentPage(
        found,
        queries.links(session, [document_id]).get(document_id, []),
        queries.history(session, document_id),
    )


@pages.get("/documents", name="documents")
def documents_page(request: Request, site: SiteParam, asked: AskedParam, page: PageParam) -> HTMLResponse:
    with site.database.reading() as session:
        return render(request, "documents.html", answer=documents(session, asked, page), asked=asked)


@pages.get("/documents/{document_id}", name="document")
def document_page(request: Request, site: SiteParam, document_id: DocumentId) -> HTMLResponse:
    with site.database.reading() as session:
        return render(request, "document.html", page=document(session, document_id))


@api.get("/documents", summary="Attached and cited documents: by words, type, issuer, year, number")
def documents_api(request: Request, site: SiteParam, asked: AskedParam, page: PageParam) -> dict[str, Any]:
    """The records of ``python -m scraper.cli documents --json``, newest issued first (the best
    match first for words)."""
    with site.database.reading() as session:
        answer = documents(session, asked, page)
        items = [document_json(d, answer.links.get(d.id, [])) for d in answer.found.items]
        return page_of(request, answer.found, items)


@api.get(
    "/documents/{document_id}", summary="One document: what it says, its articles, its change log, its text"
)
def document_api(site: SiteParam, document_id: DocumentId) -> dict[str, Any]:
    with site.database.reading() as session:
        shown = document(session, document_id)
        return document_json(shown.document, shown.links, shown.events, shown.document.text)
