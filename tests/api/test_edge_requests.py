"""Bad requests get clean GraphQL-over-HTTP errors: never a plain-text 500."""

from __future__ import annotations

import json

import httpx
import pytest

from graphdir.api.http import GRAPHQL_RESPONSE_JSON, JSON, MAX_JSON_DEPTH, GraphdirGraphQL

STRICT = {"accept": GRAPHQL_RESPONSE_JSON}


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def assert_graphql_error(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE_JSON)
    (error,) = response.json()["errors"]
    assert error["message"]
    return str(error["message"])


async def test_body_that_is_not_utf8_is_400(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", content=b'{"query": "{ __typename \xff }"}',
                                 headers={"content-type": "application/json", **STRICT})
    assert "UTF-8" in assert_graphql_error(response, 400)


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 1_000, 100_000])
async def test_body_nested_too_deep_is_400(client: httpx.AsyncClient, depth: int) -> None:
    body = '{"query": "{ __typename }", "variables": {"v": ' + nested(depth - 2) + "}}"
    response = await client.post("/graphql", content=body.encode(),
                                 headers={"content-type": "application/json", **STRICT})
    assert str(MAX_JSON_DEPTH) in assert_graphql_error(response, 400)


async def test_body_nested_within_the_limit_is_accepted(client: httpx.AsyncClient) -> None:
    body = '{"query": "{ __typename }", "variables": {"v": ' + nested(MAX_JSON_DEPTH - 2) + "}}"
    response = await client.post("/graphql", content=body.encode(),
                                 headers={"content-type": "application/json", **STRICT})
    assert response.status_code == 200 and response.json()["data"] == {"__typename": "Query"}


@pytest.mark.parametrize("depth", [MAX_JSON_DEPTH + 1, 1_000, 5_000])
async def test_get_variables_nested_too_deep_are_400(client: httpx.AsyncClient, depth: int) -> None:
    response = await client.get("/graphql", params={"query": "{ __typename }",
                                                    "variables": '{"v": ' + nested(depth - 1) + "}"}, headers=STRICT)
    assert str(MAX_JSON_DEPTH) in assert_graphql_error(response, 400)


async def test_several_operations_without_operation_name_is_a_request_error(client: httpx.AsyncClient) -> None:
    body = {"query": "query A { __typename } query B { __typename }"}
    strict = await client.post("/graphql", json=body, headers=STRICT)
    assert "operationName" in assert_graphql_error(strict, 400)
    assert "data" not in strict.json()
    legacy = await client.post("/graphql", json=body, headers={"accept": JSON})
    assert legacy.status_code == 200 and "data" not in legacy.json() and legacy.json()["errors"]
    named = await client.post("/graphql", json={**body, "operationName": "B"}, headers=STRICT)
    assert named.status_code == 200 and named.json()["data"] == {"__typename": "Query"}


async def test_one_anonymous_operation_with_fragments_needs_no_name(client: httpx.AsyncClient) -> None:
    body = {"query": "query { ...F } fragment F on Query { __typename }"}
    response = await client.post("/graphql", json=body, headers=STRICT)
    assert response.status_code == 200 and response.json()["data"] == {"__typename": "Query"}


@pytest.mark.parametrize("accept", [GRAPHQL_RESPONSE_JSON, JSON])
async def test_subscription_over_get_is_405(client: httpx.AsyncClient, accept: str) -> None:
    response = await client.get("/graphql", params={"query": "subscription { __typename }"},
                                headers={"accept": accept})
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


async def test_head_is_405_with_allow(client: httpx.AsyncClient) -> None:
    for params in ({}, {"query": "{ __typename }"}):
        response = await client.head("/graphql", params=params, headers=STRICT)
        assert response.status_code == 405
        assert response.headers["allow"] == "GET, POST"


async def test_crafted_bodies_never_get_plain_text(client: httpx.AsyncClient) -> None:
    for content in (b"\xff\xfe", b'{"query": "\\ud800"}', json.dumps({"query": "{ __typename }",
                                                                      "extensions": {"x": [[[]]]}}).encode()):
        response = await client.post("/graphql", content=content,
                                     headers={"content-type": "application/json", **STRICT})
        assert response.status_code < 500, response.text
        assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE_JSON)


async def test_a_failure_of_the_view_is_a_json_500_without_its_cause(client: httpx.AsyncClient,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken(*_: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(GraphdirGraphQL, "parse_http_body", broken)
    response = await client.post("/graphql", json={"query": "{ __typename }"}, headers=STRICT)
    assert assert_graphql_error(response, 500) == "Unexpected error."
    assert "secret" not in response.text
