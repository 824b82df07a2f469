"""How documents and change events are named in every output: the command line, the report, feeds."""

from __future__ import annotations

from scraper.content.untrusted import one_line
from scraper.storage.models import ChangeEvent, Document


def document_label(document: Document) -> str:
    """``Kế hoạch 512/KH-STTTT`` (or the file's name, for a document that states no number)."""
    parts = [document.doc_type, document.number or document.name]
    return one_line(" ".join(p for p in parts if p)) or f"document {document.id}"


def event_name(event: ChangeEvent) -> str:
    """The event's kind; of a document: ``document changed`` (its text), ``document re-encoded``
    (only its bytes), ``document created``."""
    if event.subject != "document":
        return event.kind
    return {"updated": "document changed", "reencoded": "document re-encoded"}.get(
        event.kind, f"document {event.kind}"
    )
