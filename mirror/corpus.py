"""The sentence material (``data/corpus.json``), modelled on the seed article page."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from mirror.model import Category

CORPUS_FILE = Path(__file__).with_name("data") / "corpus.json"


@dataclass(frozen=True)
class Contact:
    name: str
    role: str | None
    phones: str
    email: str


@dataclass(frozen=True)
class Corpus:
    categories: tuple[Category, ...]
    category_weights: tuple[int, ...]
    title_patterns: dict[str, tuple[str, ...]]
    slots: dict[str, tuple[str, ...]]
    people: tuple[str, ...]
    openings: tuple[str, ...]
    leads: tuple[str, ...]
    sentences: tuple[str, ...]
    captions: tuple[str, ...]
    activity_short: tuple[str, ...]
    sources: tuple[str, ...]
    bylines: tuple[tuple[str, ...], ...]
    tags: tuple[str, ...]
    file_stems: tuple[str, ...]
    contacts: tuple[Contact, ...]


@cache
def corpus() -> Corpus:
    raw: dict[str, Any] = json.loads(CORPUS_FILE.read_text(encoding="utf-8"))
    return Corpus(
        categories=tuple(Category(c["slug"], c["name"]) for c in raw["categories"]),
        category_weights=tuple(c["weight"] for c in raw["categories"]),
        title_patterns={k: tuple(v) for k, v in raw["title_patterns"].items()},
        slots={k: tuple(v) for k, v in raw["slots"].items()},
        people=tuple(raw["people"]),
        openings=tuple(raw["openings"]),
        leads=tuple(raw["leads"]),
        sentences=tuple(raw["sentences"]),
        captions=tuple(raw["captions"]),
        activity_short=tuple(raw["activity_short"]),
        sources=tuple(raw["sources"]),
        bylines=tuple(tuple(b) for b in raw["bylines"]),
        tags=tuple(raw["tags"]),
        file_stems=tuple(raw["file_stems"]),
        contacts=tuple(Contact(**c) for c in raw["contacts"]),
    )


def category(slug: str) -> Category:
    for candidate in corpus().categories:
        if candidate.slug == slug:
            return candidate
    raise KeyError(f"unknown category {slug!r}")
