"""Talk to a running mirror's control endpoints (``/__mirror__/``) over HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import datetime
from typing import Any

from mirror.faults import FaultRule

Json = Any


class MirrorError(RuntimeError):
    """A control request was refused (bad index, bad layout, ...)."""


class MirrorClient:
    def __init__(self, url: str, timeout: float = 60.0) -> None:
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.control_url: str | None = None  # the successor's, once move_site("down") closed the old host

    def _call(self, method: str, name: str, payload: dict[str, Any] | None = None) -> Json:
        data = json.dumps(payload).encode() if payload is not None else None
        base = self.control_url or self.url
        request = urllib.request.Request(f"{base}/__mirror__/{name}", data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read())
        except urllib.error.HTTPError as error:
            raise MirrorError(
                f"{method} {name}: {error.code} {error.read().decode(errors='replace')}"
            ) from None

    # ground truth
    def info(self) -> dict[str, Any]:
        return self._call("GET", "info")

    def articles(self, status: str | None = None) -> list[dict[str, Any]]:
        """Ground truth of every article (``status``: ``live`` or ``gone`` to filter)."""
        return self._call("GET", "articles" + (f"?status={status}" if status else ""))

    def article(self, index: int) -> dict[str, Any]:
        return self._call("GET", f"articles/{index}")

    def url_of(self, index: int) -> str:
        return self._call("GET", f"url/{index}")["url"]

    # request log
    def log(self, since: int = 0) -> list[dict[str, Any]]:
        return self._call("GET", f"log?since={since}")["entries"]

    def reset_log(self) -> None:
        self._call("POST", "log/reset", {})

    # mutations
    def add(
        self,
        count: int = 1,
        category: str | None = None,
        layout: str | None = None,
        published_at: datetime | None = None,
    ) -> list[dict[str, Any]]:
        payload: dict[str, Any] = {"count": count, "category": category, "layout": layout}
        if published_at:
            payload["published_at"] = published_at.isoformat()
        return self._call("POST", "add", payload)

    def edit(
        self,
        index: int,
        title: str | None = None,
        summary: str | None = None,
        body: list[str] | None = None,
        published_at: datetime | None = None,
        modified_at: datetime | None = None,
    ) -> dict[str, Any]:
        payload: dict[str, Any] = {"index": index, "title": title, "summary": summary, "body": body}
        if published_at:
            payload["published_at"] = published_at.isoformat()
        if modified_at:
            payload["modified_at"] = modified_at.isoformat()
        return self._call("POST", "edit", payload)

    def take_down(self, index: int, status: int = 404) -> dict[str, Any]:
        return self._call("POST", "take-down", {"index": index, "status": status})

    def replace_document(self, index: int, change: str = "text") -> dict[str, Any]:
        """Another file at the address of the article's document: ``text`` corrected, or ``bytes`` only."""
        return self._call("POST", "replace-document", {"index": index, "change": change})

    def move(self, index: int, path: str | None = None) -> dict[str, Any]:
        return self._call("POST", "move", {"index": index, "path": path})

    def set_layout(self, index: int, layout: str) -> dict[str, Any]:
        return self._call("POST", "set-layout", {"index": index, "layout": layout})

    # faults and latency
    def set_faults(self, rules: list[FaultRule | dict[str, Any]]) -> list[dict[str, Any]]:
        raw = [r.to_dict() if isinstance(r, FaultRule) else r for r in rules]
        return self._call("POST", "faults", {"rules": raw})

    def clear_faults(self) -> None:
        self.set_faults([])

    def set_latency(self, ms: float) -> None:
        self._call("POST", "latency", {"ms": ms})

    # the successor host (a mirror started with --successor)
    def successor_info(self) -> dict[str, Any]:
        return self._call("GET", "successor")

    def successor_articles(self) -> list[dict[str, Any]]:
        """Ground truth of the successor's own posts (2026, ``(sokhcn.angiang.gov.vn) - ...`` leads)."""
        return self._call("GET", "successor/articles")

    def migrate(self, indexes: list[int], old: str = "redirect", status: int = 410) -> list[dict[str, Any]]:
        """Move articles to the successor; on the old host each ``redirect``s (301), is ``gone``
        (``status``: 404 or 410) or is kept (``keep``)."""
        return self._call("POST", "migrate", {"indexes": list(indexes), "old": old, "status": status})

    def move_site(self, mode: str) -> dict[str, Any]:
        """The whole old host moves: ``redirect`` (every address 301s) or ``down`` (it stops
        listening; control requests then go to the successor)."""
        result = self._call("POST", "move-site", {"mode": mode})
        if mode == "down":
            self.control_url = result["successor_url"]
        return result
