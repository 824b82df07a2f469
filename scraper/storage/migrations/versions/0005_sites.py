"""Sites: every crawl run, article, change event and contact directory belongs to a site profile
(``scraper/sites``); every existing row is the original site's, ``sotttt``. A contact directory's
versions are unique per site.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

DEFAULT_SITE = "sotttt"
INDEXED = ("crawl_runs", "articles", "change_events")


def _site() -> sa.Column:
    return sa.Column("site", sa.String(32), server_default=DEFAULT_SITE, nullable=False)


def upgrade() -> None:
    for table in (*INDEXED, "contacts"):
        op.add_column(table, _site())
    for table in INDEXED:
        op.create_index(op.f(f"ix_{table}_site"), table, ["site"])
    with op.batch_alter_table("contact_versions") as batch:
        batch.add_column(_site())
        batch.drop_constraint("uq_contact_versions_content_hash", type_="unique")
        batch.create_unique_constraint("uq_contact_versions_site_content_hash", ["site", "content_hash"])


def downgrade() -> None:
    with op.batch_alter_table("contact_versions") as batch:
        batch.drop_constraint("uq_contact_versions_site_content_hash", type_="unique")
        batch.create_unique_constraint("uq_contact_versions_content_hash", ["content_hash"])
        batch.drop_column("site")
    for table in INDEXED:
        op.drop_index(op.f(f"ix_{table}_site"), table_name=table)
    for table in (*INDEXED, "contacts"):
        op.drop_column(
            table, "site"
        )  # SQLite drops it in place: a rebuilt table would lose its search triggers
