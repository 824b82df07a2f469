"""A plain keep-alive load client: how many article pages per second the mirror serves."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from mirror.client import MirrorClient


@dataclass(frozen=True)
class BenchResult:
    requests: int
    seconds: float
    bytes: int
    errors: int

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds


async def _worker(host: str, port: int, targets: list[str], counts: list[int]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        for target in targets:
            writer.write(
                f"GET {target} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: mirror-bench\r\n\r\n".encode()
            )
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = int(head.lower().split(b"content-length:", 1)[1].split(b"\r\n", 1)[0])
            await reader.readexactly(length)
            counts[0] += 1
            counts[1] += length
            counts[2] += status != 200
    finally:
        writer.close()


async def _run(url: str, targets: list[str], connections: int) -> BenchResult:
    parts = urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    counts = [0, 0, 0]
    started = time.perf_counter()
    await asyncio.gather(*(_worker(host, port, targets[i::connections], counts) for i in range(connections)))
    return BenchResult(counts[0], time.perf_counter() - started, counts[1], counts[2])


def bench(url: str, requests: int = 20_000, connections: int = 16) -> BenchResult:
    """GET live article pages round-robin over ``connections`` keep-alive connections."""
    live = [urlsplit(a["url"]).path for a in MirrorClient(url).articles(status="live")]
    targets = [live[i % len(live)] for i in range(requests)]
    return asyncio.run(_run(url, targets, connections))
