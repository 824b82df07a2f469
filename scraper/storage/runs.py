"""Crawl-run bookkeeping: the counts and stats a run records, and a shared run's sums."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from scraper.storage.models import CrawlRun


@dataclass(frozen=True)
class RunCounts:
    """The counts a finished crawl run records."""

    requests: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    invalid: int = 0
    errors: int = 0


@dataclass(frozen=True)
class RunShare:
    """What a worker of a run that several workers share (``scraper.distributed``) adds to its record:
    its counts and stats since it last added them."""

    counts: RunCounts
    stats: dict[str, Any]


def begin(session: Session, site: str, mode: str, started_at: datetime) -> int:
    run = CrawlRun(site=site, mode=mode, started_at=started_at)
    session.add(run)
    session.flush()
    return run.id


def finish(
    session: Session,
    run_id: int,
    counts: RunCounts,
    finish_reason: str,
    finished_at: datetime,
    stats: dict[str, Any] | None,
    monitors: list[dict[str, Any]] | None,
) -> None:
    session.execute(
        update(CrawlRun)
        .where(CrawlRun.id == run_id)
        .values(
            finished_at=finished_at,
            finish_reason=finish_reason,
            stats=stats,
            monitors=monitors,
            **asdict(counts),
        )
    )


def close(session: Session, run_id: int, finish_reason: str, finished_at: datetime) -> dict[str, Any] | None:
    closed = session.execute(
        update(CrawlRun)
        .where(CrawlRun.id == run_id, CrawlRun.finished_at.is_(None))
        .values(finished_at=finished_at, finish_reason=finish_reason)
        .returning(CrawlRun.stats)
    ).first()
    return None if closed is None else closed.stats or {}


def record_verdicts(session: Session, run_id: int, verdicts: list[dict[str, Any]]) -> None:
    session.execute(update(CrawlRun).where(CrawlRun.id == run_id).values(monitors=verdicts))


def add_to_run(session: Session, run_id: int, share: RunShare) -> bool:
    """Add a worker's share to an unfinished run, its row locked; False if it is finished or unknown."""
    current = session.execute(
        select(CrawlRun.stats).where(CrawlRun.id == run_id, CrawlRun.finished_at.is_(None)).with_for_update()
    ).first()
    if current is None:
        return False
    added = {name: getattr(CrawlRun, name) + value for name, value in asdict(share.counts).items()}
    session.execute(
        update(CrawlRun)
        .where(CrawlRun.id == run_id)
        .values(stats=_summed(current.stats or {}, share.stats), **added)
    )
    return True


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _summed(stats: dict[str, Any], more: dict[str, Any]) -> dict[str, Any]:
    """``stats`` with ``more`` added: numbers summed, anything else replaced."""
    summed = dict(stats)
    for key, value in more.items():
        before = summed.get(key)
        summed[key] = before + value if _number(before) and _number(value) else value
    return summed


def stats_since(before: dict[str, Any], now: dict[str, Any]) -> dict[str, Any]:
    """What ``now`` adds to ``before``, so that summed into a run's stats after ``before`` it makes
    ``now``: numbers by their difference, anything else if it changed."""
    since = {}
    for key, value in now.items():
        earlier = before.get(key)
        if _number(value) and (earlier is None or _number(earlier)):
            if difference := value - (earlier or 0):
                since[key] = difference
        elif value != earlier:
            since[key] = value
    return since
