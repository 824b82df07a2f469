"""Drupal 7 pathauto aliases for the successor host: ``tin-tuc/[node:title]``.

Pathauto transliterates (diacritics stripped, ``đ`` to ``d``), lower-cases, drops its default
*ignore words* (English ones, applied to the transliterated Vietnamese too: ``tỉnh An Giang``
becomes ``tinh-giang``, ``an toàn`` becomes ``toan``), joins the rest with ``-`` and cuts the alias
at 100 characters on a word boundary (``pathauto_max_component_length``). A second node with the
same alias gets ``-0``, then ``-1`` (``pathauto_alias_uniquify``).
"""

from __future__ import annotations

import re

from mirror.vntext import fold

# pathauto 7.x-1.x, PATHAUTO_IGNORE_WORDS
_IGNORED = "a, an, as, at, before, but, by, for, from, is, in, into, like, of, off, on, onto, per, since, than, the, this, that, to, up, via, with"  # noqa: E501
IGNORE_WORDS = frozenset(word.strip() for word in _IGNORED.split(","))
MAX_LENGTH = 100
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")


def pathauto_slug(title: str, max_length: int = MAX_LENGTH) -> str:
    """The alias component pathauto makes of ``title``."""
    words = [w for w in _WORD_SPLIT.split(fold(title).lower()) if w and w not in IGNORE_WORDS]
    slug = "-".join(words)
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else slug[:max_length]
    return slug


def unique_slug(slug: str, taken: set[str]) -> str:
    """``slug``, or ``slug-0``, ``slug-1``… when taken (and records the one returned)."""
    candidate, n = slug, 0
    while candidate in taken:
        candidate = f"{slug}-{n}"
        n += 1
    taken.add(candidate)
    return candidate
