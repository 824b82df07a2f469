"""What re-checking known articles costs, and whether it finds edits of old articles in time.

    python benchmarks/revisit.py --articles 5000 [--run-hours 1] [--period-days 7]

On a mirror in the 2018 layout (no sitemap: only the re-check schedule can find edits of old
articles), with a simulated clock (``CRAWL_NOW``): a full crawl, one incremental run with nothing
changed, then 1% of the old articles edited and incremental runs every ``--run-hours`` for one
re-check period. Requests are the crawl runs' own counts. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mirror.testing import MirrorServer  # noqa: E402
from tests.crawling import articles, crawl, last_run  # noqa: E402

START = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--run-hours", type=float, default=1.0)
    parser.add_argument("--period-days", type=float, default=7.0)
    args = parser.parse_args()
    step = timedelta(hours=args.run_hours)
    quiet = {"LOG_LEVEL": "WARNING", "RECHECK_PERIOD_DAYS": args.period_days}
    with (
        tempfile.TemporaryDirectory() as tmp,
        MirrorServer(articles=args.articles, layout="wps2018", startup_timeout=600) as mirror,
    ):
        database = f"sqlite:///{Path(tmp) / 'revisit.sqlite3'}"
        crawl(mirror.url, database, mode="full", settings={**quiet, "CRAWL_NOW": START.isoformat()})
        full = last_run(database).requests
        now = START + step
        crawl(mirror.url, database, settings={**quiet, "CRAWL_NOW": now.isoformat()})
        unchanged = last_run(database).requests

        edited = mirror.articles("live")[::100]  # 1%, all of them years old
        edits = {t["url"]: f"{t['title']} (đã sửa)" for t in edited}
        for truth in edited:
            mirror.edit(truth["index"], title=edits[truth["url"]])
        found_at: dict[str, datetime] = {}
        per_run = []
        end = now + timedelta(days=args.period_days)
        while now < end:
            now += step
            crawl(mirror.url, database, settings={**quiet, "CRAWL_NOW": now.isoformat()})
            per_run.append(last_run(database).requests)
            stored = {a.url: a.title for a in articles(database) if a.url in edits}
            for url, title in stored.items():
                if title == edits[url]:
                    found_at.setdefault(url, now)
    print(
        json.dumps(
            {
                "articles": args.articles,
                "runs": len(per_run),
                "run_hours": args.run_hours,
                "period_days": args.period_days,
                "full_requests": full,
                "unchanged_requests": unchanged,
                "unchanged_share": round(unchanged / full, 5),
                "edited_requests": round(statistics.mean(per_run), 1),
                "edited_requests_max": max(per_run),
                "edited_share": round(statistics.mean(per_run) / full, 5),
                "edits_made": len(edits),
                "edits_found": len(found_at),
                "slowest_find_hours": max(
                    ((t - START).total_seconds() / 3600 for t in found_at.values()), default=None
                ),
            }
        )
    )


if __name__ == "__main__":
    main()
