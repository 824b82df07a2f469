"""Ground truth: what a correct parser must extract from an article, as plain JSON."""

from __future__ import annotations

from typing import Any

from mirror import addresses
from mirror.content import byline, dateline_kind, dateline_text, source_tag
from mirror.model import Article


def features(article: Article) -> list[str]:
    """The hard cases this article carries, for tests that want one of each."""
    found = []
    kind = dateline_kind(article)
    if kind != "bracket":
        found.append(
            {"plain": "dateline_without_brackets", "time_first": "dateline_time_first"}.get(
                kind, "no_dateline"
            )
        )
    if article.event_date:
        found.append("event_date_in_body")
    if len(article.authors) > 1:
        found.append("several_authors")
    elif article.authors and article.authors[0].isupper():
        found.append("initials_byline")
    elif not article.authors:
        found.append("no_byline")
    if article.image:
        found.append("image")
    if article.attachment:
        found.append("attachment")
        if " " in article.attachment.name:
            found.append("file_name_with_space")
    if article.updated_at:
        found.append("updated")
    return found


def article_truth(
    article: Article, base_url: str, served_paths: list[str], alt_href: str, attachment_size: int | None
) -> dict[str, Any]:
    a = article
    images = []
    if a.image:
        if a.image.thumb and a.layout == "drupal_gavias":
            images.append({"src": base_url + a.image.thumb, "caption": a.image.caption})
        images.append({"src": base_url + a.image.src, "caption": a.image.caption})
    attachments = []
    if a.attachment:
        attachments.append(
            {
                "url": base_url + a.attachment.path,
                "name": a.attachment.name,
                "type": a.attachment.name.rsplit(".", 1)[-1].lower(),  # the extension, as parsers report it
                "size": attachment_size,
            }
        )
    urls = [base_url + p for p in served_paths]
    if addresses.is_wps(a.path):
        urls.append(base_url + alt_href)
    # WordPress pages give the minute in <time datetime>.
    precise = a.layout in ("drupal_gavias", "redesign2026", "wordpress") or dateline_kind(a) == "time_first"
    shown = a.published_at if precise else a.published_at.replace(hour=0, minute=0)
    return {
        "index": a.index,
        "id": a.uid,
        "nid": a.nid,
        "url": base_url + a.path,
        "urls": urls if a.live else [],
        "shortlink": base_url + addresses.node_path(a.nid) if a.layout == "drupal_gavias" else None,
        "redirects_from": [base_url + p for p in a.old_paths],
        "status": "live" if a.live else "gone",
        "http_status": a.status,
        "layout": a.layout,
        "title": a.title,
        # As the page shows it: a page that gives only the day means 00:00 that day, none none.
        "published_at": shown.isoformat() if a.layout != "drupal_undated" else None,
        "published_precision": ("minute" if precise else "day") if a.layout != "drupal_undated" else None,
        "updated_at": a.updated_at.isoformat() if a.updated_at else None,
        "category": a.category.name,
        "category_slug": a.category.slug,
        "dateline": dateline_text(a),
        "source": source_tag(a),
        "summary": a.lead,
        "body": list(a.paragraphs),
        "event_date": a.event_date,
        "authors": list(a.authors),
        "byline": byline(a),
        "tags": list(a.tags),
        "images": images,
        "attachments": attachments,
        "document": _document(a),
        "views": a.views,
        "features": features(a),
    }


def _document(a: Article) -> dict[str, Any] | None:
    """What a reader should find in the article's attached document (None: it attaches none)."""
    if a.attachment is None or a.attachment.document is None:
        return None
    return {"format": a.attachment.format, **a.attachment.document.expected()}
