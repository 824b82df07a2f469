"""Alerts: at the end of a crawl, one message per topic and URL to a real HTTP receiver on 127.0.0.1
(apprise's ``json://``); a failed send is kept and sent at the next run, and never sent twice."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from scrapy.exceptions import NotConfigured
from sqlalchemy import select

from mirror.testing import MirrorServer
from scraper.extensions.alerts import AlertsExtension
from scraper.sites.profiles import SiteProfile
from scraper.storage.models import AlertDelivery
from scraper.storage.store import Store
from tests.crawling import crawl as spider_crawl
from tests.crawling import last_run
from tests.store_factories import OTHER, T0, fetched, make_crawler, other_record, record, run_pipelines

BORDER = "Bộ đội Biên phòng tuyên truyền về chủ quyền biên giới quốc gia."
DIGITAL = "Triển khai chuyển đổi số tại các xã."


class Receiver:
    """A webhook on 127.0.0.1 that keeps every JSON message POSTed to it, by path."""

    def __init__(self, port: int = 0) -> None:
        self.port = port
        self.messages: list[tuple[str, dict[str, Any]]] = []
        self.server: ThreadingHTTPServer | None = None

    def start(self) -> Receiver:
        messages = self.messages

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                messages.append((self.path, json.loads(self.rfile.read(length))))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def url(self, path: str) -> str:
        return f"json://127.0.0.1:{self.port}/{path}"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    started = Receiver().start()
    yield started
    started.stop()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def watchlist(
    tmp_path: Path, border: list[str], digital: list[str] | None = None, sites: list[str] | None = None
) -> Path:
    path = tmp_path / "watchlists.toml"
    text = f"[topics.border]\ntitle = 'Biên giới'\nkeywords = ['biên giới']\nnotify = {json.dumps(border)}\n"
    if sites is not None:
        text += f"sites = {json.dumps(sites)}\n"
    if digital is not None:
        text += f"[topics.digital]\nkeywords = ['chuyển đổi số']\nnotify = {json.dumps(digital)}\n"
    path.write_text(text, encoding="utf-8")
    return path


def crawl_with_alerts(
    database_url: str, watchlist_path: Path, *items: Any, site: SiteProfile | None = None
) -> dict[str, Any]:
    """One crawl run (of ``site``'s, if given) through the pipelines with the alerts extension; the
    run's stats."""
    crawler = make_crawler(
        database_url, WATCHLIST_PATH=str(watchlist_path), ALERTS_ENABLED=True, ALERT_MAX_ARTICLES=2
    )
    if site is not None:
        crawler.spider = SimpleNamespace(profile=site, mode="full")  # type: ignore[assignment]
    extension = AlertsExtension.from_crawler(crawler)  # held here: signals keep weak references
    run_pipelines(crawler, items)
    assert extension.stats is crawler.stats
    return crawler.stats.get_stats()


def deliveries(database_url: str) -> list[AlertDelivery]:
    with Store.open(database_url) as store, store.reading() as session:
        return list(session.scalars(select(AlertDelivery).order_by(AlertDelivery.id)))


def test_one_message_per_topic_per_run_with_its_new_and_changed_articles(
    database_url: str, receiver: Receiver, tmp_path: Path
) -> None:
    path = watchlist(tmp_path, [receiver.url("border")], [receiver.url("digital")])
    articles = [record(n, title=f"Tin số {n}", body_text=BORDER) for n in (1, 2, 3)]
    stats = crawl_with_alerts(
        database_url, path, *map(fetched, articles), fetched(record(4, title="Tin số 4", body_text=DIGITAL))
    )
    assert {k: v for k, v in stats.items() if k.startswith("sotttt/alerts/")} == {
        "sotttt/alerts/queued": 2,
        "sotttt/alerts/delivered": 2,
        "sotttt/alerts/failed": 0,
    }
    assert sorted(path for path, _ in receiver.messages) == ["/border", "/digital"]
    border = next(message for path, message in receiver.messages if path == "/border")
    assert border["title"] == "Biên giới: 3 bài mới, 0 bài cập nhật"
    lines = border["message"].splitlines()
    assert lines[0] == "• [mới] 2025-05-08 Tin số 1"
    assert lines[1] == f"  {articles[0].canonical_url}"
    assert lines[-1] == "… và 1 bài khác"  # ALERT_MAX_ARTICLES=2

    later = T0 + timedelta(days=1)
    crawl_with_alerts(database_url, path, *(fetched(a, later) for a in articles))  # nothing new
    assert len(receiver.messages) == 2
    edited = replace(articles[1], body_text=BORDER + " Cập nhật.")
    crawl_with_alerts(database_url, path, fetched(edited, later + timedelta(days=1)))
    assert len(receiver.messages) == 3
    path_, update = receiver.messages[-1]
    assert (path_, update["title"]) == ("/border", "Biên giới: 0 bài mới, 1 bài cập nhật")
    assert update["message"].startswith("• [cập nhật] 2025-05-07 Tin số 2")
    assert [(d.topic, d.attempts, d.delivered_at is not None) for d in deliveries(database_url)] == [
        ("border", 1, True),
        ("digital", 1, True),
        ("border", 1, True),
    ]


def test_a_failed_send_is_kept_sent_at_the_next_run_and_never_again(
    database_url: str, tmp_path: Path
) -> None:
    down = Receiver(free_port())  # nothing listens there yet
    path = watchlist(tmp_path, [down.url("hook")])
    stats = crawl_with_alerts(database_url, path, fetched(record(1, title="Tin biên giới", body_text=BORDER)))
    assert (stats["sotttt/alerts/queued"], stats["sotttt/alerts/failed"]) == (1, 1)
    [pending] = deliveries(database_url)
    assert (pending.attempts, pending.delivered_at) == (1, None)
    assert "Connection" in (pending.last_error or "")

    down.start()
    try:
        stats = crawl_with_alerts(database_url, path)  # a run that finds nothing new
        assert (stats["sotttt/alerts/queued"], stats["sotttt/alerts/delivered"]) == (0, 1)
        [(_, message)] = down.messages
        assert message["title"] == "Biên giới: 1 bài mới, 0 bài cập nhật"
        assert "Tin biên giới" in message["message"]
        crawl_with_alerts(database_url, path)
        assert len(down.messages) == 1
    finally:
        down.stop()
    [sent] = deliveries(database_url)
    assert (sent.attempts, sent.last_error, sent.delivered_at is not None) == (2, None, True)


def test_a_topic_naming_sites_alerts_only_for_their_articles(
    database_url: str, receiver: Receiver, tmp_path: Path
) -> None:
    path = watchlist(tmp_path, [receiver.url("border")], sites=["sotttt"])
    other = [other_record(n, title=f"Tin nông nghiệp {n}", body_text=BORDER) for n in (11, 12)]
    stats = crawl_with_alerts(database_url, path, *map(fetched, other), site=OTHER)
    assert (stats["sotttt/alerts/queued"], receiver.messages) == (0, [])  # not a site the topic names
    ours = crawl_with_alerts(database_url, path, fetched(record(1, title="Tin biên giới", body_text=BORDER)))
    assert ours["sotttt/alerts/queued"] == 1
    [(_, message)] = receiver.messages
    assert message["title"] == "Biên giới: 1 bài mới, 0 bài cập nhật"
    assert "Tin biên giới" in message["message"] and "nông nghiệp" not in message["message"]
    # Without sites, every site's articles are alerted.
    every = watchlist(tmp_path, [receiver.url("border")])
    crawl_with_alerts(
        database_url,
        every,
        fetched(other_record(13, title="Tin nông nghiệp 13", body_text=BORDER)),
        site=OTHER,
    )
    assert "Tin nông nghiệp 13" in receiver.messages[-1][1]["message"]
    assert len(receiver.messages) == 2


def test_without_notification_urls_the_extension_is_off(tmp_path: Path) -> None:
    crawler = make_crawler("sqlite://", WATCHLIST_PATH=str(watchlist(tmp_path, [])), ALERTS_ENABLED=True)
    with pytest.raises(NotConfigured, match="no topic"):
        AlertsExtension.from_crawler(crawler)


@pytest.mark.crawl
def test_a_real_crawl_alerts_once_with_what_it_found(receiver: Receiver, tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'crawl.sqlite3'}"
    path = watchlist(tmp_path, [receiver.url("hook")])
    with MirrorServer(articles=20, layout="drupal_gavias", seed=12) as mirror:
        mirror.edit(4, title="Hội nghị về biên giới quốc gia")
        spider_crawl(mirror.url, database_url, mode="full", settings={"WATCHLIST_PATH": str(path)})
        truths = mirror.articles("live")
    [(_, message)] = receiver.messages
    border = [t for t in truths if "biên giới" in " ".join([t["title"], t["summary"], *t["body"]]).lower()]
    assert message["title"] == f"Biên giới: {len(border)} bài mới, 0 bài cập nhật"
    assert "Hội nghị về biên giới quốc gia" in message["message"]
    stats = last_run(database_url).stats
    assert stats["sotttt/alerts/delivered"] == 1
