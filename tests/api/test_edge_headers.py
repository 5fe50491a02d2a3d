"""Security headers suited to an API and its GraphiQL page; introspection switchable."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import AsyncIterator
from dataclasses import replace

import httpx
import pytest
from graphql import get_introspection_query
from neo4j import AsyncDriver

from graphdir.config import ConfigError, Settings
from tests.api.helpers import app_client

STRICT = {"accept": "application/graphql-response+json"}


def assert_api_headers(response: httpx.Response) -> None:
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert "server" not in response.headers


async def test_api_responses_carry_security_headers(client: httpx.AsyncClient) -> None:
    assert_api_headers(await client.post("/graphql", json={"query": "{ __typename }"}, headers=STRICT))
    assert_api_headers(await client.post("/graphql", content=b"{", headers={"content-type": "application/json"}))
    assert_api_headers(await client.get("/healthz"))
    assert_api_headers(await client.put("/graphql"))


async def test_graphiql_is_served_from_this_host_under_a_same_origin_policy(client: httpx.AsyncClient) -> None:
    response = await client.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self';" in policy and "connect-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-eval'" not in policy and "'unsafe-inline'" not in policy and "https:" not in policy
    assert "unpkg" not in response.text and "https://" not in response.text
    script = await client.get("/assets/graphiql.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]


def _directives(policy: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (part.split() for part in policy.split(";") if part.strip())}


def _allows(sources: list[str], url: str) -> bool:
    if url.startswith("/") and not url.startswith("//"):
        return "'self'" in sources
    return any(url.startswith(source + "/") for source in sources if source.startswith("https://"))


def assert_policy_allows_the_page(html: str, policy: str) -> None:
    directives = _directives(policy)
    for src in re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", html):
        assert _allows(directives["script-src"], src), (src, policy)
    for inline in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.DOTALL):
        digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in directives["script-src"]
    for link in re.findall(r"<link[^>]*>", html, re.DOTALL):
        href = re.search(r"href=\"([^\"]+)\"", link)
        if href and "stylesheet" in link:
            assert _allows(directives["style-src"], href.group(1)), (href.group(1), policy)
    assert "'self'" in directives["connect-src"]


async def test_each_page_policy_allows_every_script_and_stylesheet_of_its_page(client: httpx.AsyncClient) -> None:
    for path in ("/graphql", "/"):
        response = await client.get(path, headers={"accept": "text/html"})
        assert "<script" in response.text
        assert_policy_allows_the_page(response.text, response.headers["content-security-policy"])


@pytest.fixture
async def closed_client(driver: AsyncDriver, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(replace(settings, introspection=False)) as http:
        yield http


async def test_introspection_can_be_switched_off(closed_client: httpx.AsyncClient) -> None:
    for query in (get_introspection_query(), "{ __type(name: \"Organization\") { name } }"):
        response = await closed_client.post("/graphql", json={"query": query}, headers=STRICT)
        assert response.status_code == 400
        (error, *_) = response.json()["errors"]
        assert "introspection" in error["message"].lower()
        assert error["extensions"]["code"] == "INTROSPECTION_DISABLED"
    allowed = await closed_client.post("/graphql", json={"query": "{ __typename }"}, headers=STRICT)
    assert allowed.json()["data"] == {"__typename": "Query"}


async def test_introspection_is_on_by_default(client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": "{ __schema { queryType { name } } }"}, headers=STRICT)
    assert response.json()["data"] == {"__schema": {"queryType": {"name": "Query"}}}


def test_introspection_setting() -> None:
    env = {"NEO4J_URI": "bolt://127.0.0.1:7687", "NEO4J_PASSWORD": "x"}
    assert Settings.from_env(env).introspection is True
    assert Settings.from_env({**env, "GRAPHDIR_INTROSPECTION": "false"}).introspection is False
    with pytest.raises(ConfigError, match="GRAPHDIR_INTROSPECTION"):
        Settings.from_env({**env, "GRAPHDIR_INTROSPECTION": "sometimes"})
