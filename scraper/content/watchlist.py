"""Watchlists: named topics of keywords and phrases, read from a TOML file (``WATCHLIST_PATH``).

    [topics.border]
    title = "Biên giới, biển đảo, đối ngoại"
    keywords = ["biên giới", "cửa khẩu", "Campuchia"]
    notify = ["json://127.0.0.1:8080/hook"]   # apprise URLs for alerts; optional
    sites = ["sotttt"]                          # alert only for these sites' articles; optional (all)

A keyword matches an article whose folded title, summary or body has its words side by side at
word boundaries (``scraper.content.folding``): ``bien gioi`` and ``Biên Giới`` are the same keyword and
match ``biên giới`` and ``biên-giới``, never ``biên giới`` inside longer words.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from scraper.content.folding import Phrase, contains, phrase
from scraper.sites.profiles import SITE_NAME

TOPIC_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
KEYS = ("title", "keywords", "notify", "sites")


class WatchlistError(ValueError):
    """The watchlist file is missing or malformed, or names no such topic."""


@dataclass(frozen=True)
class Topic:
    name: str
    title: str
    keywords: tuple[str, ...]  # as written in the file
    phrases: tuple[Phrase, ...]  # folded
    notify: tuple[str, ...]  # notification URLs (apprise)
    sites: tuple[str, ...] = ()  # alerts only for these sites' articles; none: every site's

    def alerts_for(self, site: str) -> bool:
        """Whether an article of ``site`` is alerted to the topic's subscribers."""
        return not self.sites or site in self.sites

    def matches(self, folded: str) -> bool:
        """Whether ``scraper.content.folding.search_text`` output ``folded`` has any of the keywords."""
        return any(contains(folded, p) for p in self.phrases)


@dataclass(frozen=True)
class Watchlist:
    path: str
    topics: tuple[Topic, ...]

    def topic(self, name: str) -> Topic:
        """The topic called ``name``, or ``WatchlistError`` naming the known ones."""
        for topic in self.topics:
            if topic.name == name:
                return topic
        known = ", ".join(t.name for t in self.topics) or "none"
        raise WatchlistError(f"unknown topic {name!r} (topics in {self.path}: {known})")

    def topics_of(self, folded: str) -> tuple[str, ...]:
        """Names of the topics ``folded`` (``search_text`` output) matches, in file order."""
        return tuple(t.name for t in self.topics if t.matches(folded))


SHIPPED = "scraper/watchlists.toml"  # the default, read from the package (a file, or inside an egg)


def load(path: str | Path | None) -> Watchlist:
    """Read and check a watchlist file (None: the one shipped with the project); ``WatchlistError``
    says what is wrong in one line."""
    source = resources.files("scraper") / "watchlists.toml" if path is None else Path(path)
    path = SHIPPED if path is None else path
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except OSError as error:
        raise WatchlistError(f"cannot read watchlist {path}: {error.strerror or error}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise WatchlistError(f"watchlist {path} is not valid TOML: {error}") from None
    topics = data.get("topics")
    if not isinstance(topics, dict) or not topics:
        raise WatchlistError(f"watchlist {path} has no [topics.NAME] table")
    return Watchlist(str(path), tuple(_topic(str(path), name, value) for name, value in topics.items()))


def _topic(path: str, name: str, value: Any) -> Topic:
    where = f"watchlist {path}, topic {name!r}"
    if not TOPIC_NAME.match(name):
        raise WatchlistError(f"{where}: a name is lower-case letters, digits, '-' or '_'")
    if not isinstance(value, dict):
        raise WatchlistError(f"{where}: expected a table")
    unknown = sorted(set(value) - set(KEYS))
    if unknown:
        raise WatchlistError(f"{where}: unknown key {unknown[0]!r} (keys: {', '.join(KEYS)})")
    keywords = _strings(where, value, "keywords")
    phrases = tuple(phrase(k) for k in keywords)
    if not keywords or not all(phrases):
        raise WatchlistError(f"{where}: 'keywords' must list words to look for")
    title = value.get("title", name)
    if not isinstance(title, str):
        raise WatchlistError(f"{where}: 'title' must be a string")
    sites = _strings(where, value, "sites")
    if bad := [s for s in sites if not SITE_NAME.match(s)]:
        raise WatchlistError(
            f"{where}: 'sites' names site profiles (lower-case letters, digits, '-' or '_'), not {bad[0]!r}"
        )
    return Topic(name, title, keywords, phrases, _strings(where, value, "notify"), sites)


def _strings(where: str, value: dict[str, Any], key: str) -> tuple[str, ...]:
    items = value.get(key, [])
    if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
        raise WatchlistError(f"{where}: {key!r} must be a list of non-empty strings")
    return tuple(i.strip() for i in items)
