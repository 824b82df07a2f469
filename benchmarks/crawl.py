"""Crawl cost on a mirror served from a separate process.

    python benchmarks/crawl.py --articles 5000 [--layout drupal_gavias] [--parse-processes 1] [--repeat 3]

Measures, in one session against one mirror:
- the full crawl's pages per second, against a bare Scrapy spider that fetches the same URLs
  (taken from the mirror's own request log) and parses nothing (``ratio``, goal ≥ 0.6), and the
  same in CPU seconds per page (``cpu_ratio``), which other load on the machine changes less.
  Either varies from one run to the next by ±15% on a shared machine: ``--repeat`` pairs of a full
  crawl (into a new database) and a bare fetch run one after the other, and the medians are given;
- requests and seconds of an incremental crawl of the unchanged mirror against the full crawl
  (``incremental_share``, goal ≤ 1%);
- the peak RSS of the crawl process (goal ≤ 300 MB at 20,000 articles), and of the crawl with its
  parser processes summed (``peak_tree_rss_mb``);
- what reading the attached documents costs: a full crawl with ``DOCUMENTS_FETCH`` off (files
  only HEAD-ed, as before documents were read) against the same crawl with it on
  (``documents_time_ratio``: seconds with / seconds without; ``documents_read``).
Both crawls run with the mirror-speed settings of ``scraper.settings.MIRROR_SPEED`` and
``PARSE_PROCESSES`` from ``--parse-processes`` (1: the machine's second core parses).
The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mirror.testing import MirrorServer  # noqa: E402
from scraper.settings import MIRROR_SPEED  # noqa: E402
from tests.crawling import crawl, last_run, start_crawl  # noqa: E402

READ = "sotttt/documents/quality/"  # + ok, garbled, no_text: documents fetched and read


def bare_crawl(urls: list[str], workdir: Path) -> dict:
    url_file, out = workdir / "urls.txt", workdir / "bare.json"
    url_file.write_text("\n".join(urls), encoding="utf-8")
    command = [sys.executable, "-m", "scrapy", "runspider", str(ROOT / "benchmarks" / "bare_spider.py"),
               "-a", f"urls={url_file}", "-a", f"out={out}", "-s", "LOG_LEVEL=WARNING",
               "-s", "ROBOTSTXT_OBEY=False", "-s", "TELNETCONSOLE_ENABLED=False"]  # fmt: skip
    for key, value in MIRROR_SPEED.items():
        command += ["-s", f"{key}={value}"]
    subprocess.run(command, cwd=workdir, check=True, timeout=3600)
    return json.loads(out.read_text())


def seconds(run) -> float:
    return (run.finished_at - run.started_at).total_seconds()


def peak_child_rss_mb() -> float:
    """The largest peak RSS of any one process that has exited (the crawl, or a parser process)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def tree_rss_mb(pid: int) -> float:
    """RSS of ``pid`` and all its descendants now (the crawl and its parser processes)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        parents[int(stat.parent.name)] = int(fields[1])
    tree, grew = {pid}, True
    while grew:
        more = {child for child, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    pages = 0
    for member in tree:
        try:
            pages += int(Path(f"/proc/{member}/statm").read_text().split()[1])
        except OSError:
            continue
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def crawl_sampling_rss(base_url: str, database: str, settings: dict, log: Path) -> float:
    """A full crawl; the peak of its process tree's summed RSS, sampled five times a second."""
    process = start_crawl(base_url, database, log, "full", settings)
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, tree_rss_mb(process.pid))
        time.sleep(0.2)
    if process.returncode != 0:
        raise SystemExit(f"the crawl failed ({process.returncode}):\n{log.read_text()[-3000:]}")
    return peak


def children_cpu_seconds() -> float:
    """CPU time of the children that have exited (a crawl, its parser processes): load does not
    change it as it changes pages per second."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--layout", default="drupal_gavias", choices=["drupal_gavias", "wps2018", "mixed"])
    parser.add_argument("--parse-processes", type=int, default=1, help="PARSE_PROCESSES of the crawls")
    parser.add_argument("--repeat", type=int, default=3, help="pairs of a full crawl and a bare fetch")
    args = parser.parse_args()
    settings = {"LOG_LEVEL": "WARNING", "PARSE_PROCESSES": args.parse_processes}
    pairs: list[dict] = []
    with (
        tempfile.TemporaryDirectory() as tmp,
        MirrorServer(articles=args.articles, layout=args.layout, startup_timeout=600) as mirror,
    ):
        workdir = Path(tmp)
        documents = sum(1 for t in mirror.articles() if t["document"])  # writes every file once, now
        for n in range(args.repeat):
            database = f"sqlite:///{workdir / f'bench{n}.sqlite3'}"
            mirror.reset_log()
            started, cpu = time.perf_counter(), children_cpu_seconds()
            tree_peak = crawl_sampling_rss(mirror.url, database, settings, workdir / "full.log")
            full_wall, full_cpu = time.perf_counter() - started, children_cpu_seconds() - cpu
            full = last_run(database)
            fetched = [mirror.url + e["target"] for e in mirror.log() if e["method"] == "GET"]
            if n == 0:
                peak_rss = peak_child_rss_mb()  # the mirror is still running: only crawls have exited
                crawl(mirror.url, database, settings=settings)
                incremental = last_run(database)
                without = f"sqlite:///{workdir / 'without-documents.sqlite3'}"
                crawl(mirror.url, without, mode="full", settings={**settings, "DOCUMENTS_FETCH": False})
                files_headed = last_run(without)
            cpu = children_cpu_seconds()
            bare = bare_crawl(fetched, workdir)
            bare_cpu = children_cpu_seconds() - cpu
            full_rate, bare_rate = full.requests / seconds(full), bare["pages"] / bare["seconds"]
            pairs.append(
                {
                    "full_pages_per_s": full_rate,
                    "bare_pages_per_s": bare_rate,
                    "ratio": full_rate / bare_rate,
                    # CPU seconds a page of the bare fetch takes, over those of the full crawl (its
                    # parser processes included): the ratio of the work, whatever else the machine runs.
                    "cpu_ratio": (bare_cpu / len(fetched)) / (full_cpu / full.requests),
                    "full_seconds": seconds(full),
                    "full_wall_seconds": full_wall,
                    "tree_peak": tree_peak,
                }
            )
            print(json.dumps({k: round(v, 3) for k, v in pairs[-1].items()}), flush=True)

    def median(key: str, digits: int = 1) -> float:
        return round(statistics.median(pair[key] for pair in pairs), digits)

    print(
        json.dumps(
            {
                "articles": args.articles,
                "layout": args.layout,
                "parse_processes": args.parse_processes,
                "repeat": args.repeat,
                "full_requests": full.requests,
                "full_seconds": median("full_seconds", 2),
                "full_wall_seconds": median("full_wall_seconds", 2),
                "full_pages_per_s": median("full_pages_per_s"),  # medians of the pairs
                "bare_pages_per_s": median("bare_pages_per_s"),
                "ratio": median("ratio", 3),
                "ratios": [round(pair["ratio"], 3) for pair in pairs],
                "cpu_ratio": median("cpu_ratio", 3),
                "incremental_requests": incremental.requests,
                "incremental_seconds": round(seconds(incremental), 2),
                "incremental_share": round(incremental.requests / full.requests, 5),
                "peak_rss_mb": round(peak_rss, 1),  # of the largest process: the crawl's own
                "peak_tree_rss_mb": round(max(pair["tree_peak"] for pair in pairs), 1),  # with its parsers
                "documents": documents,
                "documents_read": sum(
                    v for k, v in full.stats.items() if k.startswith("sotttt/documents/quality/")
                ),
                "full_seconds_without_documents": round(seconds(files_headed), 2),
                "documents_time_ratio": round(median("full_seconds", 2) / seconds(files_headed), 3),
                "cpus": os.cpu_count(),
            }
        )
    )


if __name__ == "__main__":
    main()
