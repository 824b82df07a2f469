"""Alembic environment: migrates the connection ``scraper.store`` hands over, or DATABASE_URL."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from scraper.db import Base, in_model


def run(connection: Connection) -> None:
    context.configure(
        connection=connection, target_metadata=Base.metadata, render_as_batch=True, include_name=in_model
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported")
handed_over = context.config.attributes.get("connection")
if handed_over is not None:
    run(handed_over)
else:  # the alembic command line, for writing migrations
    from scraper.settings import DATABASE_URL

    with create_engine(DATABASE_URL).begin() as connection:
        run(connection)
