"""Text for a terminal: tables that fit its width, highlights, and nothing unsafe from crawled text."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import unicodedata
from collections.abc import Sequence
from typing import TextIO

from scraper.content.folding import Snippet
from scraper.content.untrusted import one_line, printable

BOLD, REVERSE, RED, GREEN, DIM, RESET = "\x1b[1m", "\x1b[7m", "\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[0m"


def reader_gone() -> None:
    """The reader of stdout went away (``| head``): what is still buffered goes nowhere, quietly."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def add_color(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="highlight (default: %(default)s)",
    )


class Style:
    """Colours on a terminal, plain marks elsewhere (a file, a pipe)."""

    def __init__(self, color: bool) -> None:
        self.color = color

    @classmethod
    def of(cls, choice: str, stream: TextIO | None = None) -> Style:
        """``--color auto|always|never``; auto: only when writing to a terminal (stdout by default)."""
        return cls(choice == "always" or (choice == "auto" and (stream or sys.stdout).isatty()))

    def mark(self, text: str) -> str:
        """A search match."""
        return f"{REVERSE}{text}{RESET}" if self.color else f"«{text}»"

    def bold(self, text: str) -> str:
        return f"{BOLD}{text}{RESET}" if self.color else text

    def dim(self, text: str) -> str:
        return f"{DIM}{text}{RESET}" if self.color else text

    def diff_line(self, line: str) -> str:
        """A line of a unified diff, added lines green, removed ones red."""
        if not self.color or line.startswith(("+++", "---")):
            return line
        if line.startswith("+"):
            return f"{GREEN}{line}{RESET}"
        if line.startswith("-"):
            return f"{RED}{line}{RESET}"
        return line

    def snippet(self, found: Snippet) -> str:
        return "".join(self.mark(printable(text)) if hit else printable(text) for text, hit in found.parts)


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: combining marks none, wide East Asian characters two."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text
    )


def fit(text: str, columns: int) -> str:
    """``text`` cut with ``…`` to at most ``columns`` columns."""
    if width(text) <= columns:
        return text
    out, used = [], 0
    for character in text:
        used += width(character)
        if used > columns - 1:
            break
        out.append(character)
    return "".join(out) + "…"


def table(headers: Sequence[str], rows: Sequence[Sequence[str | None]], flex: int = -1) -> str:
    """Rows as aligned columns of one line each; column ``flex`` is cut to fit the terminal's width."""
    total = shutil.get_terminal_size((120, 24)).columns
    cells = [[one_line(c) for c in row] for row in rows]
    widths = [max([width(h), *(width(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    others = sum(widths) - widths[flex]
    widths[flex] = min(widths[flex], max(10, total - others - 2 * (len(headers) - 1)))
    lines = []
    for row in [list(headers), *cells]:
        parts = [fit(c, w) + " " * (w - width(fit(c, w))) for c, w in zip(row, widths, strict=True)]
        lines.append("  ".join(parts).rstrip())
    return "\n".join(lines)
