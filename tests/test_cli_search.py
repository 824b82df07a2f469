"""``search``: diacritics and case ignored, phrases at word boundaries, ranked, snippets; the same
articles in the same order on SQLite (FTS5) and PostgreSQL (tsvector), kept current by the store."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest

from scraper.cli import main
from scraper.content.folding import phrase, snippet
from scraper.parsers.records import ArticleRecord
from scraper.storage.store import Store
from tests.store_factories import T0, crawl, downgrade, fetched, record

FILLER = "Hội nghị tổng kết công tác năm của tỉnh An Giang. " * 8
ARTICLES = {
    1: ("Tuyên truyền biên giới", "Bảo vệ chủ quyền biên giới quốc gia. Biên giới, biển đảo. " + FILLER),
    2: ("Hội nghị tổng kết", FILLER + "Có nhắc một lần đến BIÊN GIỚI với Campuchia. " + FILLER),
    3: ("Biên bản giới thiệu", "Biên bản họp. Giới thiệu nhân sự mới. " + FILLER),
    4: (
        "Đồn Biên phòng",
        "Cán bộ Đồn Biên phòng tuyên truyền cho người dân Cam-pu-chia về biên-giới. " + FILLER,
    ),
    5: ("Đường dây nóng", "Số điện thoại đường dây nóng của Sở. " + FILLER),
}


def stored(n: int, category: str = "Tin tức", days: int = 0) -> ArticleRecord:
    title, body = ARTICLES[n]
    return record(
        n,
        title=title,
        body_text=body,
        summary=None,
        category=category,
        published_at=T0 - timedelta(days=days),
    )


@pytest.fixture
def searchable(database_url: str) -> str:
    crawl(
        database_url,
        *(fetched(stored(n, "Thông báo" if n == 4 else "Tin tức", days=n)) for n in ARTICLES),
    )
    return database_url


def search(capsys: pytest.CaptureFixture[str], database_url: str, *args: str) -> list[dict]:
    status = main(["search", *args, "--json", "--database-url", database_url])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    return json.loads(out)


def numbers(hits: list[dict]) -> list[int]:
    """Which of ``ARTICLES`` the hits are, in order (the URL ends with the number)."""
    return [int(h["url"].rsplit("-", 1)[1]) for h in hits]


def test_diacritics_and_case_are_ignored_and_results_are_ranked(capsys, searchable: str) -> None:
    hits = search(capsys, searchable, "bien gioi")
    # Article 1 says it three times in a short text, 2 once in a long one, 4 once ("biên-giới");
    # 3 has "biên bản" and "giới thiệu", not the phrase.
    assert numbers(hits) == [1, 4, 2]
    assert hits[0]["rank"] > hits[1]["rank"] > hits[2]["rank"] > 0
    assert numbers(search(capsys, searchable, "BIÊN GIỚI")) == [1, 4, 2]
    assert numbers(search(capsys, searchable, "duong day nong")) == [5]  # đ folds to d


def test_commas_separate_phrases_that_must_all_be_there(capsys, searchable: str) -> None:
    assert numbers(search(capsys, searchable, "bien gioi, campuchia")) == [2]
    assert numbers(search(capsys, searchable, "biên giới, cam pu chia")) == [4]
    assert search(capsys, searchable, "bien gioi, duong day nong") == []


def test_snippets_show_the_original_words_highlighted(capsys, searchable: str) -> None:
    first = search(capsys, searchable, "bien gioi")[0]
    assert first["matches"] == ["biên giới", "Biên giới"]
    assert first["snippet"].startswith("Bảo vệ chủ quyền biên giới quốc gia.")
    status = main(["search", "bien gioi", "--color", "never", "--database-url", searchable])
    out = capsys.readouterr().out
    assert status == 0
    assert "Bảo vệ chủ quyền «biên giới» quốc gia. «Biên giới», biển đảo." in out
    assert out.splitlines()[0].endswith("Tin tức  Tuyên truyền biên giới")
    status = main(["search", "bien gioi", "--color", "always", "--database-url", searchable])
    assert "\x1b[7mbiên giới\x1b[0m" in capsys.readouterr().out


def test_category_and_since_narrow_the_search(capsys, searchable: str) -> None:
    assert numbers(search(capsys, searchable, "bien gioi", "--category", "thong bao")) == [4]
    assert numbers(
        search(capsys, searchable, "bien gioi", "--category", "Tin tức", "--category", "Thông báo")
    ) == [
        1,
        4,
        2,
    ]
    # Published days before T0, first seen at T0: --since is the publication, --seen-since the crawl.
    since = (T0 + timedelta(hours=1)).isoformat()
    assert search(capsys, searchable, "bien gioi", "--seen-since", since) == []
    assert numbers(search(capsys, searchable, "bien gioi", "--seen-since", T0.isoformat())) == [1, 4, 2]
    assert search(capsys, searchable, "bien gioi", "--since", T0.isoformat()) == []
    assert numbers(
        search(capsys, searchable, "bien gioi", "--since", (T0 - timedelta(days=400)).isoformat())
    ) == [
        1,
        4,
        2,
    ]


def test_an_edit_is_searchable_at_once_and_the_old_words_are_gone(capsys, searchable: str) -> None:
    later = T0 + timedelta(days=1)
    crawl(searchable, fetched(replace(stored(1), body_text="Nội dung mới về cửa khẩu Tịnh Biên."), later))
    assert numbers(search(capsys, searchable, "bien gioi")) == [1, 4, 2]  # still in the title
    assert numbers(search(capsys, searchable, "cua khau tinh bien")) == [1]
    assert search(capsys, searchable, "chu quyen") == []


def test_upgrading_an_older_database_makes_its_articles_searchable(capsys, database_url: str) -> None:
    crawl(database_url, fetched(stored(1)), fetched(stored(3)))
    downgrade(database_url, "0002")
    Store.open(database_url).close()  # back to the newest schema, filling in the search text
    assert numbers(search(capsys, database_url, "bien gioi")) == [1]


def test_a_snippet_is_cut_at_words_around_the_first_match() -> None:
    text = "Mở đầu dài dòng " * 20 + "về Biên  giới quốc gia " + "và phần kết rất dài " * 20
    found = snippet(text, [phrase("bien gioi")], width=60)
    assert found is not None
    assert found.text.startswith("…") and found.text.endswith("…")
    assert [part for part, hit in found.parts if hit] == ["Biên giới"]
    words = found.text.strip("…").split()
    assert all(
        w in {"Mở", "đầu", "dài", "dòng", "về", "Biên", "giới", "quốc", "gia", "và", "phần", "kết", "rất"}
        for w in words
    )
    assert snippet("không có gì", [phrase("bien gioi")]) is None
