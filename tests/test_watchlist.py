"""Watchlists: the file, folded whole-word matching, and the topics every stored article carries."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from scraper import settings
from scraper.content.folding import search_text
from scraper.content.watchlist import WatchlistError, load
from scraper.storage.models import Article, ArticleTopic
from scraper.storage.store import Store
from tests.store_factories import T0, crawl, fetched, record

BORDER_BODY = "Cán bộ Đồn Biên phòng tuyên truyền cho người dân khu vực biên giới.\nHết."
PLAIN_BODY = "Hội nghị tổng kết chuyển đổi số năm 2024 của tỉnh.\nHết."


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "watchlists.toml"
    path.write_text(text, encoding="utf-8")
    return path


def topics(store: Store) -> dict[str, list[str]]:
    """Topics of each stored article, by title."""
    with store.reading() as session:
        rows = session.execute(
            select(Article.title, ArticleTopic.topic)
            .join(ArticleTopic, ArticleTopic.article_id == Article.id, isouter=True)
            .order_by(Article.title, ArticleTopic.topic)
        )
        found: dict[str, list[str]] = {}
        for title, topic in rows:
            found.setdefault(title, [])
            if topic:
                found[title].append(topic)
        return found


def test_the_default_watchlist_ships_the_border_topic() -> None:
    border = load(settings.WATCHLIST_PATH).topic("border")
    assert {"biên giới", "biển đảo", "hải đảo", "cửa khẩu", "Biên phòng", "thông tin đối ngoại"} <= set(
        border.keywords
    )
    assert {"chủ quyền", "Campuchia"} <= set(border.keywords)
    assert ("bien", "gioi") in border.phrases
    assert border.notify == ()


@pytest.mark.parametrize(
    "text",
    [
        "Tuyên truyền về BIÊN GIỚI quốc gia",
        "khu vực biên-giới tỉnh",
        "an ninh Biên giới.",
        "Bien gioi",
        "Biên giới",  # decomposed (NFD) as some editors save it
        "Đồn Biên phòng Vĩnh Xương",
        "hợp tác với Cam-pu-chia",
        "tuyên truyền thông tin đối ngoại",
    ],
)
def test_a_keyword_matches_whatever_the_diacritics_case_and_punctuation(text: str) -> None:
    border = load(settings.WATCHLIST_PATH).topic("border")
    assert border.matches(search_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "biên bản giới thiệu",  # both syllables, not side by side
        "biêngiới",  # not at a word boundary
        "khu vực biên giớiz",
        "hội nghị chuyển đổi số",
    ],
)
def test_a_keyword_matches_only_whole_words_side_by_side(text: str) -> None:
    border = load(settings.WATCHLIST_PATH).topic("border")
    assert not border.matches(search_text(text))


def test_d_with_stroke_folds_to_d(tmp_path: Path) -> None:
    watchlist = load(write(tmp_path, '[topics.dt]\nkeywords = ["đường dây nóng"]\n'))
    assert watchlist.topics_of(search_text("Số ĐƯỜNG DÂY NÓNG của Sở")) == ("dt",)
    assert watchlist.topics_of(search_text("duong day nong")) == ("dt",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[topics.border\n", "is not valid TOML"),
        ("title = 'x'\n", "has no [topics.NAME] table"),
        ("[topics.Border]\nkeywords = ['biên giới']\n", "a name is lower-case"),
        ("[topics.border]\nkeywords = []\n", "'keywords' must list words"),
        ("[topics.border]\nkeywords = ['...']\n", "'keywords' must list words"),
        ("[topics.border]\nkeywords = 'biên giới'\n", "'keywords' must be a list"),
        ("[topics.border]\nkeywords = ['a']\nnotify = [3]\n", "'notify' must be a list"),
        ("[topics.border]\nkeywords = ['a']\nsites = 'sotttt'\n", "'sites' must be a list"),
        ("[topics.border]\nkeywords = ['a']\nsites = ['Sở TTTT']\n", "'sites' names site profiles"),
        ("[topics.border]\nkeywords = ['a']\nsite = ['sotttt']\n", "unknown key 'site' \\(keys: title"),
    ],
)
def test_a_malformed_watchlist_is_one_clear_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(WatchlistError, match=message.replace("[", r"\[")) as raised:
        load(write(tmp_path, text))
    assert "\n" not in str(raised.value)


def test_a_topic_may_name_the_sites_it_alerts_for(tmp_path: Path) -> None:
    watchlist = load(
        write(
            tmp_path,
            "[topics.a]\nkeywords = ['x']\nsites = ['sotttt', 'sonnptnt']\n[topics.b]\nkeywords = ['y']\n",
        )
    )
    a, b = watchlist.topics
    assert a.sites == ("sotttt", "sonnptnt") and b.sites == ()
    assert a.alerts_for("sotttt") and not a.alerts_for("other")
    assert b.alerts_for("other")
    assert load(settings.WATCHLIST_PATH).topic("border").sites == ()


def test_a_missing_watchlist_and_an_unknown_topic_are_clear(tmp_path: Path) -> None:
    with pytest.raises(WatchlistError, match=r"cannot read watchlist .*nope\.toml"):
        load(tmp_path / "nope.toml")
    with pytest.raises(WatchlistError, match=r"unknown topic 'sea' .*: border"):
        load(settings.WATCHLIST_PATH).topic("sea")


def test_stored_articles_carry_their_topics_kept_with_their_content(database_url: str, store: Store) -> None:
    border, plain = record(1, body_text=BORDER_BODY), record(2, body_text=PLAIN_BODY)
    crawler = crawl(database_url, fetched(border), fetched(plain))
    assert topics(store) == {border.title: ["border"], plain.title: []}
    assert crawler.stats.get_value("sotttt/topics/border") == 1
    assert crawler.stats.get_value("sotttt/topics/_none") == 1

    later = T0.replace(day=20)
    crawl(database_url, fetched(replace(border, body_text=PLAIN_BODY), later), fetched(plain, later))
    assert topics(store) == {border.title: [], plain.title: []}
    crawl(database_url, fetched(replace(plain, summary="Về cửa khẩu Tịnh Biên."), later.replace(day=21)))
    assert topics(store) == {border.title: [], plain.title: ["border"]}


def test_retag_applies_an_edited_watchlist_to_what_is_stored(
    database_url: str, store: Store, tmp_path: Path
) -> None:
    crawl(database_url, fetched(record(1, body_text=BORDER_BODY)), fetched(record(2, body_text=PLAIN_BODY)))
    edited = load(
        write(
            tmp_path,
            "[topics.border]\nkeywords = ['biên giới']\n[topics.digital]\nkeywords = ['chuyển đổi số']\n",
        )
    )
    assert store.retag(edited.topics_of, chunk=1) == 2  # both titles say "chuyển đổi số"
    assert topics(store) == {record(1).title: ["border", "digital"], record(2).title: ["digital"]}
    assert store.retag(edited.topics_of) == 0
