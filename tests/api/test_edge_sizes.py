"""Size limits: the body (413), string arguments, search words, cursors, the parser cache."""

from __future__ import annotations

import base64
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from neo4j import AsyncDriver

from graphdir.api.body_limit import MAX_BODY_BYTES
from graphdir.api.document_cache import MAX_DOCUMENT_CHARS, MAX_TEXT_CHARS, documents
from graphdir.api.http import GRAPHQL_RESPONSE_JSON
from graphdir.api.input_limits import MAX_STRING_CHARS
from graphdir.domain.common.words import MAX_WORD_CHARS, MAX_WORDS

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
    assert response.status_code == 200 and response.json()["data"] == {"__typename": "Query"}


def cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


async def graphql(client: httpx.AsyncClient, query: str, variables: dict[str, object] | None = None
                  ) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=STRICT)
    assert response.status_code in (200, 400), response.text
    payload: dict[str, Any] = response.json()
    return payload


def bad_input(payload: dict[str, Any], argument: str) -> str:
    (error,) = payload["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT", error
    assert error["extensions"]["argument"] == argument, error
    assert len(error["message"]) <= 600
    return str(error["message"])


SEARCH = "query($t: String!) { search(text: $t) { score } }"
FILTER = "query($t: String) { organizations(filter: {text: $t}) { totalCount } }"
AFTER = "query($a: String) { organizations(after: $a) { totalCount } }"


@pytest.mark.parametrize("text", ["a" * 1001, "a" * (MAX_WORD_CHARS + 1), " ".join(["mot"] * (MAX_WORDS + 1))])
async def test_search_text_too_long_is_bad_user_input(seeded: AsyncDriver, client: httpx.AsyncClient,
                                                      text: str) -> None:
    bad_input(await graphql(client, SEARCH, {"t": text}), "text")


async def test_search_at_the_limits_is_served(seeded: AsyncDriver, client: httpx.AsyncClient) -> None:
    payload = await graphql(client, SEARCH, {"t": " ".join(["a" * MAX_WORD_CHARS] + ["cres"] * (MAX_WORDS - 1))})
    assert "errors" not in payload and payload["data"]["search"]


@pytest.mark.parametrize("text", ["a" * (MAX_WORD_CHARS + 1), " ".join(["ab"] * 200_000)])
async def test_organizations_text_filter_is_bounded(seeded: AsyncDriver, client: httpx.AsyncClient,
                                                    text: str) -> None:
    bad_input(await graphql(client, FILTER, {"t": text}), "filter.text")


async def test_string_arguments_are_bounded_wherever_they_sit(seeded: AsyncDriver, client: httpx.AsyncClient) -> None:
    long = "x" * (MAX_STRING_CHARS + 1)
    bad_input(await graphql(client, f'{{ organization(slug: "{long}") {{ name }} }}'), "slug")
    bad_input(await graphql(client, "query($f: OrganizationFilter) { organizations(filter: $f) { totalCount } }",
                            {"f": {"territoryCode": long}}), "filter.territoryCode")
    bad_input(await graphql(client, f'{{ organizations(filter: {{text: "{long}"}}) {{ totalCount }} }}'),
              "filter.text")
    served = await graphql(client, f'{{ organization(slug: "{"x" * MAX_STRING_CHARS}") {{ name }} }}')
    assert served["data"] == {"organization": None} and "errors" not in served


async def test_a_cached_document_is_checked_again_on_every_request(seeded: AsyncDriver,
                                                                   client: httpx.AsyncClient) -> None:
    """What the check derives from a document is kept with the cached document: a long literal is refused each time
    the document comes, and a variable's value is checked per request whatever came before."""
    long = "x" * (MAX_STRING_CHARS + 1)
    literal = f'{{ organization(slug: "{long}") {{ name }} }}'
    for _ in range(3):
        bad_input(await graphql(client, literal), "slug")
    assert literal in documents
    variables = "query($f: OrganizationFilter) { organizations(filter: $f) { totalCount } }"
    assert "errors" not in await graphql(client, variables, {"f": {"territoryCode": "83", "territoryLevel": "REGION"}})
    bad_input(await graphql(client, variables, {"f": {"territoryCode": long}}), "filter.territoryCode")
    assert "errors" not in await graphql(client, variables, {"f": {"territoryCode": "83", "territoryLevel": "REGION"}})


@pytest.mark.parametrize("after", [
    cursor('["org:NAME",' + "[" * 5000 + "]" * 5000 + ',"x"]'),
    cursor('["org:NAME",' + "[" * 50 + "]" * 50 + ',"x"]'),
    cursor(f'["org:NAME",{2**63},"x"]'),
    cursor(f'["org:NAME",{-(2**63) - 1},"x"]'),
    cursor('["org:NAME",1e999,"x"]'),
    "A" * 500_000,
    "A" * (MAX_STRING_CHARS + 1),
])
async def test_crafted_cursors_are_bad_user_input(seeded: AsyncDriver, client: httpx.AsyncClient, after: str) -> None:
    bad_input(await graphql(client, AFTER, {"a": after}), "after")


async def test_a_huge_string_is_not_echoed_whole(client: httpx.AsyncClient) -> None:
    huge = "9" * (1024 * 1024 - 200)
    payload = await graphql(client, f'{{ territory(code: "03095") {{ parents(on: "{huge}") {{ code }} }} }}')
    (error,) = payload["errors"]
    assert len(error["message"]) <= 600


async def test_large_documents_are_not_cached(client: httpx.AsyncClient) -> None:
    before = len(documents), documents.text_chars
    for index in range(5):
        large = "{ __typename }\n# " + f"{index} " + "x" * MAX_DOCUMENT_CHARS
        response = await client.post("/graphql", json={"query": large}, headers=STRICT)
        assert response.json()["data"] == {"__typename": "Query"}
    assert (len(documents), documents.text_chars) == before
    small = "{ __typename } # " + uuid.uuid4().hex
    await client.post("/graphql", json={"query": small}, headers=STRICT)
    assert small in documents


async def test_the_cache_holds_a_bounded_size_of_text_whatever_is_sent(client: httpx.AsyncClient) -> None:
    """Distinct documents just under the size cached, more than the cache's size in all: the oldest are forgotten."""
    size = MAX_DOCUMENT_CHARS - 100
    sent = []
    for index in range(MAX_TEXT_CHARS // size + 10):
        query = f"query Q{index}_{uuid.uuid4().hex} {{ __typename }}\n#" + "x" * (size - 60)
        sent.append(query)
        response = await client.post("/graphql", json={"query": query}, headers=STRICT)
        assert response.json()["data"] == {"__typename": "Query"}
    assert documents.text_chars <= MAX_TEXT_CHARS
    assert sent[-1] in documents and sent[0] not in documents
