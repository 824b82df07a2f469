"""Initial schema: articles, their URLs, versions and change log, attachments, images, contacts, runs.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _time(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _id(table: str) -> tuple[sa.Column, sa.PrimaryKeyConstraint]:
    return sa.Column("id", sa.Integer(), nullable=False), sa.PrimaryKeyConstraint("id", name=f"pk_{table}")


def _fk(table: str, column: str, target: str, ondelete: str | None = "CASCADE") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", ondelete=ondelete
    )


def upgrade() -> None:
    op.create_table(
        "crawl_runs",
        *_id("crawl_runs"),
        _time("started_at"),
        _time("finished_at", nullable=True),
        sa.Column("mode", sa.String(16), nullable=False),
        *(
            sa.Column(name, sa.Integer(), nullable=False)
            for name in ("requests", "new", "updated", "unchanged", "removed", "invalid", "errors")
        ),
        sa.Column("finish_reason", sa.String(64), nullable=True),
    )
    op.create_table(
        "articles",
        *_id("articles"),
        sa.Column("identity", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        _time("published_at", nullable=True),
        sa.Column("published_precision", sa.String(8), nullable=True),
        _time("updated_at", nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=True),
        sa.Column("authors", JSON, nullable=False),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("category", sa.Text(), nullable=True),
        sa.Column("tags", JSON, nullable=False),
        sa.Column("profile", sa.String(32), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title_key", sa.String(16), nullable=False),
        sa.Column("lead_key", sa.String(16), nullable=False),
        _time("first_seen"),
        _time("last_seen"),
        _time("last_checked"),
        _time("next_check_at"),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("related_to_id", sa.Integer(), nullable=True),
        sa.Column("related_similarity", sa.Double(), nullable=True),
        sa.CheckConstraint("status IN ('live', 'removed')", name=op.f("ck_articles_status")),
        _fk("articles", "related_to_id", "articles", ondelete="SET NULL"),
        sa.UniqueConstraint("identity", name="uq_articles_identity"),
    )
    for column in ("content_hash", "first_seen", "lead_key", "next_check_at", "published_at", "title_key"):
        op.create_index(f"ix_articles_{column}", "articles", [column])
    op.create_table(
        "article_urls",
        *_id("article_urls"),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("identity", sa.Text(), nullable=False),
        _time("first_seen"),
        _fk("article_urls", "article_id", "articles"),
        sa.UniqueConstraint("url", name="uq_article_urls_url"),
    )
    op.create_index("ix_article_urls_article_id", "article_urls", ["article_id"])
    op.create_index("ix_article_urls_identity_article_id", "article_urls", ["identity", "article_id"])
    op.create_table(
        "article_versions",
        *_id("article_versions"),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("record", JSON, nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        _time("seen_at"),
        _fk("article_versions", "article_id", "articles"),
        _fk("article_versions", "run_id", "crawl_runs", ondelete=None),
        sa.UniqueConstraint("article_id", "content_hash", name="uq_article_versions_article_id_content_hash"),
    )
    op.create_table(
        "change_events",
        *_id("change_events"),
        sa.Column("subject", sa.String(8), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=False),
        _time("occurred_at"),
        sa.Column("content_hash", sa.String(64), nullable=True),
        sa.Column("fields", JSON, nullable=True),
        sa.Column("diff", sa.Text(), nullable=True),
        sa.Column("details", JSON, nullable=True),
        sa.CheckConstraint(
            "kind IN ('created', 'updated', 'removed', 'restored', 'moved')",
            name=op.f("ck_change_events_kind"),
        ),
        sa.CheckConstraint(
            "(subject = 'article') = (article_id IS NOT NULL)", name=op.f("ck_change_events_subject")
        ),
        _fk("change_events", "article_id", "articles"),
        _fk("change_events", "run_id", "crawl_runs", ondelete=None),
    )
    op.create_index("ix_change_events_article_id_occurred_at", "change_events", ["article_id", "occurred_at"])
    op.create_index("ix_change_events_run_id", "change_events", ["run_id"])
    op.create_table(
        "attachments",
        *_id("attachments"),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=True),
        _time("first_seen"),
        _fk("attachments", "article_id", "articles"),
        sa.UniqueConstraint("article_id", "url", name="uq_attachments_article_id_url"),
    )
    op.create_table(
        "images",
        *_id("images"),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("src", sa.Text(), nullable=False),
        sa.Column("caption", sa.Text(), nullable=True),
        _fk("images", "article_id", "articles"),
    )
    op.create_index("ix_images_article_id", "images", ["article_id"])
    op.create_table(
        "contacts",
        *_id("contacts"),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("phones", JSON, nullable=False),
        sa.Column("emails", JSON, nullable=False),
        _fk("contacts", "article_id", "articles"),
    )
    op.create_index("ix_contacts_article_id", "contacts", ["article_id"])
    op.create_table(
        "contact_versions",
        *_id("contact_versions"),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("contacts", JSON, nullable=False),
        sa.Column("page_url", sa.Text(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        _time("seen_at"),
        _fk("contact_versions", "run_id", "crawl_runs", ondelete=None),
        sa.UniqueConstraint("content_hash", name="uq_contact_versions_content_hash"),
    )


def downgrade() -> None:
    for table in (
        "contact_versions",
        "contacts",
        "images",
        "attachments",
        "change_events",
        "article_versions",
        "article_urls",
        "articles",
        "crawl_runs",
    ):
        op.drop_table(table)
