"""What changed between two stored versions of an article, field by field, readable."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from scraper.content.facts import record_from_stored, snapshot, text_diff


@dataclass(frozen=True)
class FieldChange:
    """A content field that changed, and how: unified diff lines (``-`` before, ``+`` after)."""

    field: str
    diff: str


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """The content fields (``scraper.content.facts.snapshot``) that differ between two stored records."""
    before, after = snapshot(record_from_stored(old)), snapshot(record_from_stored(new))
    return [_change(name, before[name], after[name]) for name in after if before[name] != after[name]]


def _change(name: str, old: Any, new: Any) -> FieldChange:
    if isinstance(old, str | None) and isinstance(new, str | None):
        lines = text_diff(old or "", new or "").splitlines()[2:]  # without the ---/+++ header
        return FieldChange(name, "\n".join(lines))
    return FieldChange(name, f"-{_json(old)}\n+{_json(new)}")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
