"""GraphQL over HTTP (the GraphQL-over-HTTP specification, SHOULDs included)."""

from __future__ import annotations

import json

import httpx
import pytest
from neo4j import AsyncDriver

from graphdir.api.http import GRAPHQL_RESPONSE_JSON, JSON, negotiate

QUERY = '{ organization(slug: "cres-auvergne") { acronym } }'
EXPECTED = {"data": {"organization": {"acronym": "CRES Auvergne"}}, "extensions": {"cost": 2}}


def media(response: httpx.Response) -> str:
    return response.headers["content-type"].split(";")[0]


@pytest.mark.parametrize(("accept", "expected"), [
    (None, GRAPHQL_RESPONSE_JSON),
    ("", GRAPHQL_RESPONSE_JSON),
    ("application/graphql-response+json", GRAPHQL_RESPONSE_JSON),
    ("application/graphql-response+json, application/json;q=0.9", GRAPHQL_RESPONSE_JSON),
    ("application/json, application/graphql-response+json", GRAPHQL_RESPONSE_JSON),
    ("application/json", JSON),
    ("application/json;q=1, application/graphql-response+json;q=0.5", JSON),
    ("*/*", JSON),
    ("application/*", JSON),
    ("application/json, */*;q=0.8", JSON),
    ("text/html, application/graphql-response+json;q=0.9, */*;q=0.1", GRAPHQL_RESPONSE_JSON),
    ("text/plain", None),
    ("application/json;q=0", None),
])
def test_negotiation(accept: str | None, expected: str | None) -> None:
    assert negotiate(accept) == expected


async def test_post_json_in_both_media_types(seeded: AsyncDriver, client: httpx.AsyncClient) -> None:
    for accept, expected in [(GRAPHQL_RESPONSE_JSON, GRAPHQL_RESPONSE_JSON), (JSON, JSON)]:
        response = await client.post("/graphql", json={"query": QUERY}, headers={"accept": accept})
        assert response.status_code == 200
        assert media(response) == expected
        assert response.headers["content-type"].endswith("charset=utf-8")
        assert response.json() == EXPECTED


async def test_post_with_variables_and_operation_name(seeded: AsyncDriver, client: httpx.AsyncClient) -> None:
    body = {"query": "query A($s: String) { organization(slug: $s) { acronym } } query B { __typename }",
            "variables": {"s": "cres-auvergne"}, "operationName": "A"}
    response = await client.post("/graphql", json=body, headers={"accept": GRAPHQL_RESPONSE_JSON})
    assert response.status_code == 200 and response.json() == EXPECTED


async def test_no_accept_header_means_graphql_response_json(seeded: AsyncDriver, client: httpx.AsyncClient) -> None:
    request = client.build_request("POST", "/graphql", json={"query": QUERY})
    del request.headers["accept"]
    response = await client.send(request)
    assert response.status_code == 200 and media(response) == GRAPHQL_RESPONSE_JSON


async def test_unacceptable_accept_is_406(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": QUERY}, headers={"accept": "text/plain"})
    assert response.status_code == 406
    assert "errors" in response.json()


async def test_get_queries(seeded: AsyncDriver, client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", params={"query": "query($s: String) { organization(slug: $s) { acronym } }",
                                                    "variables": json.dumps({"s": "cres-auvergne"})},
                                headers={"accept": GRAPHQL_RESPONSE_JSON})
    assert response.status_code == 200 and response.json() == EXPECTED
    assert media(response) == GRAPHQL_RESPONSE_JSON


async def test_mutations_over_get_are_405(client: httpx.AsyncClient) -> None:
    for accept in (GRAPHQL_RESPONSE_JSON, JSON):
        response = await client.get("/graphql", params={"query": "mutation { __typename }"}, headers={"accept": accept})
        assert response.status_code == 405
        assert response.headers["allow"] == "POST"
        assert response.json()["errors"][0]["message"]


async def test_other_methods_are_405(client: httpx.AsyncClient) -> None:
    response = await client.put("/graphql", json={"query": QUERY})
    assert response.status_code == 405


@pytest.mark.parametrize(("content", "content_type", "status"), [
    (b'{"query": ', "application/json", 400),                 # malformed JSON
    (b'"just a string"', "application/json", 400),            # not an object
    (b"42", "application/json", 400),
    (b'[{"query": "{ __typename }"}]', "application/json", 400),  # batching is off
    (b'{"variables": {}}', "application/json", 400),          # no query
    (b'{"query": 42}', "application/json", 400),
    (b'{"query": "{ __typename }", "variables": [1]}', "application/json", 400),
    (b'{"query": "{ __typename }", "operationName": 3}', "application/json", 400),
    (b'{"query": "{ __typename }", "extensions": "x"}', "application/json", 400),
    (b"query=%7B__typename%7D", "application/x-www-form-urlencoded", 415),
    (b"{ __typename }", "application/graphql", 415),
    (b'{"query": "{ __typename }"}', "text/plain", 415),
])
async def test_malformed_requests(client: httpx.AsyncClient, content: bytes, content_type: str, status: int) -> None:
    for accept in (GRAPHQL_RESPONSE_JSON, JSON):
        response = await client.post("/graphql", content=content,
                                     headers={"content-type": content_type, "accept": accept})
        assert response.status_code == status, response.text
        assert media(response) == accept
        assert response.json()["errors"][0]["message"]


async def test_get_with_malformed_variables_is_400(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", params={"query": "{ __typename }", "variables": "{not json"},
                                headers={"accept": GRAPHQL_RESPONSE_JSON})
    assert response.status_code == 400


async def test_unknown_operation_name_is_400(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": "query A { __typename }", "operationName": "B"},
                                 headers={"accept": GRAPHQL_RESPONSE_JSON})
    assert response.status_code == 400


@pytest.mark.parametrize("body", [
    {"query": "{ organizations( }"},                                   # parse error
    {"query": "{ noSuchField }"},                                      # validation error
    {"query": "query($on: Date) { territory(code: \"03095\") { parents(on: $on) { code } } }",
     "variables": {"on": "2012-13-45"}},                              # variable coercion error
    {"query": "query($on: Date!) { territory(code: \"03095\") { parents(on: $on) { code } } }"},  # missing variable
])
async def test_request_errors_are_400_with_graphql_response_json_and_200_with_json(
        client: httpx.AsyncClient, body: dict[str, object]) -> None:
    strict = await client.post("/graphql", json=body, headers={"accept": GRAPHQL_RESPONSE_JSON})
    assert strict.status_code == 400
    assert "data" not in strict.json() and strict.json()["errors"]
    legacy = await client.post("/graphql", json=body, headers={"accept": JSON})
    assert legacy.status_code == 200
    assert legacy.json()["errors"] == strict.json()["errors"]


async def test_bad_date_variable_names_the_argument(client: httpx.AsyncClient) -> None:
    body = {"query": "query($on: Date) { territory(code: \"03095\") { parents(on: $on) { code } } }",
            "variables": {"on": "2012-13-45"}}
    response = await client.post("/graphql", json=body, headers={"accept": GRAPHQL_RESPONSE_JSON})
    (error,) = response.json()["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "on"}


async def test_field_errors_are_200_with_data(seeded: AsyncDriver, client: httpx.AsyncClient) -> None:
    body = {"query": '{ a: organization(slug: "cpca") { acronym } b: organization(id: "%%") { acronym } }'}
    response = await client.post("/graphql", json=body, headers={"accept": GRAPHQL_RESPONSE_JSON})
    assert response.status_code == 200
    payload = response.json()
    assert payload["data"] == {"a": {"acronym": "CPCA"}, "b": None}
    assert payload["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "argument": "id"}
    # A non-null root field that fails nulls the whole data: still executed, still 200.
    nulled = await client.post("/graphql", json={"query": "{ organizations(first: 500) { totalCount } }"},
                               headers={"accept": GRAPHQL_RESPONSE_JSON})
    assert nulled.status_code == 200 and nulled.json()["data"] is None


async def test_graphiql_on_get_with_html_accept(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]


async def test_introspection_passes_the_limits(client: httpx.AsyncClient) -> None:
    from graphql import get_introspection_query

    response = await client.post("/graphql", json={"query": get_introspection_query(descriptions=True)},
                                 headers={"accept": GRAPHQL_RESPONSE_JSON})
    assert response.status_code == 200
    names = {t["name"] for t in response.json()["data"]["__schema"]["types"]}
    assert {"Organization", "Territory", "Convention", "Person", "Event", "Node", "PartialDate"} <= names
