"""The report: one self-contained HTML page (inline CSS, inline SVG charts, no script, nothing to load).

Publications per month and per category, the watchlist topics' newest articles, and the latest
changes with their differences highlighted word by word. Crawled text is untrusted: everything
is escaped, links are only http(s), and the page's Content-Security-Policy forbids scripts and
any outside resource even if something slipped through.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

from scraper.content.times import local
from scraper.content.untrusted import one_line, printable, safe_href
from scraper.content.versions import FieldChange
from scraper.outputs.charts import columns, rows
from scraper.outputs.labels import document_label, event_name
from scraper.storage.models import Article, ChangeEvent, Document

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
# One font stack for the page, diffs included: a monospace font often lacks Vietnamese letters with
# two marks (DejaVu Sans Mono has no ế or ở), and the browser then draws them from another font.
STYLE = """
body{font-family:system-ui,'DejaVu Sans',sans-serif;margin:2rem auto;max-width:1000px;color:#1a202c}
body{line-height:1.45}h1{font-size:1.6rem;margin-bottom:.2rem}
h2{margin-top:2.2rem;border-bottom:1px solid #cbd5e0}.meta{color:#4a5568}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.2rem .5rem;vertical-align:top}
tr:nth-child(even){background:#f7fafc}.kind{font-weight:600}
.diff{font-size:.9rem;white-space:pre-wrap;background:#f7fafc}
.diff{padding:.4rem;margin:.3rem 0 1rem}.add{background:#e6ffed}.del{background:#ffeef0}
ins{background:#acf2bd;text-decoration:none}del{background:#fdb8c0}.hunk{color:#718096}
"""
NO_DOCUMENT = '<p class="meta">Chưa đọc được văn bản đính kèm nào.</p>'
# A document whose text could not be read is listed, and says why it is not searchable.
_QUALITY = {"garbled": "phông chữ cũ (TCVN3/VNI): chưa đọc được", "no_text": "không có lớp chữ (bản quét?)"}
NO_CHANGE = '<p class="meta">Chưa có thay đổi nào: không bài nào được sửa hay gỡ từ lần thu thập đầu.</p>'
WORDS = re.compile(r"^\s+|\S+\s*")  # words with the space after them: changed runs stay whole


@dataclass(frozen=True)
class TopicHits:
    name: str
    title: str
    count: int
    newest: list[Article]


@dataclass(frozen=True)
class ShownChange:
    event: ChangeEvent
    article: Article | None
    fields: list[FieldChange]  # what an update changed, field by field
    document: Document | None = None


@dataclass(frozen=True)
class ReportData:
    site: str
    generated_at: datetime
    articles: int
    removed: int
    last_run: datetime | None
    months: list[tuple[str, int]]
    categories: list[tuple[str, int]]
    topics: list[TopicHits]
    documents: list[Document]  # the newest documents read from their files
    changes: list[ShownChange]


def render(data: ReportData) -> str:
    """The whole page."""
    return "".join(
        [
            '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>Báo cáo theo dõi {escape(data.site)}</title><style>{STYLE}</style></head><body>",
            f"<h1>Báo cáo theo dõi {escape(data.site)}</h1>",
            f'<p class="meta">Lập lúc {local(data.generated_at)} (+07:00) · {data.articles} bài'
            f" ({data.removed} đã gỡ) · lần thu thập gần nhất {local(data.last_run) or 'chưa có'}</p>",
            "<h2>Số bài đăng theo tháng</h2>",
            columns(data.months, label="Số bài đăng theo tháng"),
            "<h2>Số bài theo chuyên mục</h2>",
            rows(data.categories, label="Số bài theo chuyên mục"),
            "<h2>Chủ đề theo dõi</h2>",
            *(_topic(t) for t in data.topics),
            "<h2>Văn bản mới</h2>",
            _documents(data.documents),
            "<h2>Thay đổi gần đây</h2>",
            *([_change(c) for c in data.changes] or [NO_CHANGE]),
            "</body></html>\n",
        ]
    )


def _topic(topic: TopicHits) -> str:
    items = "".join(
        f"<tr><td>{local(a.published_at or a.first_seen)[:10]}</td><td>{_link(a)}</td></tr>"
        for a in topic.newest
    )
    return (
        f'<h3 id="topic-{escape(topic.name)}">{_text(topic.title)} ({escape(topic.name)}):'
        f" {topic.count} bài</h3><table>{items}</table>"
    )


def _documents(documents: Sequence[Document]) -> str:
    if not documents:
        return NO_DOCUMENT
    head = "".join(f"<th>{name}</th>" for name in ("Ngày", "Văn bản", "Cơ quan", "Trích yếu", ""))
    rows = [
        [d.issued_on.isoformat() if d.issued_on else "", _document_link(d)]
        + [_text(value) for value in (d.issuer, d.summary, _QUALITY.get(d.text_quality or ""))]
        for d in documents
    ]
    items = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{items}</table>"


def _document_link(document: Document) -> str:
    href = safe_href(document.url)
    name = _text(document_label(document))
    return f'<a href="{escape(href)}">{name}</a>' if href else name


def _change(change: ShownChange) -> str:
    event = change.event
    if change.document is not None:
        subject = _document_link(change.document)
    else:
        subject = _link(change.article) if change.article else "Danh bạ liên hệ"
    fields = f" ({escape(', '.join(event.fields))})" if event.fields else ""
    when = local(event.occurred_at)
    parts = [f'<p><span class="kind">{escape(event_name(event))}</span> {when} · {subject}{fields}</p>']
    for field in change.fields:
        parts.append(f'<div class="diff"><b>{escape(field.field)}</b>\n{diff_html(field.diff)}</div>')
    if not change.fields and event.diff:
        parts.append(f'<div class="diff">{diff_html(event.diff)}</div>')
    return "".join(parts)


def diff_html(diff: str) -> str:
    """Unified diff lines as HTML: removed lines red, added green, the changed words marked within."""
    lines = [printable(line) for line in diff.splitlines() if not line.startswith(("---", "+++"))]
    out: list[str] = []
    index = 0
    while index < len(lines):
        removed = _run(lines, index, "-")
        added = _run(lines, index + len(removed), "+")
        if removed and len(removed) == len(added):
            for old, new in zip(removed, added, strict=True):
                old_html, new_html = _words_diff(old[1:], new[1:])
                out += [f'<div class="del">-{old_html}</div>', f'<div class="add">+{new_html}</div>']
        else:
            out += [f'<div class="del">{escape(line)}</div>' for line in removed]
            out += [f'<div class="add">{escape(line)}</div>' for line in added]
        if removed or added:
            index += len(removed) + len(added)
            continue
        line = lines[index]
        out.append(
            f'<div class="hunk">{escape(line)}</div>'
            if line.startswith("@@")
            else f"<div>{escape(line)}</div>"
        )
        index += 1
    return "".join(out)


def _run(lines: Sequence[str], start: int, mark: str) -> list[str]:
    end = start
    while end < len(lines) and lines[end].startswith(mark):
        end += 1
    return list(lines[start:end])


def _words_diff(old: str, new: str) -> tuple[str, str]:
    """Two versions of a line as HTML, the words only one of them has in ``<del>``/``<ins>``."""
    a, b = WORDS.findall(old), WORDS.findall(new)
    old_html, new_html = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        before, after = escape("".join(a[i1:i2])), escape("".join(b[j1:j2]))
        if tag == "equal":
            old_html.append(before)
            new_html.append(after)
            continue
        if before:
            old_html.append(f"<del>{before}</del>")
        if after:
            new_html.append(f"<ins>{after}</ins>")
    return "".join(old_html), "".join(new_html)


def _link(article: Article) -> str:
    title = _text(article.title)
    href = safe_href(article.url)
    return f'<a href="{escape(href)}">{title}</a>' if href else title


def _text(value: str | None) -> str:
    return escape(one_line(value))
