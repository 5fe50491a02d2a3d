"""A minimal HTTP/1.1 keep-alive client on asyncio streams, for the load generator.

httpx spends a few hundred microseconds of Python per request; on a two-core machine shared with the API and Neo4j
that would be measured as server time. This client sends prebuilt request bytes on a kept-alive connection and reads
the status, the headers it needs (Content-Length or chunked Transfer-Encoding) and the body: tens of microseconds.
Only what the benchmark needs: loopback, no TLS, no redirects, no compression.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from dataclasses import dataclass
from typing import Any


class HttpError(RuntimeError):
    pass


@dataclass
class Response:
    status: int
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


def post_json_request(host: str, port: int, path: str, payload: dict[str, Any]) -> bytes:
    body = json.dumps(payload, separators=(",", ":")).encode()
    head = (f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
            f"Accept: application/json\r\nContent-Length: {len(body)}\r\nConnection: keep-alive\r\n\r\n")
    return head.encode() + body


def get_request(host: str, port: int, path: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: keep-alive\r\n\r\n".encode()


class Connection:
    """One kept-alive connection; requests on it are sequential (one worker, one connection)."""

    def __init__(self, host: str, port: int, timeout: float = 120.0) -> None:
        self.host = host
        self.port = port
        self.timeout = timeout
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def _connect(self) -> None:
        self._reader, self._writer = await asyncio.open_connection(self.host, self.port, limit=1 << 22)

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(OSError):
                await self._writer.wait_closed()
        self._reader = self._writer = None

    async def send(self, request: bytes) -> Response:
        return await asyncio.wait_for(self._send(request), self.timeout)

    async def _send(self, request: bytes) -> Response:
        for attempt in (0, 1):
            if self._writer is None:
                await self._connect()
            assert self._reader is not None and self._writer is not None
            try:
                self._writer.write(request)
                return await self._read_response(self._reader)
            except (ConnectionError, asyncio.IncompleteReadError):
                # The server closed an idle kept-alive connection: reconnect once.
                await self.close()
                if attempt:
                    raise
        raise AssertionError("unreachable")

    async def _read_response(self, reader: asyncio.StreamReader) -> Response:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ", 2)
        if len(parts) < 2 or not parts[0].startswith("HTTP/1."):
            raise HttpError(f"not an HTTP response: {lines[0]!r}")
        status = int(parts[1])
        length: int | None = None
        chunked = False
        close = False
        for line in lines[1:]:
            if not line:
                continue
            name, _, value = line.partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value.strip())
            elif name == "transfer-encoding" and "chunked" in value.lower():
                chunked = True
            elif name == "connection" and value.strip().lower() == "close":
                close = True
        if chunked:
            body = await self._read_chunked(reader)
        elif length is not None:
            body = await reader.readexactly(length)
        else:
            body = await reader.read()
            close = True
        if close:
            await self.close()
        return Response(status, body)

    @staticmethod
    async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
        chunks: list[bytes] = []
        while True:
            size_line = await reader.readuntil(b"\r\n")
            size = int(size_line.split(b";", 1)[0].strip(), 16)
            if size == 0:
                # Trailers, if any, end with an empty line.
                while (await reader.readuntil(b"\r\n")) != b"\r\n":
                    pass
                return b"".join(chunks)
            chunks.append(await reader.readexactly(size))
            await reader.readexactly(2)
