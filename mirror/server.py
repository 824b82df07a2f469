"""The HTTP/1.1 server: one asyncio event loop, keep-alive, pre-rendered responses.

Site pages come from the :class:`~mirror.site.Site` route table (one dict lookup); the
server adds the status line, ``Date``, ``Connection``, conditional ``304`` answers,
latency and faults, and logs every request outside ``/__mirror__/``.
"""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import struct
import sys
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from mirror import control
from mirror.faults import FaultRule, Faults
from mirror.requestlog import RequestLog
from mirror.resources import REASONS, Resource, http_date
from mirror.site import Site

MAX_HEAD = 65_536
SERVER_HEADER = b"Server: mirror\r\n"


@dataclass
class Request:
    method: str
    target: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes
    keep_alive: bool


@dataclass
class Reply:
    """What to send (``None``: reset the connection), after how long, and whether to close."""

    data: bytes | None
    delay: float = 0.0
    close: bool = False


class _Clock:
    """The ``Date`` header line, formatted once per second."""

    def __init__(self) -> None:
        self._second = -1
        self._line = b""

    def date_line(self) -> bytes:
        now = int(time.time())
        if now != self._second:
            self._second = now
            self._line = f"Date: {time.strftime('%a, %d %b %Y %H:%M:%S GMT', time.gmtime(now))}\r\n".encode()
        return self._line


def _status_line(status: int) -> bytes:
    return f"HTTP/1.1 {status} {REASONS.get(status, 'Unknown')}\r\n".encode()


def _etag_matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    return any(tag.strip().removeprefix("W/") == etag for tag in header.split(","))


def _not_modified(resource: Resource, headers: dict[str, str]) -> bool:
    if resource.status != 200:
        return False
    if "if-none-match" in headers:
        return _etag_matches(headers["if-none-match"], resource.etag)
    since = headers.get("if-modified-since")
    if since:
        try:
            return resource.not_modified_since(parsedate_to_datetime(since))
        except (TypeError, ValueError):
            return False
    return False


class App:
    """Turns a request into a reply; owns the site, the log, faults and latency."""

    def __init__(self, site: Site, latency_ms: float = 0.0, faults: list[FaultRule] | None = None) -> None:
        self.site = site
        self.latency_ms = latency_ms
        self.faults = Faults(faults)
        self.log = RequestLog()
        self.clock = _Clock()

    def _compose(self, status: int, header_block: bytes, body: bytes, keep_alive: bool) -> bytes:
        connection = b"Connection: keep-alive\r\n" if keep_alive else b"Connection: close\r\n"
        return b"".join(
            (
                _status_line(status),
                header_block,
                self.clock.date_line(),
                connection,
                SERVER_HEADER,
                b"\r\n",
                body,
            )
        )

    def handle(self, req: Request, host: str = "old") -> Reply:
        if req.path.startswith(control.PREFIX):
            status, value = control.handle(self, req.method, req.path, req.query, req.body)
            body = json.dumps(value, ensure_ascii=False).encode()
            head = (
                f"Content-Type: application/json; charset=utf-8\r\nContent-Length: {len(body)}\r\n".encode()
            )
            return Reply(self._compose(status, head, body, req.keep_alive), close=not req.keep_alive)
        delay = self.latency_ms / 1000
        if req.method not in ("GET", "HEAD"):
            body = b"method not allowed\n"
            head = f"Allow: GET, HEAD\r\nContent-Type: text/plain\r\nContent-Length: {len(body)}\r\n".encode()
            self.log.record(req.method, req.target, 405, req.headers, size=len(body), host=host)
            return Reply(self._compose(405, head, body, req.keep_alive), delay, not req.keep_alive)
        successor = self.site.successor
        if successor is None:
            resource = self.site.resolve(req.path, req.query)
        elif host == "successor":
            resource = successor.resolve(req.path, req.query)
        elif successor.mode == "down":  # a request already on the line when the old host went down
            self.log.record(req.method, req.target, None, req.headers, fault="down", host=host)
            return Reply(None, 0.0, True)
        else:
            resource = successor.resolve_old(req.path, req.query)
        trap = resource.kind == "trap"
        fault = self.faults.pick(req.path, req.target, resource.kind == "page")
        if fault is not None:
            return self._fault(req, fault, delay, trap, host)
        if _not_modified(resource, req.headers):
            status, body = 304, b""
            head = f"ETag: {resource.etag}\r\nLast-Modified: {http_date(resource.last_modified)}\r\n".encode()
        else:
            status, head, body = resource.status, resource.headers, resource.body
        self.log.record(
            req.method,
            req.target,
            status,
            req.headers,
            disallowed=trap,
            location=resource.location,
            size=len(body),
            host=host,
        )
        if req.method == "HEAD":
            body = b""
        return Reply(self._compose(status, head, body, req.keep_alive), delay, not req.keep_alive)

    def _fault(self, req: Request, fault: FaultRule, delay: float, trap: bool, host: str = "old") -> Reply:
        if fault.kind == "reset":
            self.log.record(
                req.method, req.target, None, req.headers, fault="reset", disallowed=trap, host=host
            )
            return Reply(None, delay, True)
        if fault.kind == "stall":
            self.log.record(
                req.method, req.target, None, req.headers, fault="stall", disallowed=trap, host=host
            )
            return Reply(b"", delay + fault.seconds, close=True)
        status = int(fault.kind)
        body = f"{status} {REASONS[status]}\n".encode()
        head = f"Content-Type: text/plain\r\nContent-Length: {len(body)}\r\n"
        if status == 503:
            head += f"Retry-After: {fault.retry_after}\r\n"
        self.log.record(
            req.method,
            req.target,
            status,
            req.headers,
            fault=fault.kind,
            disallowed=trap,
            size=len(body),
            host=host,
        )
        return Reply(self._compose(status, head.encode(), body, req.keep_alive), delay, not req.keep_alive)


class BadRequest(Exception):
    pass


class HttpProtocol(asyncio.Protocol):
    """One client connection: parses requests in order and answers them one at a time."""

    def __init__(self, app: App, host: str = "old") -> None:
        self.app = app
        self.host = host  # "old", or "successor" on the successor's socket
        self.loop = asyncio.get_running_loop()
        self.buffer = bytearray()
        self.transport: asyncio.Transport | None = None
        self.waiting = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        sock = transport.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if not self.waiting:
            self._serve()

    def _serve(self) -> None:
        while self.transport is not None and not self.waiting:
            try:
                request = self._parse()
            except BadRequest:
                body = b"bad request\n"
                head = f"Content-Type: text/plain\r\nContent-Length: {len(body)}\r\n".encode()
                self._send(Reply(self.app._compose(400, head, body, False), close=True))
                return
            if request is None:
                return
            reply = self.app.handle(request, self.host)
            if reply.delay > 0:
                self.waiting = True
                self.loop.call_later(reply.delay, self._send_later, reply)
                return
            self._send(reply)

    def _send_later(self, reply: Reply) -> None:
        self.waiting = False
        if self.transport is not None:
            self._send(reply)
            self._serve()

    def _send(self, reply: Reply) -> None:
        transport = self.transport
        if transport is None:
            return
        if reply.data is None:
            sock = transport.get_extra_info("socket")
            if sock is not None:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            transport.abort()
            self.transport = None
            return
        transport.write(reply.data)
        if reply.close:
            transport.close()
            self.transport = None

    def _parse(self) -> Request | None:
        buffer = self.buffer
        while buffer[:2] == b"\r\n":
            del buffer[:2]
        end = buffer.find(b"\r\n\r\n")
        if end < 0:
            if len(buffer) > MAX_HEAD:
                raise BadRequest
            return None
        lines = bytes(buffer[:end]).decode("latin-1").split("\r\n")
        parts = lines[0].split(" ")
        if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
            raise BadRequest
        method, target, version = parts
        headers = {}
        for line in lines[1:]:
            name, sep, value = line.partition(":")
            if not sep:
                raise BadRequest
            headers[name.strip().lower()] = value.strip()
        if "chunked" in headers.get("transfer-encoding", ""):
            raise BadRequest
        try:
            length = int(headers.get("content-length") or 0)
        except ValueError:
            raise BadRequest from None
        if len(buffer) < end + 4 + length:
            return None
        body = bytes(buffer[end + 4 : end + 4 + length])
        del buffer[: end + 4 + length]
        if target.startswith(("http://", "https://")):
            target = "/" + target.split("/", 3)[3] if target.count("/") >= 3 else "/"
        path, _, query = target.partition("?")
        connection = headers.get("connection", "").lower()
        keep_alive = "close" not in connection if version == "HTTP/1.1" else "keep-alive" in connection
        return Request(method, target, path, query, headers, body, keep_alive)


def bind(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    sock.setblocking(False)
    return sock


async def serve(sock: socket.socket, app: App, announce: str) -> None:
    """Serve until SIGTERM or SIGINT; print ``announce`` once listening."""
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: HttpProtocol(app), sock=sock, backlog=1024)
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    print(announce, flush=True)
    async with server:
        await stop.wait()
    sys.stdout.flush()
