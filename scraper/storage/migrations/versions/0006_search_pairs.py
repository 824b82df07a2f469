"""PostgreSQL: a GIN index of the articles' adjacent word pairs, so that a search for a phrase whose
words are each in nearly every article ("bien gioi") reads only the articles having the phrase
(``scraper.storage.migrations.search_index``). SQLite: nothing (FTS5 finds phrases).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from __future__ import annotations

from scraper.storage.migrations.search_index import create_pairs_index, drop_pairs_index

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_pairs_index("articles")


def downgrade() -> None:
    drop_pairs_index("articles")
