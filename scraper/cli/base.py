"""What every command shares: one-line errors, the database, ``--since``, ``--site``, the watchlist,
output files."""

from __future__ import annotations

import argparse
import io
import os
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import NoReturn, TextIO, TypeAlias, cast

from scraper.settings import WATCHLIST_PATH
from scraper.storage import Session, Store, queries
from scraper.storage.engine import head_revision, shown_url, sqlite_file
from scraper.storage.queries import Window
from scraper.timezone import SITE_TZ

EXIT_BAD_INPUT = 2
EXIT_NO_DATA = 3  # no usable database: missing, empty, unreachable or at an older schema
LAST_RUN = "last-run"
DURATION = re.compile(r"(\d+)([hdw])")
UNITS = {"h": "hours", "d": "days", "w": "weeks"}


class CliError(Exception):
    """A problem to tell the user in one line, with the exit status to leave with."""

    def __init__(self, message: str, status: int = EXIT_BAD_INPUT) -> None:
        super().__init__(message)
        self.status = status


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (and exit status 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see --help)\n")


# What each command's ``add_parser`` is given; a string, as ``_SubParsersAction`` is generic only in typeshed.
Subparsers: TypeAlias = "argparse._SubParsersAction[Parser]"


Since = datetime | str  # a point in time, or LAST_RUN


def parse_since(text: str) -> Since:
    """``2021-12-01`` (local midnight), an ISO date and time, ``7d``/``12h``/``2w`` ago, or ``last-run``."""
    text = text.strip()
    if text == LAST_RUN:
        return LAST_RUN
    if duration := DURATION.fullmatch(text):
        return datetime.now(UTC) - timedelta(**{UNITS[duration[2]]: int(duration[1])})
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"malformed --since {text!r}: give a date (2021-12-01), a duration (7d, 12h, 2w) or {LAST_RUN}"
        ) from None
    if len(text) == 10:  # a date alone: that day from midnight, local time
        when = datetime.combine(when.date(), time(0))
    return when if when.tzinfo else when.replace(tzinfo=SITE_TZ)


MAX_LIMIT = 100_000


def positive_count(text: str) -> int:
    """``--limit``: a whole number from 1 (0 or less would answer nothing, silently)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= value <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"must be from 1 to {MAX_LIMIT:,}, not {value}")
    return value


def add_since(parser: argparse.ArgumentParser, default: str | None, what: str) -> None:
    parser.add_argument(
        "--since",
        type=parse_since,
        default=parse_since(default) if default else None,
        metavar="WHEN",
        help=f"{what} since: a date (2021-12-01), a duration (7d, 12h, 2w) or {LAST_RUN}"
        + (f" (default: {default})" if default else ""),
    )


def add_window(parser: argparse.ArgumentParser, default: str | None, what: str) -> None:
    """``--since`` (published since; ``last-run``: first seen since) or ``--seen-since`` (first seen)."""
    when = parser.add_mutually_exclusive_group()
    when.add_argument(
        "--since",
        type=parse_since,
        default=parse_since(default) if default else None,
        metavar="WHEN",
        help=f"{what} published since a date (2021-12-01) or a duration (7d, 12h, 2w); "
        f"{LAST_RUN}: first seen since the last crawl began" + (f" (default: {default})" if default else ""),
    )
    when.add_argument(
        "--seen-since", type=parse_since, metavar="WHEN", help=f"{what} first seen by a crawl since WHEN"
    )


def window(session: Session, args: argparse.Namespace, sites: Sequence[str] = ()) -> Window | None:
    """The articles ``--since`` or ``--seen-since`` ask for, or None for all of them; ``last-run``:
    the last run of ``sites`` (of any site if none)."""
    return window_of(session, args.since, args.seen_since, sites)


def window_of(
    session: Session, published: Since | None, seen: Since | None, sites: Sequence[str] = ()
) -> Window | None:
    """Published since ``published`` (``last-run``: first seen since), or first seen since ``seen``;
    None for neither."""
    if seen is not None:
        return Window(since(session, seen, sites), seen=True)
    if published is None:
        return None
    return Window(since(session, published, sites), seen=published == LAST_RUN)


def since(session: Session, value: Since, sites: Sequence[str] = ()) -> datetime:
    """The point in time ``--since`` stands for; ``last-run``: when the last finished run of ``sites``
    (of any site if none) began."""
    if value != LAST_RUN:
        assert isinstance(value, datetime)
        return value
    started = queries.last_run_start(session, sites)
    if started is None:
        of = f" of {', '.join(sites)}" if sites else ""
        raise CliError(f"--since last-run: no crawl run{of} has finished yet", EXIT_NO_DATA)
    return started


def add_sites(parser: argparse.ArgumentParser, what: str = "articles") -> None:
    """``--site NAME``, repeatable: only what these sites (site profiles' names) stored."""
    parser.add_argument(
        "--site",
        action="append",
        default=[],
        metavar="NAME",
        help=f"only the {what} of this site, a site profile's name such as sotttt (repeatable)",
    )


def chosen_sites(known: Sequence[str], wanted: Sequence[str]) -> list[str]:
    """The sites of ``known`` (the stored ones) that ``wanted`` names (case ignored); an unknown one
    is a ``CliError`` listing the stored sites."""
    chosen: list[str] = []
    for name in wanted:
        if not name.strip():
            continue
        matching = [s for s in known if s == name.strip().lower()]
        if not matching:
            raise CliError(f"unknown site {name!r} (sites: {', '.join(known) or 'none'})")
        chosen += [s for s in matching if s not in chosen]
    return chosen


def wanted_sites(session: Session, args: argparse.Namespace) -> list[str]:
    """The sites ``--site`` names, checked against the stored ones; [] (every site) when none."""
    return chosen_sites(queries.sites(session), args.site) if args.site else []


@contextmanager
def opened(database_url: str) -> Iterator[Store]:
    """The store at ``database_url``, if it is there, crawled, and at this code's schema."""
    store = open_usable(database_url)
    try:
        yield store
    finally:
        store.close()


def open_usable(database_url: str) -> Store:
    """The store at ``database_url``, if it is there, crawled, and at this code's schema; else
    ``CliError`` (``EXIT_NO_DATA``), or ``StorageError`` when it cannot be reached. The caller closes it."""
    shown = shown_url(database_url)
    local_file = sqlite_file(database_url)
    if local_file is not None and not local_file.exists():
        raise CliError(f"no database at {local_file}: crawl first (scrapy crawl sotttt)", EXIT_NO_DATA)
    store = Store.open(database_url, upgrade=False)
    try:
        revision, head = store.schema_revision(), head_revision()
        if revision is None:
            raise CliError(f"empty database at {shown}: crawl first (scrapy crawl sotttt)", EXIT_NO_DATA)
        if revision != head:
            raise CliError(
                f"the database at {shown} has schema {revision}, this version needs {head}:"
                " run python -m scraper.storage upgrade",
                EXIT_NO_DATA,
            )
        with store.reading() as session:
            if not queries.crawl_runs(session):
                raise CliError(
                    f"empty database at {shown}: nothing crawled yet (scrapy crawl sotttt)", EXIT_NO_DATA
                )
    except BaseException:
        store.close()
        raise
    return store


@contextmanager
def reading(database_url: str) -> Iterator[Session]:
    """A read session on the store ``opened`` gives."""
    with opened(database_url) as store, store.reading() as session:
        yield session


def add_watchlist(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--watchlist",
        default=WATCHLIST_PATH,
        help="the watchlist file (default: WATCHLIST_PATH, else scraper/watchlists.toml)",
    )


def write_out(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


@contextmanager
def output_file(path: str, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A file written whole or not at all: a temporary one, renamed into place when complete.
    ``-`` is standard output."""
    if path == "-":
        cast(io.TextIOWrapper, sys.stdout).reconfigure(encoding=encoding, newline="")
        yield sys.stdout
        return
    target = Path(path)
    temporary = target.with_name(f".{target.name}.partial")
    try:
        with temporary.open("w", encoding=encoding, newline="") as out:
            yield out
        os.replace(temporary, target)
    except OSError as error:
        raise CliError(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        temporary.unlink(missing_ok=True)
