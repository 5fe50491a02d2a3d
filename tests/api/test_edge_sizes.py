"""Size limits: the body (413), string arguments, search words, cursors, the parser cache."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx

from graphdir.api.body_limit import MAX_BODY_BYTES
from graphdir.api.http import GRAPHQL_RESPONSE_JSON

STRICT = {"accept": GRAPHQL_RESPONSE_JSON}


async def test_a_10_mb_body_is_413(client: httpx.AsyncClient) -> None:
    padding = "x" * (10 * 1024 * 1024)
    response = await client.post("/graphql", json={"query": "{ __typename }", "variables": {"p": padding}},
                                 headers=STRICT)
    assert response.status_code == 413
    assert str(MAX_BODY_BYTES) in response.json()["errors"][0]["message"]
    assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE_JSON)


async def test_a_streamed_body_is_cut_once_over_the_limit(client: httpx.AsyncClient) -> None:
    sent = 0
    chunk = b" " * 65536

    async def body() -> AsyncIterator[bytes]:
        nonlocal sent
        yield b'{"query": "{ __typename }", "variables": {"p": "'
        for _ in range(10 * 1024 * 1024 // len(chunk)):
            sent += len(chunk)
            yield chunk
        yield b'"}}'

    response = await client.post("/graphql", content=body(), headers={"content-type": "application/json", **STRICT})
    assert response.status_code == 413
    assert sent <= MAX_BODY_BYTES + len(chunk)


async def test_a_body_just_under_the_limit_is_read(client: httpx.AsyncClient) -> None:
    padding = " " * (MAX_BODY_BYTES - 100)
    response = await client.post("/graphql", content=('{"query": "{ __typename }"' + padding + "}").encode(),
                                 headers={"content-type": "application/json", **STRICT})
    assert response.status_code == 200 and response.json() == {"data": {"__typename": "Query"}}
