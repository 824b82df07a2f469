"""Fault injection: which request gets a 503, a 500, a reset connection or a stall."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any, Literal

FaultKind = Literal["503", "500", "reset", "stall"]
KINDS: tuple[FaultKind, ...] = ("503", "500", "reset", "stall")


@dataclass(frozen=True)
class FaultRule:
    """One fault. It applies to a request when ``path`` equals its path (or path and query),
    its target starts with ``prefix``, or (for ``share``) the page is among that share of the
    site's HTML pages (chosen by a hash of the address, so always the same pages). ``times``
    limits it to the first K requests of each address; ``seconds`` is how long a stall lasts.
    """

    kind: FaultKind
    path: str | None = None
    prefix: str | None = None
    share: float | None = None
    times: int | None = None
    seconds: float = 30.0
    retry_after: int = 1

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"fault kind must be one of {KINDS}, not {self.kind!r}")
        if (self.path, self.prefix, self.share) == (None, None, None):
            raise ValueError("a fault needs path, prefix or share")
        if self.share is not None and not 0 <= self.share <= 1:
            raise ValueError("share must be within 0..1")

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> FaultRule:
        known = {
            k: raw[k]
            for k in ("kind", "path", "prefix", "share", "times", "seconds", "retry_after")
            if k in raw
        }
        unknown = set(raw) - set(known)
        if unknown:
            raise ValueError(f"unknown fault fields: {sorted(unknown)}")
        known["kind"] = str(known["kind"])
        return cls(**known)

    @classmethod
    def from_spec(cls, spec: str) -> FaultRule:
        """``KIND:key=value,...`` as the command line takes it, e.g. ``503:share=0.1,times=2``."""
        kind, _, rest = spec.partition(":")
        raw: dict[str, Any] = {"kind": kind}
        for item in filter(None, rest.split(",")):
            key, _, value = item.partition("=")
            converters = {"share": float, "seconds": float, "times": int, "retry_after": int}
            raw[key] = converters.get(key, str)(value)
        return cls.from_dict(raw)

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    def matches(self, path: str, target: str, is_page: bool) -> bool:
        if self.path is not None and self.path in (path, target):
            return True
        if self.prefix is not None and target.startswith(self.prefix):
            return True
        if self.share is not None and is_page:
            digest = hashlib.blake2b(target.encode(), digest_size=4).digest()
            return int.from_bytes(digest, "big") < self.share * 2**32
        return False


class Faults:
    """The active rules and how often each fired per address."""

    def __init__(self, rules: list[FaultRule] | None = None) -> None:
        self.rules: list[FaultRule] = list(rules or [])
        self._fired: Counter[tuple[int, str]] = Counter()

    def replace(self, rules: list[FaultRule]) -> None:
        self.rules = list(rules)
        self._fired.clear()

    def pick(self, path: str, target: str, is_page: bool) -> FaultRule | None:
        """The first rule that fires for this request (and count it)."""
        for number, rule in enumerate(self.rules):
            if not rule.matches(path, target, is_page):
                continue
            key = (number, target)
            if rule.times is not None and self._fired[key] >= rule.times:
                continue
            self._fired[key] += 1
            return rule
        return None
