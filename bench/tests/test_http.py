"""The load generator's HTTP client against a tiny asyncio server: lengths, chunks, keep-alive, reconnects."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bench.http import Connection, get_request, post_json_request

RESPONSES = {
    b"/length": b"HTTP/1.1 200 OK\r\nContent-Length: 11\r\nContent-Type: application/json\r\n\r\n{\"a\": true}",
    b"/chunked": (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                  b"4\r\n{\"b\"\r\n6;ext=1\r\n: 1234\r\n1\r\n}\r\n0\r\n\r\n"),
    b"/close": b"HTTP/1.1 500 Oops\r\nConnection: close\r\nContent-Length: 4\r\n\r\nboom",
}


@pytest.fixture
async def server() -> AsyncIterator[tuple[int, list[int]]]:
    connections: list[int] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        connections.append(1)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ")[1]
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                if length:
                    await reader.readexactly(length)
                writer.write(RESPONSES[path])
                await writer.drain()
                if path == b"/close":
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    srv = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = srv.sockets[0].getsockname()[1]
    yield port, connections
    srv.close()
    await srv.wait_closed()


async def test_content_length_and_chunked_on_one_kept_alive_connection(server: tuple[int, list[int]]) -> None:
    port, connections = server
    conn = Connection("127.0.0.1", port, timeout=5)
    try:
        first = await conn.send(post_json_request("127.0.0.1", port, "/length", {"query": "{ x }"}))
        second = await conn.send(get_request("127.0.0.1", port, "/chunked"))
        third = await conn.send(get_request("127.0.0.1", port, "/length"))
    finally:
        await conn.close()
    assert (first.status, first.json()) == (200, {"a": True})
    assert second.body == b'{"b": 1234}'
    assert third.status == 200
    assert len(connections) == 1


async def test_connection_close_then_reconnect(server: tuple[int, list[int]]) -> None:
    port, connections = server
    conn = Connection("127.0.0.1", port, timeout=5)
    try:
        failed = await conn.send(get_request("127.0.0.1", port, "/close"))
        again = await conn.send(get_request("127.0.0.1", port, "/length"))
    finally:
        await conn.close()
    assert (failed.status, failed.body) == (500, b"boom")
    assert again.status == 200
    assert len(connections) == 2


def test_post_request_bytes() -> None:
    request = post_json_request("127.0.0.1", 8000, "/graphql", {"query": "{ a }", "variables": {"é": 1}})
    head, _, body = request.partition(b"\r\n\r\n")
    assert head.startswith(b"POST /graphql HTTP/1.1\r\n")
    assert f"Content-Length: {len(body)}".encode() in head
    assert body == b'{"query":"{ a }","variables":{"\\u00e9":1}}'
