"""Manage the database: ``python -m scraper.storage upgrade`` migrates it to the latest schema;
``python -m scraper.storage revision -m "..."`` writes the next migration after a change to
``scraper/storage/models.py`` (compared with the database at ``--database-url``)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from alembic import command

from scraper.settings import DATABASE_URL
from scraper.storage.engine import DatabaseUrlError, alembic_config, connect, parse_database_url, shown_url
from scraper.storage.store import Store


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m scraper.storage", description="Manage the database.")
    parser.add_argument(
        "command",
        choices=["upgrade", "revision"],
        help="upgrade: migrate the schema to the latest version; revision: write the next migration",
    )
    parser.add_argument("--database-url", default=DATABASE_URL)
    parser.add_argument("-m", "--message", default="", help="revision: what the migration does")
    args = parser.parse_args(argv)
    try:
        parse_database_url(args.database_url)
    except DatabaseUrlError as error:
        parser.error(f"--database-url: {error}")
    shown = shown_url(args.database_url)
    if args.command == "revision":
        engine = connect(args.database_url)
        try:
            with engine.begin() as connection:
                command.revision(
                    alembic_config(connection=connection), message=args.message, autogenerate=True
                )
        finally:
            engine.dispose()
        return
    with Store.open(args.database_url):
        print(f"{shown}: schema is up to date")


if __name__ == "__main__":
    main()
