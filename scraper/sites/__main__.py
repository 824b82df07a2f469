"""``python -m scraper.sites list|check|crawl``: the site profiles, and one scheduled run of them all.

``list`` shows every profile (the shipped ones and those of ``SITE_PROFILES_DIR``); ``check`` reads
them all and says what is wrong in one line (exit 2); ``crawl`` crawls each profile's site in turn,
``scrapy crawl sotttt -a site=NAME`` in a process of its own: its own politeness settings (the
profile's), its own run lock, one site's failure not stopping the next. Its exit status is the
first failing crawl's (3: a monitor failed, 69: a site unreachable), else 75 if every crawl found
its site busy, else 0. Arguments after ``--`` go to every ``scrapy crawl`` (``-s LOG_LEVEL=WARNING``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence

from scraper.commands.crawl import EXIT_BUSY
from scraper.settings import SITE_PROFILES_DIR, SITE_PROFILES_ENV
from scraper.sites.profiles import ProfileError, SiteProfile, load_profiles

EXIT_BAD_INPUT = 2


def main(argv: Sequence[str] | None = None) -> int:
    args, extra = _parser().parse_known_args(argv)
    if extra and extra[0] == "--":
        extra = extra[1:]
    if extra and args.command != "crawl":
        print(f"python -m scraper.sites {args.command}: unexpected {' '.join(extra)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    folder = args.profiles or SITE_PROFILES_DIR or None
    try:
        profiles = load_profiles(folder)
    except ProfileError as error:
        print(f"python -m scraper.sites: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.command == "list":
        for profile in profiles.values():
            print(_line(profile))
        return 0
    if args.command == "check":
        print(f"{len(profiles)} site profiles read: {', '.join(profiles)}")
        return 0
    unknown = [name for name in args.site if name not in profiles]
    if unknown:
        print(f"no site profile {unknown[0]!r} (known: {', '.join(profiles)})", file=sys.stderr)
        return EXIT_BAD_INPUT
    return crawl_all(args.site or list(profiles), args.mode, folder, extra)


def crawl_all(sites: Sequence[str], mode: str, folder: str | None, extra: Sequence[str]) -> int:
    """Crawl each site in turn; the exit status the module's docstring describes."""
    env = {**os.environ, **({SITE_PROFILES_ENV: folder} if folder else {})}
    statuses = []
    for name in sites:
        command = [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "sotttt",
            "-a",
            f"site={name}",
            "-a",
            f"mode={mode}",
        ]
        status = subprocess.run([*command, *extra], env=env, check=False).returncode
        print(f"{name}: {mode} crawl exited {status}", file=sys.stderr)
        statuses.append(status)
    failed = [status for status in statuses if status not in (0, EXIT_BUSY)]
    if failed:
        return failed[0]
    return EXIT_BUSY if statuses and all(status == EXIT_BUSY for status in statuses) else 0


def _line(profile: SiteProfile) -> str:
    successors = f" -> {', '.join(profile.successor_hosts)}" if profile.successor_hosts else ""
    hosts = ", ".join((*profile.hosts, *profile.alias_hosts))
    return (
        f"{profile.name}\t{profile.platform}\t{hosts}{successors}\t{profile.display_name}\t{profile.source}"
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scraper.sites", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--profiles", metavar="DIR", help=f"a folder of your own profiles (default: ${SITE_PROFILES_ENV})"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="every site profile: name, platform, hosts -> successors, name, file")
    commands.add_parser("check", help="read every profile; a malformed one is a one-line error")
    crawl = commands.add_parser("crawl", help="crawl every site (or those of --site), one after another")
    crawl.add_argument(
        "--site", action="append", default=[], metavar="NAME", help="only this site (repeatable)"
    )
    crawl.add_argument("--mode", choices=("incremental", "full"), default="incremental")
    return parser


if __name__ == "__main__":
    sys.exit(main())
