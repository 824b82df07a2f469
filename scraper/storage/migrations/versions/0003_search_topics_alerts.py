"""Search, watchlist topics and alert deliveries.

``articles.search_text`` (folded title, summary and body) with a full-text index: on SQLite an
FTS5 table kept in sync by triggers, on PostgreSQL a GIN index of ``to_tsvector('simple', ...)``;
``article_topics``; ``alert_deliveries``. Existing articles get their search text here.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from scraper.content.folding import search_text
from scraper.storage.migrations.search_index import create_search_index, drop_search_index

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _time(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.add_column("articles", sa.Column("search_text", sa.Text(), server_default="", nullable=False))
    _fill_search_text()
    create_search_index("articles")
    op.create_table(
        "article_topics",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_article_topics_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("article_id", "topic", name="pk_article_topics"),
    )
    op.create_index("ix_article_topics_topic", "article_topics", ["topic"])
    op.create_table(
        "alert_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(64), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("article_ids", JSON, nullable=False),
        _time("created_at"),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _time("last_attempt_at", nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        _time("delivered_at", nullable=True),
        sa.ForeignKeyConstraint(["run_id"], ["crawl_runs.id"], name="fk_alert_deliveries_run_id_crawl_runs"),
        sa.PrimaryKeyConstraint("id", name="pk_alert_deliveries"),
        sa.UniqueConstraint("run_id", "topic", "target", name="uq_alert_deliveries_run_id_topic_target"),
    )
    op.create_index("ix_alert_deliveries_delivered_at", "alert_deliveries", ["delivered_at"])


def _fill_search_text() -> None:
    articles = sa.table(
        "articles",
        sa.column("id", sa.Integer),
        sa.column("title", sa.Text),
        sa.column("summary", sa.Text),
        sa.column("body_text", sa.Text),
        sa.column("search_text", sa.Text),
    )
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(articles.c.id, articles.c.title, articles.c.summary, articles.c.body_text)
    )
    values = [{"key": id_, "text": search_text(title, summary, body)} for id_, title, summary, body in rows]
    if values:
        statement = articles.update().where(articles.c.id == sa.bindparam("key"))
        connection.execute(statement.values(search_text=sa.bindparam("text")), values)


def downgrade() -> None:
    op.drop_index("ix_alert_deliveries_delivered_at", table_name="alert_deliveries")
    op.drop_table("alert_deliveries")
    op.drop_index("ix_article_topics_topic", table_name="article_topics")
    op.drop_table("article_topics")
    drop_search_index("articles")
    op.execute("ALTER TABLE articles DROP COLUMN search_text")  # SQLite 3.35+: no table rebuild
