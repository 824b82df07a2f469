"""``export``: one record per article; CSV that Excel opens with Vietnamese intact; JSON lines; JSON."""

from __future__ import annotations

import csv
import json
from datetime import timedelta
from pathlib import Path

import pytest

from scraper.cli import main
from tests.store_factories import T0, crawl, fetched, record

FORMULA_TITLE = '=HYPERLINK("http://evil.example","Bấm vào đây")'


@pytest.fixture
def exported(database_url: str) -> str:
    crawl(
        database_url,
        fetched(record(1, body_text="- Căn cứ Luật Biên giới quốc gia;\n- Theo đề nghị của Sở.")),
        fetched(record(2, title=FORMULA_TITLE)),
        fetched(record(3), T0 + timedelta(days=3)),
    )
    return database_url


def export(capsys: pytest.CaptureFixture[str], database_url: str, *args: str) -> str:
    status = main(["export", *args, "--database-url", database_url])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    return out


def test_csv_has_a_bom_one_row_per_article_and_vietnamese_intact(
    capsys, exported: str, tmp_path: Path
) -> None:
    target = tmp_path / "articles.csv"
    assert export(capsys, exported, "-o", str(target)) == f"exported 3 articles to {target}\n"
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(keepends=True)))
    assert [r["title"] for r in rows] == [record(1).title, "'" + FORMULA_TITLE, record(3).title]
    first = rows[0]
    assert first["body_text"] == "'- Căn cứ Luật Biên giới quốc gia;\n- Theo đề nghị của Sở."
    assert first["authors"] == "Quách Vân; Thúy Hằng"
    assert first["topics"] == "border"
    assert first["published_at"] == "2025-05-08T15:25:00+07:00"
    assert first["url"] == record(1).canonical_url


def test_json_lines_and_json_carry_the_same_records(capsys, exported: str, tmp_path: Path) -> None:
    lines = export(capsys, exported, "--format", "jsonl", "-o", "-").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == [1, 2, 3]
    assert records[1]["title"] == FORMULA_TITLE  # only CSV needs the apostrophe
    assert records[0]["authors"] == ["Quách Vân", "Thúy Hằng"]
    target = tmp_path / "articles.json"
    export(capsys, exported, "--format", "json", "-o", str(target))
    assert json.loads(target.read_text(encoding="utf-8")) == records


def test_since_limits_the_export(capsys, exported: str) -> None:
    since = (T0 + timedelta(days=1)).isoformat()
    lines = export(capsys, exported, "--format", "jsonl", "--seen-since", since, "-o", "-").splitlines()
    assert [json.loads(line)["title"] for line in lines] == [record(3).title]  # first seen a day later
    # --since is the publication: every article of the export was published before T0.
    assert export(capsys, exported, "--format", "jsonl", "--since", since, "-o", "-") == ""


def test_an_unwritable_target_is_one_line_and_leaves_nothing(capsys, exported: str, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "articles.csv"
    status = main(["export", "-o", str(target), "--database-url", exported])
    out, err = capsys.readouterr()
    assert (status, out) == (2, "")
    assert err.startswith(f"python -m scraper.cli: error: cannot write {target}: ")
    assert len(err.splitlines()) == 1
    assert not target.parent.exists()
