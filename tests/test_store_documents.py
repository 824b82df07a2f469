"""Documents in the store, on SQLite and PostgreSQL: one row per document whether an article cites it
or attaches it, its changes logged once, the same fetch twice changing nothing."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from scraper.items import DocumentFetched
from scraper.parsers.document import DocumentRecord
from scraper.parsers.document_metadata import DocumentMetadata
from scraper.storage import Store
from scraper.storage.models import ArticleDocument, Document
from tests.store_factories import SITE, T0, body, count, crawl, events, fetched, record

FILE = f"{SITE}/sites/default/files/2025-05/tb-1.pdf"  # what record(1) attaches
TEXT = "\n".join(
    [
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "Số: 12/KH-STTTT",
        "An Giang, ngày 03 tháng 05 năm 2024",
        "KẾ HOẠCH",
        "Chuyển đổi số",
    ]
)
CITING = record(1, body_text=body(1) + "\nThực hiện Kế hoạch số 12/KH-STTTT ngày 3/5/2024 của Sở.")


def read(text: str = TEXT) -> DocumentRecord:
    metadata = DocumentMetadata(
        number="12/KH-STTTT",
        doc_type="Kế hoạch",
        issuer="Sở Thông tin và Truyền thông",
        issued_on=date(2024, 5, 3),
        summary="Chuyển đổi số",
        signer=None,
        signer_title=None,
        effective_on=None,
    )
    return DocumentRecord("pdf", text, "ok", None, metadata)


def document(content_hash: str = "a" * 64, text: str = TEXT, days: int = 0) -> DocumentFetched:
    return DocumentFetched(
        url=FILE,
        article_url=CITING.url,
        name="Thông báo",
        type="pdf",
        size=1234,
        content_hash=content_hash,
        document=read(text),
        etag='"v1"',
        last_modified=None,
        content=None,
        fetched_at=T0 + timedelta(days=days),
    )


def rows(store: Store) -> list[Document]:
    with store.reading() as session:
        return list(session.scalars(select(Document).order_by(Document.id)))


def links(store: Store) -> set[tuple[int, str]]:
    with store.reading() as session:
        return {
            (d, r) for d, r in session.execute(select(ArticleDocument.document_id, ArticleDocument.relation))
        }


def document_events(store: Store) -> list[str]:
    return [kind for subject, kind, _ in events(store) if subject == "document"]


def test_a_cited_document_becomes_the_attached_one_when_its_file_is_read(
    database_url: str, store: Store
) -> None:
    crawl(database_url, fetched(CITING))
    [cited] = rows(store)
    assert (cited.url, cited.number, cited.doc_type, cited.issued_on) == (
        None,
        "12/KH-STTTT",
        "Kế hoạch",
        date(2024, 5, 3),
    )
    assert cited.text_quality is None and document_events(store) == []  # known from the article only
    assert links(store) == {(cited.id, "cited")}

    crawl(database_url, document())
    [read_one] = rows(store)
    assert read_one.id == cited.id  # the same document: its links and history stay
    assert (read_one.url, read_one.text_quality, read_one.number_key) == (FILE, "ok", "12 kh stttt")
    assert read_one.text == TEXT and read_one.content is None
    assert links(store) == {(cited.id, "cited"), (cited.id, "attached")}
    assert document_events(store) == ["created"]


def test_the_same_number_in_another_year_is_another_document(database_url: str, store: Store) -> None:
    later = record(2, body_text=body(2) + "\nTheo Kế hoạch số 12/KH-STTTT ngày 9/1/2025.")
    crawl(database_url, fetched(CITING), fetched(later))
    assert sorted((d.number, d.issued_on) for d in rows(store)) == [
        ("12/KH-STTTT", date(2024, 5, 3)),
        ("12/KH-STTTT", date(2025, 1, 9)),
    ]


def test_a_document_read_again_changes_nothing_its_bytes_or_its_text_do(
    database_url: str, store: Store
) -> None:
    crawl(database_url, fetched(CITING), document())
    crawl(database_url, document(days=1))  # the same file again
    assert document_events(store) == ["created"]
    crawl(database_url, document("b" * 64, days=2))  # saved again: other bytes, the same text
    crawl(database_url, document("c" * 64, TEXT + "\nĐính chính: thay thế văn bản cũ.", days=3))
    crawl(database_url, document("a" * 64, days=1))  # an older fetch, stored late: ignored
    assert document_events(store) == ["created", "reencoded", "updated"]
    [row] = rows(store)
    assert (row.content_hash, row.text.endswith("thay thế văn bản cũ.")) == ("c" * 64, True)
    with store.engine.connect() as connection:
        diff = connection.exec_driver_sql("SELECT diff FROM change_events WHERE kind = 'updated'").scalar()
    assert diff.splitlines()[-1] == "+Đính chính: thay thế văn bản cũ."
    assert count(store, "change_events", "subject = 'document' AND article_id IS NULL") == 3
