"""Alert deliveries in the database: queued once per run, topic and URL, sent until delivered.

``Store.queue_alerts`` and ``Store.deliver_alerts`` use these inside their transactions. A
delivery is claimed with a row lock (PostgreSQL: ``FOR UPDATE SKIP LOCKED``; SQLite: the write
transaction holds the database) for the time of its send, so two processes never send it twice;
it is marked delivered in the same transaction. A crash between the send and the commit is the
one case where a message can go out twice: at least once, never lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from scraper.storage.models import AlertDelivery


class DeliveryError(Exception):
    """A notification service did not take the message (the reason, in one line)."""


@dataclass(frozen=True)
class Alert:
    """One message for one topic of one run, to one notification URL."""

    topic: str
    target: str
    title: str
    body: str
    article_ids: tuple[int, ...]


@dataclass
class DeliveryReport:
    delivered: int = 0
    failed: int = 0


def queue(session: Session, run_id: int, alerts: Sequence[Alert], now: datetime) -> int:
    """Add the alerts not queued yet for this run; how many were added."""
    if not alerts:
        return 0
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    rows = [
        {
            "run_id": run_id,
            "topic": a.topic,
            "target": a.target,
            "title": a.title,
            "body": a.body,
            "article_ids": list(a.article_ids),
            "created_at": now,
            "attempts": 0,
        }
        for a in alerts
    ]
    statement = (
        dialect.insert(AlertDelivery)
        .on_conflict_do_nothing(index_elements=["run_id", "topic", "target"])
        .returning(AlertDelivery.id)
    )
    return len(session.execute(statement, rows).all())


def pending(session: Session) -> list[int]:
    """Deliveries not delivered yet, oldest first."""
    query = select(AlertDelivery.id).where(AlertDelivery.delivered_at.is_(None)).order_by(AlertDelivery.id)
    return list(session.scalars(query))


def claim(session: Session, delivery_id: int) -> AlertDelivery | None:
    """The delivery, locked for this transaction, if it is still undelivered and nobody holds it."""
    query = (
        select(AlertDelivery)
        .where(AlertDelivery.id == delivery_id, AlertDelivery.delivered_at.is_(None))
        .with_for_update(skip_locked=True)
    )
    return session.scalar(query)
