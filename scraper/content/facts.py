"""What an article's content is: NFC text, the content hash, what changed, near-duplicate sketches.

Pure functions of parser records: no database, no Scrapy, no clock. The hash covers the record's
content fields only, never the page around them: the layout profile, the body HTML (view counter,
related-news box), the addresses and the site-wide contacts are left out. Text is compared
NFC-normalised with whitespace collapsed, so an NFD copy, a re-encoded copy and a copy with other
line breaks are one version. The publication date counts by its local day, so a relative date
re-rendered ("2 giờ trước", later "13/12/2021") is the same content.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import unicodedata
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import datetime
from functools import cache
from itertools import islice
from typing import Any, Final, TypeVar
from zlib import crc32

from scraper.content.folding import search_text
from scraper.parsers.records import ArticleRecord, Attachment, Contact, Image
from scraper.timezone import SITE_TZ
from scraper.urls import canonical, identity

SKETCH_SIZE = 64  # hashes kept per bottom-k sketch
SKETCH_TYPE: Final = "I"  # unsigned 32-bit
SHINGLE_WORDS = 3
LEAD_WORDS = 30  # words of the body that make its near-duplicate lookup key
WORD = re.compile(r"\w+")

T = TypeVar("T")


def nfc(value: T) -> T:
    """``value`` with every string in it NFC-normalised: a str, a tuple, or a (frozen) dataclass.

    What is already NFC (a parsed record always is) comes back as the same object, uncopied.
    """
    if isinstance(value, str):
        return value if unicodedata.is_normalized("NFC", value) else unicodedata.normalize("NFC", value)  # type: ignore[return-value]
    if isinstance(value, tuple):
        for i, item in enumerate(value):
            if (new := nfc(item)) is not item:  # copied from the first item that changes on
                return (*value[:i], new, *(nfc(v) for v in value[i + 1 :]))  # type: ignore[return-value]
        return value
    if is_dataclass(value) and not isinstance(value, type):
        changed = {}
        for name in _field_names(type(value)):
            old = getattr(value, name)
            if not isinstance(old, str | tuple) and not is_dataclass(old):
                continue  # numbers, dates, None: nothing to normalise
            if (new := nfc(old)) is not old:
                changed[name] = new
        return replace(value, **changed) if changed else value
    return value


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(field.name for field in fields(kind))


def article_contacts(record: ArticleRecord) -> tuple[Contact, ...]:
    """The contacts that belong to the article; site-wide ones are the directory's, stored once."""
    return tuple(c for c in record.contacts if c.scope == "article")


def snapshot(record: ArticleRecord) -> dict[str, Any]:
    """The content of ``record``, field by field: what is hashed and compared between versions."""
    return {
        "title": _text(record.title),
        "published": _local_day(record.published_at),
        "summary": _text(record.summary),
        "body_text": _text(record.body_text),
        "authors": [_text(a) for a in record.authors],
        "source": _text(record.source),
        "category": _text(record.category),
        "tags": sorted(_text(t) or "" for t in record.tags),
        "images": [[canonical(i.src), _text(i.caption)] for i in record.images],
        "attachments": sorted([canonical(a.url), _text(a.name), a.type] for a in record.attachments),
        "contacts": [_contact(c) for c in article_contacts(record)],
    }


def content_hash(record: ArticleRecord) -> str:
    """SHA-256 of ``snapshot(record)``: equal for records of equal content."""
    return _digest(snapshot(record))


def contacts_hash(contacts: tuple[Contact, ...]) -> str:
    """SHA-256 of a contact directory's content, in its order."""
    return _digest([_contact(c) for c in contacts])


def changed_fields(old: ArticleRecord, new: ArticleRecord) -> list[str]:
    """Names of the content fields whose value differs between two records."""
    before, after = snapshot(old), snapshot(new)
    return [name for name in after if before[name] != after[name]]


def text_diff(old: str, new: str) -> str:
    """A unified diff of two texts, line by line."""
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), "before", "after", lineterm="")
    return "\n".join(lines)


def contacts_text(contacts: tuple[Contact, ...]) -> str:
    """One line per contact, for the directory's diffs."""
    return "\n".join(
        f"{c.name} ({c.role or ''}) | {', '.join(c.phones)} | {', '.join(c.emails)}" for c in contacts
    )


def stored_record(record: ArticleRecord) -> dict[str, Any]:
    """The JSON an article version keeps: the whole record, less the site-wide contacts."""
    contacts = article_contacts(record)
    return {
        name: to_json(contacts if name == "contacts" else getattr(record, name))
        for name in _field_names(ArticleRecord)
    }


def to_json(value: Any) -> Any:
    """``value`` as JSON-ready data, shaped as ``ArticleRecord.to_dict`` shapes it, without deep copies."""
    if isinstance(value, str) or value is None:
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_json(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {name: to_json(getattr(value, name)) for name in _field_names(type(value))}
    return value


def record_from_stored(data: dict[str, Any]) -> ArticleRecord:
    """The record back from ``stored_record``'s JSON."""
    return ArticleRecord(
        **{
            **data,
            **{
                k: datetime.fromisoformat(data[k]) if data[k] else None
                for k in ("published_at", "updated_at")
            },
            "authors": tuple(data["authors"]),
            "tags": tuple(data["tags"]),
            "images": tuple(Image(**i) for i in data["images"]),
            "attachments": tuple(Attachment(**a) for a in data["attachments"]),
            "contacts": tuple(contact_from_stored(c) for c in data["contacts"]),
        }
    )


def contact_from_stored(data: dict[str, Any]) -> Contact:
    """A contact back from its ``dataclasses.asdict`` JSON."""
    return Contact(**{**data, "phones": tuple(data["phones"]), "emails": tuple(data["emails"])})


@dataclass(frozen=True)
class ContentFacts:
    """What deduplication, tagging and storing derive from a record's content, derived once.

    Made where the record is parsed (``content_facts``), possibly in a parser process
    (``scraper.crawling.parse_pool``), so the crawl process only looks them up. Equal for an NFD and an
    NFC copy of the same record.
    """

    content_hash: str
    # Its canonical URL, address and shortlink (NFC), each with its URL identity; and the URL it is
    # stored under, canonical.
    addresses: tuple[tuple[str, str], ...]
    url: str
    near_keys: tuple[str, str]
    sketch: bytes
    search_text: str

    @property
    def identities(self) -> tuple[str, ...]:
        """The URL identities of its addresses, the canonical URL's first."""
        return tuple(dict.fromkeys(key for _, key in self.addresses))


def content_facts(record: ArticleRecord) -> ContentFacts:
    """The ``ContentFacts`` of ``record``."""
    addresses = dict.fromkeys(nfc(u) for u in (record.canonical_url, record.url, record.shortlink) if u)
    return ContentFacts(
        content_hash=content_hash(record),
        addresses=tuple((u, identity(u)) for u in addresses),
        url=canonical(record.canonical_url or record.url),
        near_keys=near_keys(record),
        sketch=sketch(record.body_text or ""),
        search_text=search_text(record.title, record.summary, record.body_text),
    )


def near_keys(record: ArticleRecord) -> tuple[str, str]:
    """Lookup keys of near-duplicate candidates: the folded title, the first words of the body."""
    lead = islice(WORD.finditer(_fold(record.body_text or "")), LEAD_WORDS)
    return _short_digest(" ".join(_words(record.title or ""))), _short_digest(" ".join(m[0] for m in lead))


def sketch(text: str) -> bytes:
    """A bottom-k sketch of the text's word shingles, to estimate Jaccard similarity cheaply.

    The k smallest CRC-32s of its shingles, sorted and packed: at most 256 bytes, so a crawl can keep
    one for every article it has seen. CRC-32, not Python's ``hash``: a sketch made in a parser
    process (``scraper.crawling.parse_pool``) must compare with one made in the crawl process.
    """
    words = _words(text)
    shingles = zip(*(words[i:] for i in range(SHINGLE_WORDS)), strict=False)
    hashes = {crc32(" ".join(shingle).encode()) for shingle in shingles} or {crc32(" ".join(words).encode())}
    return array(SKETCH_TYPE, sorted(hashes)[:SKETCH_SIZE]).tobytes()


def most_similar(mine: bytes, others: Mapping[str, bytes], at_least: float) -> tuple[float, str | None]:
    """The key of the sketch among ``others`` most similar to ``mine``, with that similarity, if it
    is ``at_least``; else (0.0, None). The similarity estimates the Jaccard similarity of the two
    texts' shingle sets (exactly, for short texts): the share of the union's k smallest hashes that
    both sketches have."""
    hashes = set(memoryview(mine).cast(SKETCH_TYPE))
    best: tuple[float, str | None] = (0.0, None)
    for key, theirs in others.items():
        score = _similarity(hashes, memoryview(theirs).cast(SKETCH_TYPE), at_least)
        if score >= at_least and (best[1] is None or score > best[0]):
            best = (score, key)
    return best


def _similarity(mine: set[int], theirs: Sequence[int], at_least: float) -> float:
    """The estimate, or 0.0 as soon as it is sure to be under ``at_least``."""
    both = mine.intersection(theirs)
    # The estimate counts hashes both have among the union's smallest: never more than all of them.
    if not both or len(both) < at_least * min(SKETCH_SIZE, len(mine) + len(theirs) - len(both)):
        return 0.0
    union = sorted(mine.union(theirs))[:SKETCH_SIZE]
    cutoff = union[-1]
    return sum(1 for h in both if h <= cutoff) / len(union)


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    lines = (" ".join(line.split()) for line in unicodedata.normalize("NFC", value).splitlines())
    return "\n".join(line for line in lines if line)


def _local_day(value: datetime | None) -> str | None:
    return value.astimezone(SITE_TZ).date().isoformat() if value else None


def _contact(contact: Contact) -> list[Any]:
    return [
        _text(contact.name),
        _text(contact.role),
        [_text(p) for p in contact.phones],
        [_text(e) for e in contact.emails],
    ]


def _words(text: str) -> list[str]:
    return WORD.findall(_fold(text))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _digest(value: Any) -> str:
    data = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode()).hexdigest()


def _short_digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
