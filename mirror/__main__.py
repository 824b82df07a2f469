"""``python -m mirror serve --articles 300 --layout drupal_gavias --port 8000``."""

from __future__ import annotations

import argparse
import asyncio
import sys
import time

from mirror import dialects
from mirror.bench import bench
from mirror.faults import FaultRule
from mirror.model import SITE_LAYOUTS
from mirror.server import App, bind, serve
from mirror.site import MAX_ARTICLES, MIN_ARTICLES, Site


def _articles(raw: str) -> int:
    value = int(raw)
    if not MIN_ARTICLES <= value <= MAX_ARTICLES:
        raise argparse.ArgumentTypeError(f"must be within {MIN_ARTICLES}..{MAX_ARTICLES}")
    return value


def _fault(raw: str) -> FaultRule:
    try:
        return FaultRule.from_spec(raw)
    except (TypeError, ValueError) as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _dialect(raw: str) -> str:
    try:
        dialects.parse(raw)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return raw


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(
        prog="python -m mirror", description="Local mirror of sotttt.angiang.gov.vn"
    )
    commands = root.add_subparsers(dest="command", required=True)
    run = commands.add_parser("serve", help="serve the mirror over HTTP")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    run.add_argument("--articles", type=_articles, default=300)
    run.add_argument("--layout", choices=SITE_LAYOUTS, default="drupal_gavias")
    run.add_argument("--seed", type=int, default=0)
    run.add_argument(
        "--dialect",
        type=_dialect,
        default=dialects.DEFAULT,
        metavar="NAME[,NAME]|per-page",
        help="markup dialect of every page: default (docs/layouts.md), per-page (chosen by a hash of each "
        f"page's id), or one WPS and/or one Drupal dialect: {', '.join(dialects.NAMES['wps'])}; "
        f"{', '.join(dialects.NAMES['drupal'])}",
    )
    run.add_argument("--latency-ms", type=float, default=0.0, help="added to every site response")
    run.add_argument(
        "--endless-archive",
        action="store_true",
        help="add the endless archive (/luu-tru?page=N; WebSphere /wps/portal/Home/2018/luu-tru?trang=N) to "
        "every menu: every page links a next one, and past the last article a page says 'Không có bài "
        "viết nào.' (default dialect only)",
    )
    run.add_argument(
        "--successor",
        action="store_true",
        help="also serve the department's successor host (Drupal 7, Bartik) on 127.0.0.2, same port"
        " number (its own free port with --port 0); prints MIRROR_SUCCESSOR_URL before MIRROR_URL",
    )
    run.add_argument(
        "--fault",
        type=_fault,
        action="append",
        default=[],
        metavar="KIND:key=value,...",
        help="e.g. 503:share=0.1,times=2  reset:path=/tin-tuc-su-kien  stall:prefix=/node/,seconds=30",
    )
    load = commands.add_parser("bench", help="measure how many article pages per second a mirror serves")
    load.add_argument("url", help="the MIRROR_URL of a running mirror")
    load.add_argument("--requests", type=int, default=20_000)
    load.add_argument("--connections", type=int, default=16)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "bench":
        result = bench(args.url, args.requests, args.connections)
        print(
            f"{result.requests} requests over {args.connections} connections in {result.seconds:.2f} s: "
            f"{result.per_second:.0f} requests/s, {result.bytes / result.seconds / 2**20:.1f} MiB/s, "
            f"{result.errors} not 200"
        )
        return 0
    sock = bind(args.host, args.port)
    base_url = f"http://{args.host}:{sock.getsockname()[1]}"
    started = time.perf_counter()
    try:
        site = Site(
            seed=args.seed,
            articles=args.articles,
            layout=args.layout,
            base_url=base_url,
            dialect=args.dialect,
            endless_archive=args.endless_archive,
        )
    except ValueError as error:
        parser().error(str(error))
    print(
        f"built {len(site.articles)} articles ({args.layout}, seed {args.seed}, dialect {args.dialect}"
        f"{', endless archive' if args.endless_archive else ''}),"
        f" {len(site.routes)} routes"
        f" in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
        flush=True,
    )
    app = App(site, latency_ms=args.latency_ms, faults=args.fault)
    if args.successor:
        from mirror.successor import HOST, Successor, serve_hosts

        second = bind(HOST, args.port)
        successor_url = f"http://{HOST}:{second.getsockname()[1]}"
        Successor(site, successor_url)
        lines = [f"MIRROR_SUCCESSOR_URL {successor_url}", f"MIRROR_URL {base_url}"]
        asyncio.run(serve_hosts(sock, second, app, lines))
        return 0
    asyncio.run(serve(sock, app, f"MIRROR_URL {base_url}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
