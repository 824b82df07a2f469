"""The change log: created, updated, removed, restored, moved; and what is not a change."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import select

from scraper.items import ArticleGone, ArticleMoved, ArticleUnchanged, AttachmentSeen, SiteContacts
from scraper.parsers.records import Contact as ContactRecord
from scraper.storage import Store, queries
from scraper.storage.models import Article, ChangeEvent, Contact
from scraper.storage.queries import Window
from scraper.urls import canonical
from tests.store_factories import SITE, SITE_CONTACTS, T0, count, counts, crawl, events, fetched, record

LATER = T0 + timedelta(days=1)


def article(store: Store) -> Article:
    with store.reading() as session:
        [only] = queries.new_articles(session, Window(T0 - timedelta(days=365), seen=True), 100)
    return only


def test_a_new_article_is_stored_once_with_its_urls_version_and_parts(
    database_url: str, store: Store
) -> None:
    crawl(database_url, fetched(record(1)))
    assert counts(store) == {
        "crawl_runs": 1,
        "articles": 1,
        "article_urls": 2,  # the alias (also the canonical URL) and /node/1
        "article_versions": 1,
        "change_events": 1,
        "attachments": 1,
        "images": 1,
        "contacts": 0,  # the site-wide directory is not copied onto articles
        "contact_versions": 0,
        "article_topics": 0,
        "alert_deliveries": 0,
        "documents": 0,  # the file is linked, not fetched: no document yet
        "article_documents": 0,
    }
    stored = article(store)
    assert (stored.title, stored.status, stored.url) == (record(1).title, "live", record(1).canonical_url)
    assert stored.authors == ["Quách Vân", "Thúy Hằng"]
    assert events(store) == [("article", "created", None)]


def test_the_same_items_twice_add_no_rows_and_no_events(database_url: str, store: Store) -> None:
    items = [fetched(record(n)) for n in (1, 2, 3)]
    crawl(database_url, *items)
    before = counts(store)
    crawl(database_url, *items, *items)
    assert counts(store) == {**before, "crawl_runs": 2}
    assert [kind for _, kind, _ in events(store)] == ["created"] * 3


def test_an_edit_is_an_update_with_fields_and_a_diff(database_url: str, store: Store) -> None:
    first = record(1)
    edited = replace(
        first, body_text=(first.body_text or "") + "\nHạn chót: 30/5/2025.", summary="Tóm tắt mới."
    )
    crawl(database_url, fetched(first))
    crawl(database_url, fetched(edited, LATER))
    with store.engine.connect() as connection:
        update = connection.execute(select(ChangeEvent).where(ChangeEvent.kind == "updated")).one()
    assert update.fields == ["summary", "body_text"]
    assert "\n+Hạn chót: 30/5/2025." in update.diff
    assert count(store, "article_versions") == 2
    assert article(store).body_text == edited.body_text
    assert article(store).first_seen == T0
    assert article(store).last_seen == LATER


def test_what_is_not_a_change_makes_no_event(database_url: str, store: Store) -> None:
    first = record(1)
    variants = [
        replace(first, title=unicodedata.normalize("NFD", first.title or "")),  # re-encoded (NFD)
        replace(first, body_html=(first.body_html or "").replace("Lượt xem: 12", "Lượt xem: 99")),
        replace(first, body_html=(first.body_html or "") + "<div class='tinlienquan'>Tin liên quan</div>"),
        replace(first, published_at=first.published_at.replace(hour=0, minute=0), published_precision="day"),
        replace(first, body_text=(first.body_text or "").replace(" ", "\u00a0", 3)),  # &nbsp;
        replace(first, contacts=(replace(SITE_CONTACTS[0], phones=("0296.3.999.999",)),)),  # site table
    ]
    crawl(
        database_url,
        fetched(first),
        *(fetched(v, LATER + timedelta(hours=i)) for i, v in enumerate(variants)),
    )
    assert [kind for _, kind, _ in events(store)] == ["created"]
    assert count(store, "article_versions") == 1


def test_gone_removes_and_keeps_the_data_then_a_fetch_restores(database_url: str, store: Store) -> None:
    url = record(1).url
    crawl(database_url, fetched(record(1)))
    crawl(database_url, ArticleGone(url, 404, LATER), ArticleGone(url, 410, LATER + timedelta(hours=1)))
    assert article(store).status == "removed"
    assert article(store).body_text == record(1).body_text
    assert events(store)[1:] == [("article", "removed", {"status": 404})]
    crawl(database_url, fetched(record(1), LATER + timedelta(days=1)))
    assert article(store).status == "live"
    assert [kind for _, kind, _ in events(store)] == ["created", "removed", "restored"]


def test_a_301_is_a_move_to_a_new_url(database_url: str, store: Store) -> None:
    old, new = record(1).url, canonical(f"{SITE}/thong-bao/thong-bao-so-1")
    crawl(database_url, fetched(record(1)))
    crawl(database_url, ArticleMoved(old, new, LATER), ArticleMoved(old, new, LATER))
    assert events(store)[1:] == [("article", "moved", {"from": old, "to": new})]
    assert article(store).url == new
    assert store.is_known(new) and store.is_known(old)
    assert count(store, "articles") == 1


def test_not_modified_updates_last_checked_only(database_url: str, store: Store) -> None:
    crawl(database_url, fetched(record(1), etag='"v1"'))
    crawl(database_url, ArticleUnchanged(record(1).url, LATER))
    assert (article(store).last_checked, article(store).etag) == (LATER, '"v1"')
    assert len(events(store)) == 1


def test_an_attachment_keeps_its_size_through_later_fetches(database_url: str, store: Store) -> None:
    pdf = record(1).attachments[0]
    crawl(
        database_url, fetched(record(1)), AttachmentSeen(pdf.url, record(1).url, pdf.name, pdf.type, 2048, T0)
    )
    crawl(database_url, fetched(replace(record(1), title="Thông báo (sửa)"), LATER))
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT url, size FROM attachments").all() == [(pdf.url, 2048)]


def test_the_contact_directory_is_stored_once_and_versioned(database_url: str, store: Store) -> None:
    page = f"{SITE}/lien-he"
    changed = (*SITE_CONTACTS, ContactRecord("Thanh tra Sở", None, ("0296.3.852.862",), (), "site"))
    crawl(database_url, SiteContacts(SITE_CONTACTS, page, T0), fetched(record(1)), fetched(record(2)))
    crawl(database_url, SiteContacts(SITE_CONTACTS, page, LATER))
    crawl(database_url, SiteContacts(changed, page, LATER + timedelta(days=1)))
    assert count(store, "contacts", "article_id IS NULL") == 3
    assert count(store, "contacts", "article_id IS NOT NULL") == 0
    assert count(store, "contact_versions") == 2
    assert [(s, k) for s, k, _ in events(store) if s == "contacts"] == [
        ("contacts", "created"),
        ("contacts", "updated"),
    ]
    with store.engine.connect() as connection:
        update = connection.execute(
            select(ChangeEvent).where(ChangeEvent.subject == "contacts").offset(1)
        ).one()
        names = connection.scalars(
            select(Contact.name).where(Contact.article_id.is_(None)).order_by(Contact.position)
        )
        assert list(names) == ["Văn phòng Sở", "Phòng Bưu chính, Viễn thông", "Thanh tra Sở"]
    assert update.diff.endswith("+Thanh tra Sở () | 0296.3.852.862 | ")


def test_contacts_of_an_article_belong_to_it(database_url: str, store: Store) -> None:
    own = ContactRecord(
        "Bộ phận một cửa", "Tổ trưởng", ("0296.3.852.989",), ("motcua@angiang.gov.vn",), "article"
    )
    crawl(database_url, fetched(record(1, contacts=(*SITE_CONTACTS, own))))
    with store.engine.connect() as connection:
        rows = connection.execute(select(Contact.article_id, Contact.name, Contact.phones)).all()
    assert rows == [(article(store).id, "Bộ phận một cửa", ["0296.3.852.989"])]


def test_items_about_unknown_articles_are_skipped_and_counted(database_url: str, store: Store) -> None:
    unknown = f"{SITE}/tin-tuc/khong-co"
    crawler = crawl(
        database_url,
        ArticleGone(unknown, 404, T0),
        ArticleUnchanged(unknown, T0),
        ArticleMoved(unknown, canonical(f"{SITE}/x"), T0),
        AttachmentSeen(f"{SITE}/f.pdf", unknown, "f", "application/pdf", 1, T0),
    )
    stats = crawler.stats.get_stats()
    assert {k: v for k, v in stats.items() if k.startswith("sotttt/store/skipped/")} == {
        "sotttt/store/skipped/unknown_url/gone": 1,
        "sotttt/store/skipped/unknown_url/unchanged": 1,
        "sotttt/store/skipped/unknown_url/moved": 1,
        "sotttt/store/skipped/unknown_url/attachment": 1,
    }
    assert count(store, "articles") == 0


def test_an_older_fetch_does_not_overwrite_a_newer_one(database_url: str, store: Store) -> None:
    crawl(database_url, fetched(record(1, title="Mới"), LATER))
    crawler = crawl(database_url, fetched(record(1, title="Cũ"), T0))
    assert article(store).title == "Mới"
    assert crawler.stats.get_value("sotttt/store/skipped/stale_content") == 1
