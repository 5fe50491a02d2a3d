"""The limits uvicorn holds for graphdir (graphdir.server), on a real uvicorn over loopback: the head's size and the
time to send it, and no `server` header. The application behind is a stub: these limits act before it."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
import uvicorn

from graphdir.server import MAX_HEAD_BYTES, UVICORN_OPTIONS, BoundedHttpToolsProtocol


class QuickHeadTimeout(BoundedHttpToolsProtocol):
    head_timeout_s = 1.0


async def ok(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"ok"})


@pytest.fixture
async def port() -> AsyncIterator[int]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    options = {**UVICORN_OPTIONS, "http": QuickHeadTimeout}
    server = uvicorn.Server(uvicorn.Config(ok, log_config=None, access_log=False, lifespan="off", **options))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    for _ in range(500):  # uvicorn says it started through this flag only
        if server.started:
            break
        await asyncio.sleep(0.01)
    yield sock.getsockname()[1]
    server.should_exit = True
    await task


async def exchange(port: int, data: bytes) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(data)
    await writer.drain()
    answer = await asyncio.wait_for(reader.read(65536), 5)
    writer.close()
    return answer


async def test_a_request_is_served_without_a_server_header(port: int) -> None:
    answer = await exchange(port, b"GET / HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 200")
    assert b"\r\nserver:" not in answer.lower()


async def test_a_4_mb_header_is_431(port: int) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    answer_task = asyncio.create_task(reader.read(65536))
    writer.write(b"GET / HTTP/1.1\r\nhost: x\r\nx-big: ")
    try:
        for _ in range(64):
            writer.write(b"a" * 65536)
            await writer.drain()
    except ConnectionError:
        pass  # the server closed once it had refused
    answer = await asyncio.wait_for(answer_task, 5)
    writer.close()
    assert answer.startswith(b"HTTP/1.1 431")
    assert b"400" not in answer


async def test_a_large_header_sent_at_once_is_431(port: int) -> None:
    header = b"x-big: " + b"a" * (2 * MAX_HEAD_BYTES) + b"\r\n"
    answer = await exchange(port, b"GET / HTTP/1.1\r\nhost: x\r\n" + header + b"connection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 431")
    assert b"400" not in answer


async def test_headers_within_the_limit_are_served(port: int) -> None:
    header = b"x-fine: " + b"a" * (MAX_HEAD_BYTES // 2) + b"\r\n"
    answer = await exchange(port, b"GET / HTTP/1.1\r\nhost: x\r\n" + header + b"connection: close\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 200")


async def test_slow_headers_are_cut(port: int) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    started = time.monotonic()
    writer.write(b"GET / HTTP/1.1\r\nhost: x\r\n")
    closed = False
    for _ in range(20):  # one header byte every 0.25 s: 5 s if never cut
        try:
            writer.write(b"x")
            await writer.drain()
        except ConnectionError:
            closed = True
            break
        await asyncio.sleep(0.25)
        if reader.at_eof() or writer.is_closing():
            closed = True
            break
    data = await asyncio.wait_for(reader.read(), 5)
    assert closed or data == b""
    assert time.monotonic() - started < 3
    writer.close()


async def test_keep_alive_requests_each_get_their_own_head_time(port: int) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for _ in range(3):
        writer.write(b"GET / HTTP/1.1\r\nhost: x\r\n\r\n")
        await writer.drain()
        answer = await asyncio.wait_for(reader.readuntil(b"\r\n0\r\n\r\n"), 5)
        assert answer.startswith(b"HTTP/1.1 200")
        await asyncio.sleep(0.6)  # 1.8 s in all: more than one head timeout, each head sent at once
    writer.close()


async def test_a_large_body_sent_with_its_head_is_not_counted_as_head(port: int) -> None:
    body = b"a" * (4 * MAX_HEAD_BYTES)
    answer = await exchange(port, b"POST / HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-length: "
                            + str(len(body)).encode() + b"\r\n\r\n" + body)
    assert answer.startswith(b"HTTP/1.1 200")
