"""``python -m scraper.web [--database-url URL] [--host 127.0.0.1] [--port 8080]``: serve the web
interface and the API with uvicorn, on the crawl's database (``DATABASE_URL``)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import uvicorn

from scraper.cli.base import EXIT_BAD_INPUT, Parser
from scraper.content.watchlist import WatchlistError
from scraper.settings import DATABASE_URL, WATCHLIST_PATH, WEB_HOST, WEB_PORT
from scraper.storage.engine import DatabaseUrlError, parse_database_url
from scraper.web.app import create_app


def main(argv: Sequence[str] | None = None) -> int:
    parser = Parser(prog="python -m scraper.web", description=__doc__)
    parser.add_argument("--database-url", default=DATABASE_URL, help="the database (default: %(default)s)")
    parser.add_argument("--host", default=WEB_HOST, help="the address to listen on (default: %(default)s)")
    parser.add_argument("--port", type=int, default=WEB_PORT, help="the port (default: %(default)s)")
    parser.add_argument(
        "--watchlist", default=WATCHLIST_PATH, help="the watchlist (default: the shipped one)"
    )
    args = parser.parse_args(argv)
    try:
        parse_database_url(args.database_url)
        app = create_app(args.database_url, args.watchlist)
    except (DatabaseUrlError, WatchlistError) as error:
        print(f"python -m scraper.web: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    uvicorn.run(app, host=args.host, port=args.port, server_header=False, access_log=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
