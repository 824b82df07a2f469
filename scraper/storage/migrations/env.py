"""Alembic environment: migrates the connection ``scraper.storage.engine.alembic_config`` hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from scraper.storage.models import Base, in_model


def run(connection: Connection) -> None:
    context.configure(
        connection=connection, target_metadata=Base.metadata, render_as_batch=True, include_name=in_model
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported")
handed_over = context.config.attributes.get("connection")
if handed_over is None:
    raise SystemExit(
        "migrate with `python -m scraper.storage upgrade` (or `revision`), not the alembic command"
    )
run(handed_over)
