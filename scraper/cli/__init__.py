"""``python -m scraper.cli COMMAND ...``: what the database knows, for analysts and press offices.

Each command is a module of this package with ``add_parser(subparsers) -> ArgumentParser`` and
``run(args) -> int`` (the exit status); ``COMMANDS`` lists them, in the order ``--help`` shows.
A new command is a new module and its name here. Nothing here crawls or writes articles.

Bad input (an unknown topic, a malformed ``--since``) and an unusable database (missing, empty,
unreachable, at an older schema) are one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from scraper.cli.base import EXIT_BAD_INPUT, EXIT_NO_DATA, CliError, Parser
from scraper.cli.terminal import reader_gone
from scraper.content.watchlist import WatchlistError
from scraper.settings import DATABASE_URL
from scraper.storage import StorageError
from scraper.storage.engine import DatabaseUrlError, shown_url

COMMANDS = (
    "new",
    "search",
    "show",
    "documents",
    "changes",
    "export",
    "contacts",
    "topics",
    "feed",
    "report",
    "status",
)


def parser() -> argparse.ArgumentParser:
    main_parser = Parser(
        prog="python -m scraper.cli", description="What the database knows, for analysts and press offices."
    )
    subparsers = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"scraper.cli.{name}")
        command = module.add_parser(subparsers)
        command.add_argument(
            "--database-url",
            default=DATABASE_URL,
            help="the database to read (default: DATABASE_URL, %(default)s)",
        )
        command.set_defaults(run=module.run)
    return main_parser


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run  # the command module's, set by parser()
    try:
        return run(args)
    except CliError as error:
        _fail(str(error))
        return error.status
    except WatchlistError as error:  # a malformed file, an unknown topic
        _fail(str(error))
        return EXIT_BAD_INPUT
    except DatabaseUrlError as error:  # unparsable, or a database this project has no driver for
        _fail(str(error))
        return EXIT_BAD_INPUT
    except StorageError as error:
        url = shown_url(args.database_url)
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        _fail(f"cannot read the database at {url}: {reason}")
        return EXIT_NO_DATA
    except BrokenPipeError:  # the reader went away (| head): nothing more to say
        reader_gone()
        return 0


def _fail(message: str) -> None:
    print(f"python -m scraper.cli: error: {message}", file=sys.stderr)
