"""The full-text index of a table's ``search_text`` column, as migrations make and drop it.

SQLite: an FTS5 table (``<table>_fts``, external content, kept in sync by triggers). PostgreSQL: a
GIN index of ``to_tsvector('simple', search_text)`` (``ix_<table>_search_text``), and one of its
adjacent word pairs (``ix_<table>_search_pairs``, of ``sotttt_word_pairs(search_text)``: a phrase's
index, where both words of "bien gioi" are in nearly every article). What a search asks of them is
``scraper.storage.search``'s.
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


# The pairs of adjacent words of a search_text (its words are one space apart), as lexemes
# "first_second": what a phrase of two words or more is found by.
WORD_PAIRS = """
CREATE FUNCTION sotttt_word_pairs(words text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_to_tsvector(array_agg(DISTINCT word || '_' || next)), ''::tsvector)
  FROM (SELECT word, lead(word) OVER (ORDER BY position) AS next
        FROM unnest(string_to_array(words, ' ')) WITH ORDINALITY AS each(word, position)) AS pairs
  WHERE next IS NOT NULL AND word <> '' AND next <> ''
$$
"""


def create_pairs_index(table: str) -> None:
    """PostgreSQL: index the word pairs of ``table.search_text`` (nothing to do on SQLite, whose FTS5
    index finds phrases)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(WORD_PAIRS)
    op.execute(f"CREATE INDEX ix_{table}_search_pairs ON {table} USING gin (sotttt_word_pairs(search_text))")


def drop_pairs_index(table: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"DROP INDEX ix_{table}_search_pairs")
    op.execute("DROP FUNCTION sotttt_word_pairs(text)")
