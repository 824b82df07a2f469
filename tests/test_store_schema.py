"""The schema: made by the migrations on first open, equal to the models, named by convention."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from scraper.items import ResolvedArticle
from scraper.storage import Store, queries
from scraper.storage.engine import MIGRATIONS
from scraper.storage.models import Base, TZDateTime, in_model
from scraper.storage.queries import Window
from tests.store_factories import T0, count, counts, downgrade, fetched, postgres_schema, record

ROOT = Path(__file__).resolve().parent.parent

HEAD = ScriptDirectory(str(MIGRATIONS)).get_current_head()  # the newest migration


def test_migrations_make_exactly_the_models_schema(store: Store) -> None:
    with store.engine.connect() as connection:
        opts = {"compare_type": True, "include_name": in_model}
        context = MigrationContext.configure(connection, opts=opts)
        assert compare_metadata(context, Base.metadata) == []


def test_constraints_are_named_by_convention(store: Store) -> None:
    inspector = inspect(store.engine)
    assert inspector.get_pk_constraint("articles")["name"] == "pk_articles"
    assert {u["name"] for u in inspector.get_unique_constraints("articles")} == {"uq_articles_identity"}
    assert {f["name"] for f in inspector.get_foreign_keys("article_urls")} == {
        "fk_article_urls_article_id_articles"
    }
    assert {i["name"] for i in inspector.get_indexes("change_events")} == {
        "ix_change_events_article_id_occurred_at",
        "ix_change_events_document_id",
        "ix_change_events_run_id",
        "ix_change_events_site",
    }
    assert {c["name"] for c in inspector.get_check_constraints("change_events")} == {
        "ck_change_events_document",
        "ck_change_events_kind",
        "ck_change_events_subject",
    }


def test_the_analysts_queries_have_their_indexes(store: Store) -> None:
    indexed = {tuple(i["column_names"]) for i in inspect(store.engine).get_indexes("articles")}
    assert {("first_seen",), ("next_check_at",), ("content_hash",), ("published_at",)} <= indexed


def test_timestamps_keep_their_instant_and_come_back_aware(store: Store) -> None:
    run = store.begin_run("full", T0)
    rec = record()
    store.write(run, [ResolvedArticle(fetched(rec), "a")])
    with store.reading() as session:
        [article] = queries.new_articles(session, Window(T0, seen=True), 100)
    assert article.first_seen == T0
    assert article.first_seen.tzinfo is not None
    assert article.published_at == rec.published_at


def test_a_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        TZDateTime().process_bind_param(datetime(2025, 1, 1), create_engine("sqlite://").dialect)


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'deep' / 'er' / 'x.sqlite3'}") as store:
        with store.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert (tmp_path / "deep" / "er" / "x.sqlite3").exists()


def test_opening_an_empty_postgres_schema_migrates_it(postgres_url: str) -> None:
    with postgres_schema() as url, Store.open(url) as store:
        assert count(store, "alembic_version", f"version_num = '{HEAD}'") == 1
        assert set(inspect(store.engine).get_table_names()) == {*Base.metadata.tables, "alembic_version"}


def test_upgrade_command_migrates_and_is_idempotent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-m", "scraper.storage", "upgrade", "--database-url", url],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        assert done.stdout.strip().endswith("schema is up to date")
    with Store.open(url, upgrade=False) as store:
        assert count(store, "alembic_version", f"version_num = '{HEAD}'") == 1


def test_sqlite_keeps_timestamps_as_utc_text(tmp_path: Path) -> None:
    """What an analyst reading the SQLite file directly sees."""
    with Store.open(f"sqlite:///{tmp_path / 'x.sqlite3'}") as store:
        run = store.begin_run("full", T0)
        with store.engine.connect() as connection:
            raw = connection.exec_driver_sql(f"SELECT started_at FROM crawl_runs WHERE id = {run}").scalar()
    assert raw == "2025-05-09 08:25:00.000000"


def test_a_database_of_schema_0003_migrates_to_documents_keeping_its_change_log(database_url: str) -> None:
    """0004 rebuilds ``change_events`` (a wider ``kind``, a ``document_id``): every event survives it."""
    with Store.open(database_url) as store:
        run = store.begin_run("full", T0)
        store.write(run, [ResolvedArticle(fetched(record(n)), f"a{n}") for n in range(3)])
        before = count(store, "change_events", "kind = 'created'")
    downgrade(database_url, "0003")
    with Store.open(database_url) as store:  # opening migrates it forward again
        assert count(store, "change_events", "kind = 'created' AND document_id IS NULL") == before == 3
        assert counts(store)["documents"] == 0
        with store.engine.connect() as connection:
            opts = {"compare_type": True, "include_name": in_model}
            assert compare_metadata(MigrationContext.configure(connection, opts=opts), Base.metadata) == []


def test_a_database_of_schema_0004_migrates_to_sites_with_every_row_the_original_sites(
    database_url: str,
) -> None:
    """0005 gives every run, article, event and directory a site: all rows written before are ``sotttt``'s."""
    with Store.open(database_url) as store:
        run = store.begin_run("full", T0)
        store.write(run, [ResolvedArticle(fetched(record(n)), f"a{n}") for n in range(3)])
    downgrade(database_url, "0004")
    with Store.open(database_url) as store:  # opening migrates it forward again
        for table in ("crawl_runs", "articles", "change_events"):
            assert count(store, table, "site = 'sotttt'") == count(store, table, "1 = 1") > 0
        assert count(store, "change_events", "kind = 'created'") == 3
        with store.engine.connect() as connection:
            opts = {"compare_type": True, "include_name": in_model}
            assert compare_metadata(MigrationContext.configure(connection, opts=opts), Base.metadata) == []
