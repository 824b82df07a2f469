"""The control endpoints under ``/__mirror__/``: ground truth, log, mutations, faults, latency."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from mirror import successor
from mirror.faults import FaultRule

if TYPE_CHECKING:
    from mirror.server import App

PREFIX = "/__mirror__/"


class ControlError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _date(raw: Any) -> datetime | None:
    return datetime.fromisoformat(raw) if raw else None


def _index(payload: dict[str, Any]) -> int:
    if not isinstance(payload.get("index"), int):
        raise ControlError(400, "an integer 'index' is required")
    return payload["index"]


def handle(app: App, method: str, path: str, query: str, body: bytes) -> tuple[int, Any]:
    """Answer one control request with (status, JSON-ready value)."""
    try:
        payload = json.loads(body or b"{}") if method == "POST" else {}
        if not isinstance(payload, dict):
            raise ControlError(400, "the body must be a JSON object")
        return 200, _route(app, method, path[len(PREFIX) :], parse_qs(query), payload)
    except ControlError as error:
        return error.status, {"error": str(error)}
    except KeyError as error:
        return 404, {"error": str(error.args[0]) if error.args else "not found"}
    except (ValueError, TypeError) as error:
        return 400, {"error": str(error)}


def _route(app: App, method: str, name: str, query: dict[str, list[str]], payload: dict[str, Any]) -> Any:
    site = app.site
    if method == "GET":
        if name == "info":
            return {
                **site.info(),
                "latency_ms": app.latency_ms,
                "faults": [r.to_dict() for r in app.faults.rules],
                "successor_url": site.successor.base_url if site.successor else None,
            }
        if name == "articles":
            return site.truths(query.get("status", [None])[0])
        if name.startswith("articles/"):
            return site.truth(int(name.removeprefix("articles/")))
        if name.startswith("url/"):
            index = int(name.removeprefix("url/"))
            return {"index": index, "url": site.url_of(index)}
        if name == "log":
            since = int(query.get("since", ["0"])[0])
            return {"entries": app.log.since(since), "last": app.log.seq}
        if name == "faults":
            return [r.to_dict() for r in app.faults.rules]
    answer = successor.control(site, method, name, payload)
    if answer is not NotImplemented:
        return answer
    if method == "DELETE" and name == "log":
        app.log.reset()
        return {"reset": True}
    if method != "POST":
        raise ControlError(
            404 if method in ("GET", "DELETE") else 405, f"no control endpoint {method} {name}"
        )
    if name == "log/reset":
        app.log.reset()
        return {"reset": True}
    if name == "add":
        added = site.add(
            count=int(payload.get("count", 1)),
            category=payload.get("category"),
            layout=payload.get("layout"),
            published_at=_date(payload.get("published_at")),
        )
        return [site.truth(a.index) for a in added]
    if name == "edit":
        article = site.edit(
            _index(payload),
            title=payload.get("title"),
            summary=payload.get("summary"),
            paragraphs=payload.get("body"),
            published_at=_date(payload.get("published_at")),
            modified_at=_date(payload.get("modified_at")),
        )
        return site.truth(article.index)
    if name == "take-down":
        return site.truth(site.take_down(_index(payload), int(payload.get("status", 404))).index)
    if name == "move":
        return site.truth(site.move(_index(payload), payload.get("path")).index)
    if name == "replace-document":
        return site.truth(site.replace_document(_index(payload), str(payload.get("change", "text"))).index)
    if name == "set-layout":
        return site.truth(site.set_layout(_index(payload), payload["layout"]).index)
    if name == "faults":
        app.faults.replace([FaultRule.from_dict(r) for r in payload.get("rules", [])])
        return [r.to_dict() for r in app.faults.rules]
    if name == "latency":
        app.latency_ms = float(payload.get("ms", 0))
        return {"latency_ms": app.latency_ms}
    raise ControlError(404, f"no control endpoint POST {name}")
