"""The department's move on the mirror, end to end, measured against the mirror's truth.

    python benchmarks/move.py [--articles 2000] [--redirect 0.2] [--gone 0.1] [--keep 0.05]

One mirror with its successor host (``--successor``: 127.0.0.2, Drupal 7 slug addresses), one
database, five crawls of one site profile naming the successor:
1. before: a full crawl (the old host, and the successor's own posts);
2. during: a share of the articles migrated, their old addresses redirecting, gone (410) or kept;
   a full crawl;
3. after: the old host redirects every address (``move_site("redirect")``); a full crawl;
4. an incremental crawl of the unchanged site, across both hosts;
5. the old host answers nothing (``move_site("down")``); an incremental crawl.
For each: requests (the mirror's log, by host), seconds, the events written; and against the truth:
articles found (every live article stored as one, at its current address), spurious ``created``
and ``removed`` events (goal: none), ``moved`` events per migrated article (goal: exactly one),
whether the whole-site move was reported (``sotttt/site/moved_to``), and the unchanged incremental
run's requests as a share of the full crawl's (``incremental_share``, goal ≤ 1%).
The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from mirror.testing import MirrorServer  # noqa: E402
from scraper.storage.models import ArticleUrl  # noqa: E402
from scraper.urls import identity  # noqa: E402
from tests.crawling import (  # noqa: E402
    crawl,
    event_counts,
    events_per_article,
    last_run,
    session,
    write_profile,
)

SITE = "agmove"


def stage(
    mirror: MirrorServer, folder: Path, database: str, mode: str, moved: bool = False
) -> dict[str, Any]:
    """One crawl of the site: its run, requests by host, seconds and events. Once the whole site
    ``moved``, the crawl must say so (the monitors fail: exit 3)."""
    mirror.reset_log()
    settings = {"SITE_PROFILES_DIR": folder}
    crawl(
        None, database, mode, settings=settings, expect_status=3 if moved else 0, args=["-a", f"site={SITE}"]
    )
    run = last_run(database)
    hosts = Counter(entry["host"] for entry in mirror.log())
    return {
        "run_id": run.id,
        "mode": mode,
        "requests": sum(hosts.values()),
        "requests_by_host": dict(hosts),
        "seconds": round((run.finished_at - run.started_at).total_seconds(), 2),
        "events": event_counts(database, run.id),
        "moved_to": run.stats.get("sotttt/site/moved_to"),
        "failed_monitors": sorted(v["name"] for v in run.monitors if not v["passed"]),
    }


def owners(database: str) -> dict[str, int]:
    """Every address identity stored, with its article."""
    with session(database) as db:
        return dict(db.execute(select(ArticleUrl.identity, ArticleUrl.article_id)).all())


def found_share(mirror: MirrorServer, database: str) -> float:
    """The share of the site's live articles (old host and successor) stored under their current address."""
    truths = [*mirror.articles("live"), *mirror.successor_articles()]
    stored = owners(database)
    return sum(identity(t["url"]) in stored for t in truths) / len(truths)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--redirect", type=float, default=0.2, help="share migrated, old address redirecting")
    parser.add_argument("--gone", type=float, default=0.1, help="share migrated, old address answering 410")
    parser.add_argument("--keep", type=float, default=0.05, help="share migrated, old address still served")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory() as work,
        MirrorServer(articles=args.articles, successor=True) as mirror,
    ):
        folder, database = Path(work), f"sqlite:///{Path(work) / 'move.sqlite3'}"
        write_profile(folder, SITE, mirror.url, successor_url=mirror.successor_url)
        stages = {"before": stage(mirror, folder, database, "full")}
        first_owner = owners(database)
        live = [t["index"] for t in mirror.articles("live")]
        chosen = random.Random(0).sample(live, int(len(live) * (args.redirect + args.gone + args.keep)))
        cut = [int(len(live) * args.redirect), int(len(live) * (args.redirect + args.gone))]
        groups = {"redirect": chosen[: cut[0]], "gone": chosen[cut[0] : cut[1]], "keep": chosen[cut[1] :]}
        for old, indexes in groups.items():
            mirror.migrate(indexes, old=old, status=410)
        stages["during"] = stage(mirror, folder, database, "full")
        migrated = {first_owner[identity(mirror.url_of(i))] for i in chosen}
        moved_during = events_per_article(database, stages["during"]["run_id"], "moved")
        found_during = found_share(mirror, database)
        mirror.move_site("redirect")
        stages["after"] = stage(mirror, folder, database, "full", moved=True)
        moved_after = events_per_article(database, stages["after"]["run_id"], "moved")
        stages["unchanged"] = stage(mirror, folder, database, "incremental", moved=True)
        found_after = found_share(mirror, database)
        mirror.move_site("down")
        stages["down"] = stage(mirror, folder, database, "incremental", moved=True)
    spurious = {
        kind: sum(stages[name]["events"].get(kind, 0) for name in ("during", "after", "unchanged", "down"))
        for kind in ("created", "removed", "restored")
    }
    result = {
        "articles": args.articles,
        "migrated": len(migrated),
        "found_during": round(found_during, 4),
        "found_after": round(found_after, 4),
        "spurious_events": spurious,
        "moved_once_during": sum(moved_during.get(a) == 1 for a in migrated) / len(migrated),
        "moved_not_migrated_during": len(set(moved_during) - migrated),
        "moved_once_after": sum(n == 1 for n in moved_after.values()),
        "moved_twice_ever": len(set(moved_after) & set(moved_during)),
        "site_move_reported": {
            name: stages[name]["moved_to"] is not None for name in ("after", "unchanged", "down")
        },
        "incremental_share": round(stages["unchanged"]["requests"] / stages["after"]["requests"], 4),
        "stages": stages,
    }
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
