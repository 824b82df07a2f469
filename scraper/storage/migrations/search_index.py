"""The full-text index of a table's ``search_text`` column, as migrations make and drop it.

SQLite: an FTS5 table (``<table>_fts``, external content, kept in sync by triggers). PostgreSQL: a
GIN index of ``to_tsvector('simple', search_text)`` (``ix_<table>_search_text``). What a
search asks of them is ``scraper.storage.search``'s.
"""

from __future__ import annotations

from alembic import op


def create_search_index(table: str) -> None:
    """Index ``table.search_text`` (rows already there included)."""
    if op.get_bind().dialect.name == "postgresql":
        vector = "to_tsvector('simple'::regconfig, search_text)"
        op.execute(f"CREATE INDEX ix_{table}_search_text ON {table} USING gin ({vector})")
        return
    fts = f"{table}_fts"
    remove_old = f"INSERT INTO {fts}({fts}, rowid, search_text) VALUES ('delete', old.id, old.search_text);"
    add_new = f"INSERT INTO {fts}(rowid, search_text) VALUES (new.id, new.search_text);"
    for statement in (
        f"CREATE VIRTUAL TABLE {fts} USING fts5(search_text, content='{table}', content_rowid='id',"
        " tokenize='unicode61 remove_diacritics 0')",
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN {add_new} END",
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN {remove_old} END",
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF search_text ON {table}"
        f" BEGIN {remove_old} {add_new} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ):
        op.execute(statement)


def drop_search_index(table: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP INDEX ix_{table}_search_text")
        return
    for trigger in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER {table}_fts_{trigger}")
    op.execute(f"DROP TABLE {table}_fts")
