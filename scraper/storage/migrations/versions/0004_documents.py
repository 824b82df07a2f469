"""Documents: the files articles attach, read as documents, and the documents articles cite.

``documents`` (with a full-text index of ``search_text``, as ``articles`` has: FTS5 on SQLite, a
GIN index on PostgreSQL), ``article_documents``, and change events about documents
(``change_events.document_id``; the kind ``reencoded``, so ``kind`` grows to 16 characters).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from scraper.storage.migrations.search_index import create_search_index, drop_search_index

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

OLD_KINDS = "kind IN ('created', 'updated', 'removed', 'restored', 'moved')"
NEW_KINDS = "kind IN ('created', 'updated', 'removed', 'restored', 'moved', 'reencoded')"
DOCUMENT_SUBJECT = "(subject = 'document') = (document_id IS NOT NULL)"


def _text(name: str, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.Text(), nullable=nullable)


def _time(name: str) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        _text("url"),
        _text("identity"),
        _text("name"),
        sa.Column("format", sa.String(8), nullable=True),
        sa.Column("size", sa.Integer(), nullable=True),
        sa.Column("content_hash", sa.String(64), nullable=True),
        sa.Column("text_hash", sa.String(64), nullable=True),
        sa.Column("text", sa.Text(), server_default="", nullable=False),
        sa.Column("text_quality", sa.String(8), nullable=True),
        _text("error"),
        _text("number"),
        _text("number_key"),
        _text("doc_type"),
        _text("issuer"),
        sa.Column("issued_on", sa.Date(), nullable=True),
        _text("summary"),
        _text("signer"),
        _text("signer_title"),
        sa.Column("effective_on", sa.Date(), nullable=True),
        sa.Column("search_text", sa.Text(), server_default="", nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        _text("etag"),
        _text("last_modified"),
        _time("first_seen"),
        _time("last_seen"),
        _time("last_changed"),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("identity", name="uq_documents_identity"),
    )
    op.create_index("ix_documents_number_key", "documents", ["number_key"])
    op.create_index("ix_documents_issued_on", "documents", ["issued_on"])
    create_search_index("documents")
    op.create_table(
        "article_documents",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("relation", sa.String(8), nullable=False),
        _time("first_seen"),
        sa.CheckConstraint("relation IN ('attached', 'cited')", name=op.f("ck_article_documents_relation")),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_article_documents_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name="fk_article_documents_document_id_documents",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "document_id", "relation", name="pk_article_documents"),
    )
    op.create_index("ix_article_documents_document_id", "article_documents", ["document_id"])
    with op.batch_alter_table("change_events", recreate="always") as batch:
        batch.alter_column("kind", type_=sa.String(16), existing_type=sa.String(8), existing_nullable=False)
        batch.add_column(sa.Column("document_id", sa.Integer(), nullable=True))
        batch.drop_constraint(op.f("ck_change_events_kind"), type_="check")
        batch.create_check_constraint(op.f("ck_change_events_kind"), NEW_KINDS)
        batch.create_check_constraint(op.f("ck_change_events_document"), DOCUMENT_SUBJECT)
        batch.create_foreign_key(
            "fk_change_events_document_id_documents",
            "documents",
            ["document_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_index("ix_change_events_document_id", ["document_id"])


def downgrade() -> None:
    with op.batch_alter_table("change_events", recreate="always") as batch:
        batch.drop_index("ix_change_events_document_id")
        batch.drop_constraint("fk_change_events_document_id_documents", type_="foreignkey")
        batch.drop_constraint(op.f("ck_change_events_document"), type_="check")
        batch.drop_constraint(op.f("ck_change_events_kind"), type_="check")
        batch.create_check_constraint(op.f("ck_change_events_kind"), OLD_KINDS)
        batch.drop_column("document_id")
        batch.alter_column("kind", type_=sa.String(8), existing_type=sa.String(16), existing_nullable=False)
    op.drop_index("ix_article_documents_document_id", table_name="article_documents")
    op.drop_table("article_documents")
    drop_search_index("documents")
    op.drop_table("documents")
