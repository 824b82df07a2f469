"""An attached file read as a document: its text, the text's quality, the metadata it states.

A pure function of the file's bytes (``document_text`` reads them, ``document_metadata`` reads the
text where its quality is ``ok``: garbled or missing text states nothing).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from scraper.parsers.document_metadata import METADATA_FIELDS, DocumentMetadata, document_metadata
from scraper.parsers.document_text import OK, document_text


@dataclass(frozen=True)
class DocumentRecord:
    format: str | None  # pdf, docx, doc; None when the bytes are none of these
    text: str
    text_quality: str  # ok, garbled, no_text
    error: str | None
    metadata: DocumentMetadata | None  # None unless the text is ok

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``kind: document``, the text fields, then every metadata field (dates ISO)."""
        fields: dict[str, Any] = dict.fromkeys(METADATA_FIELDS)
        if self.metadata is not None:
            fields = {name: getattr(self.metadata, name) for name in METADATA_FIELDS}
            fields |= {name: value.isoformat() for name, value in fields.items() if isinstance(value, date)}
        return {
            "kind": "document",
            "format": self.format,
            "text": self.text,
            "text_quality": self.text_quality,
            "error": self.error,
            **fields,
        }


def read_document(content: bytes) -> DocumentRecord:
    """The document in ``content``; never raises for a bad file (``no_text`` and ``error`` say why)."""
    read = document_text(content)
    metadata = document_metadata(read.text) if read.text_quality == OK else None
    return DocumentRecord(read.format, read.text, read.text_quality, read.error, metadata)
