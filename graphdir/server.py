"""What uvicorn bounds for graphdir before a request reaches the application: the size of a request's head (request
line and headers) and the time a client may take to send it.

uvicorn's httptools protocol bounds neither (h11's `h11_max_incomplete_event_size` bounds the size only, and its
`timeout_keep_alive` only the idle time between requests), so graphdir serves with a subclass that does:

- a head over MAX_HEAD_BYTES (64 KiB: a GET query of the token limit fits) is answered 431 and the connection
  closed, whether it arrives at once or a little at a time;
- a head not complete HEAD_TIMEOUT_S (10 s) after its first byte (or after the connection opened) closes the
  connection: a client sending its headers a byte at a time holds nothing for long.

The body is bounded in size by the application (graphdir.api.body_limit), not in time here.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

MAX_HEAD_BYTES = 64 * 1024
HEAD_TIMEOUT_S = 10.0
REFUSED_LINGER_S = 1.0


class HeadTooLarge(Exception):
    pass


class BoundedHttpToolsProtocol(HttpToolsProtocol):
    max_head_bytes = MAX_HEAD_BYTES
    head_timeout_s = HEAD_TIMEOUT_S

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._in_head = True
        self._head_bytes = 0  # read while the head is incomplete
        self._head_parsed = 0  # of the URL and headers parsed
        self._head_timer: asyncio.TimerHandle | None = None
        self._refused = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_head_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_head_timer()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._refused:  # after a 431, what follows is dropped until the connection closes
            return
        super().data_received(data)
        # Counted once parsed, so that a body arriving with its head is not counted: a head still incomplete after
        # more than max_head_bytes is refused (a complete one was counted by the callbacks below).
        if self._in_head and not self._refused:
            self._head_bytes += len(data)
            if self._head_bytes > self.max_head_bytes:
                self._refuse()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._in_head, self._head_bytes, self._head_parsed = True, 0, 0
        self._start_head_timer()

    def on_url(self, url: bytes) -> None:
        self._parsed(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._parsed(len(name) + len(value))
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._stop_head_timer()
        super().on_headers_complete()

    def send_400_response(self, msg: str) -> None:
        if not self._refused:  # the parser's error, once a callback has refused the head, is not the client's
            super().send_400_response(msg)

    def _parsed(self, size: int) -> None:
        self._head_parsed += size
        if self._head_parsed > self.max_head_bytes:
            self._refuse()
            raise HeadTooLarge  # stops the parser

    def _refuse(self) -> None:
        self._refused = True
        self._stop_head_timer()
        message = f"request headers over {self.max_head_bytes} bytes".encode()
        self.transport.write(b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: text/plain\r\n"
                             b"content-length: " + str(len(message)).encode() + b"\r\nconnection: close\r\n\r\n"
                             + message)
        # Closed a moment later rather than now: closing with unread input resets the connection, and the client
        # would lose the 431 before reading it.
        self.loop.call_later(REFUSED_LINGER_S, self.transport.close)

    def _start_head_timer(self) -> None:
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(self.head_timeout_s, self._head_timed_out)

    def _stop_head_timer(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if not self.transport.is_closing():
            self.transport.close()


# What `graphdir serve` gives uvicorn beyond host and port: the bounded protocol, and no `server: uvicorn` header.
UVICORN_OPTIONS: dict[str, Any] = {"http": BoundedHttpToolsProtocol, "server_header": False}
