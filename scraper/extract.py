"""``python -m scraper.extract PATH_OR_URL [--url URL] [--charset CHARSET]``: one page or document as JSON.

Reads a saved page (a path, or a ``file://`` URL) and prints the parser's record. A listing
page prints the listing record. A PDF, DOCX or DOC file (known by its bytes, whatever its name)
prints the document: its text, the text's quality and the metadata it states, exit 0 for a
damaged file too (``text_quality: no_text`` and the reason in ``error``). No network: an
``http(s)`` argument is refused.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from scraper.cli.terminal import reader_gone
from scraper.parsers.article import article_from_page
from scraper.parsers.decoding import DecodingError
from scraper.parsers.document import read_document
from scraper.parsers.document_text import document_format
from scraper.parsers.listing import listing_from_page
from scraper.parsers.page import load_page

EXIT_BAD_INPUT = 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scraper.extract", description=__doc__.splitlines()[0])
    parser.add_argument("page", help="a saved page: a file path or file:// URL")
    parser.add_argument("--url", help="the address the page was fetched from (resolves its links)")
    parser.add_argument("--charset", help="the charset the server declared, if any")
    args = parser.parse_args(argv)
    try:
        path = _path(args.page)
        content = path.read_bytes()
        if document_format(content) is not None:
            _print(read_document(content).to_dict())
            return 0
        page = load_page(content, args.url or path.resolve().as_uri(), args.charset)
    except (OSError, DecodingError, ValueError) as error:
        print(f"extract: cannot read {args.page}: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    record = article_from_page(page)
    if not record.is_article:
        listing = listing_from_page(page)
        if listing.teasers:
            _print({"kind": "listing", **listing.to_dict()})
            return 0
    _print({"kind": "article" if record.is_article else "page", **record.to_dict()})
    return 0


def _path(argument: str) -> Path:
    parts = urlsplit(argument)
    if parts.scheme in {"http", "https"}:
        raise ValueError("fetching pages is the spider's job; save the page and pass its path")
    return Path(unquote(parts.path)) if parts.scheme == "file" else Path(argument)


def _print(data: dict[str, Any]) -> None:
    try:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        sys.stdout.flush()
    except BrokenPipeError:  # | head: the reader has what it wanted
        reader_gone()


if __name__ == "__main__":
    sys.exit(main())
