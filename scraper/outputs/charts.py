"""Bar charts as inline SVG, drawn in Python: nothing to load, nothing to run in the page.

Every label is escaped (category names come from the crawled site).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

BAR = "#2b6cb0"
TEXT = "#1a202c"
GRID = "#cbd5e0"
FONT = "font-family:system-ui,'DejaVu Sans',sans-serif;font-size:11px"


def columns(items: Sequence[tuple[str, int]], width: int = 960, height: int = 240, label: str = "") -> str:
    """Vertical bars, one per item (e.g. per month, ``YYYY-MM``), a year mark under each January."""
    top, bottom, left = 16, 28, 36
    plot_w, plot_h = width - left - 8, height - top - bottom
    peak = max((n for _, n in items), default=0) or 1
    step = plot_w / max(len(items), 1)
    parts = [_open(width, height, label), *_scale(peak, left, top, plot_w, plot_h)]
    for index, (name, n) in enumerate(items):
        bar_h = plot_h * n / peak
        x = left + index * step
        parts.append(
            f'<rect class="bar" x="{x + step * 0.1:.1f}" y="{top + plot_h - bar_h:.1f}"'
            f' width="{step * 0.8:.1f}" height="{bar_h:.1f}" fill="{BAR}">'
            f"<title>{escape(name)}: {n}</title></rect>"
        )
        if name.endswith("-01") or index == 0:
            parts.append(
                f'<text x="{x:.1f}" y="{height - 10}" style="{FONT}" fill="{TEXT}">{escape(name[:4])}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def rows(items: Sequence[tuple[str, int]], width: int = 960, label: str = "") -> str:
    """Horizontal bars, one per item (e.g. per category), the name before, the count after."""
    row_h, left, right = 22, 260, 60
    height = row_h * len(items) + 8
    peak = max((n for _, n in items), default=0) or 1
    parts = [_open(width, height, label)]
    for index, (name, n) in enumerate(items):
        y = 4 + index * row_h
        bar_w = (width - left - right) * n / peak
        parts.append(
            f'<text x="{left - 8}" y="{y + 15}" text-anchor="end" style="{FONT}" fill="{TEXT}">'
            f"{escape(name)}</text>"
            f'<rect class="bar" x="{left}" y="{y + 3}" width="{bar_w:.1f}" height="{row_h - 6}" fill="{BAR}">'
            f"<title>{escape(name)}: {n}</title></rect>"
            f'<text x="{left + bar_w + 6:.1f}" y="{y + 15}" style="{FONT}" fill="{TEXT}">{n}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _open(width: int, height: int, label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}"'
        f' viewBox="0 0 {width} {height}" role="img" aria-label="{escape(label)}">'
    )


def _scale(peak: int, left: int, top: int, width: float, height: float) -> list[str]:
    """The baseline and a line at the top value, labelled."""
    return [
        f'<line x1="{left}" y1="{top + height}" x2="{left + width}" y2="{top + height}" stroke="{GRID}"/>',
        f'<line x1="{left}" y1="{top}" x2="{left + width}" y2="{top}" stroke="{GRID}" stroke-dasharray="3"/>',
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" style="{FONT}" fill="{TEXT}">{peak}</text>',
        f'<text x="{left - 6}" y="{top + height}" text-anchor="end" style="{FONT}" fill="{TEXT}">0</text>',
    ]
