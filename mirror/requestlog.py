"""The request log: every request the site answered (control requests excluded)."""

from __future__ import annotations

import time
from collections import deque
from typing import Any

LOGGED_HEADERS = (
    "user-agent",
    "referer",
    "accept",
    "accept-encoding",
    "accept-language",
    "if-none-match",
    "if-modified-since",
    "cookie",
)


class RequestLog:
    def __init__(self, limit: int = 500_000) -> None:
        self.entries: deque[dict[str, Any]] = deque(maxlen=limit)
        self.seq = 0

    def record(
        self,
        method: str,
        target: str,
        status: int | None,
        headers: dict[str, str],
        *,
        fault: str | None = None,
        disallowed: bool = False,
        location: str | None = None,
        size: int = 0,
        host: str = "old",
    ) -> None:
        self.seq += 1
        self.entries.append(
            {
                "seq": self.seq,
                "time": time.time(),
                "method": method,
                "target": target,
                "status": status,
                "headers": {k: headers[k] for k in LOGGED_HEADERS if k in headers},
                "fault": fault,
                "disallowed": disallowed,
                "location": location,
                "bytes": size,
                "host": host,
            }
        )

    def since(self, seq: int) -> list[dict[str, Any]]:
        return [e for e in self.entries if e["seq"] > seq]

    def reset(self) -> None:
        self.entries.clear()
