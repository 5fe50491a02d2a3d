"""Helpers of the tests of the mutations beyond organizations: test organizations made through the API, the cleanup
of the conventions, people and figures the tests made (ids `<kind>-test-api-ed…`), and a snapshot of everything a
rejected edit must leave as it was."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from neo4j import AsyncDriver

from graphdir.config import Settings
from tests.api.editing import PREFIX, SEED_SOURCE, Tokens, graph_state, graphql, tokens  # noqa: F401
from tests.api.test_editing_session import CREATE, NEW

SUBJECTS = [f"{kind}-{PREFIX}" for kind in ("convention", "person", "figure")]
SOURCE = {"id": SEED_SOURCE, "excerpt": "les mots de la source"}


async def _cleanup(driver: AsyncDriver, settings: Settings) -> None:
    await driver.execute_query(
        "MATCH (c:Change) WHERE any(i IN c.objectIds WHERE any(p IN $prefixes WHERE i STARTS WITH p)) "
        "DETACH DELETE c", {"prefixes": SUBJECTS}, database_=settings.neo4j_database)
    await driver.execute_query("MATCH (n) WHERE any(p IN $prefixes WHERE n.id STARTS WITH p) DETACH DELETE n",
                               {"prefixes": SUBJECTS}, database_=settings.neo4j_database)


@pytest.fixture
async def editor(tokens: Tokens, seeded: AsyncDriver, settings: Settings) -> AsyncIterator[Tokens]:  # noqa: F811
    """The tokens, and the test's conventions, people and figures removed before and after it."""
    await _cleanup(seeded, settings)
    yield tokens
    await _cleanup(seeded, settings)


async def organization(client: httpx.AsyncClient, token: str, name: str, **fields: Any) -> str:
    """A test organization (its name starts with "Test API Edit"), made through the API: its global id."""
    body = await graphql(client, token, CREATE, input={**NEW, "name": f"Test API Edit {name}", **fields})
    payload = body["data"]["createOrganization"]
    assert payload is not None and payload["userErrors"] == [], body
    global_id: str = payload["organization"]["id"]
    return global_id


async def snapshot(driver: AsyncDriver, settings: Settings) -> tuple[Any, ...]:
    """graph_state, and every property of the test's nodes and of the relationships at them."""
    records, _, _ = await driver.execute_query(
        "MATCH (n) WHERE any(p IN $prefixes WHERE n.id STARTS WITH p) "
        "OPTIONAL MATCH (n)-[r]-(m) "
        "RETURN n.id AS id, properties(n) AS props, collect([type(r), m.id, properties(r)]) AS rels",
        {"prefixes": [*SUBJECTS, PREFIX]}, database_=settings.neo4j_database)
    nodes = sorted(repr((row["id"], sorted(row["props"].items()), sorted(map(repr, row["rels"])))) for row in records)
    return await graph_state(driver, settings), hash(tuple(nodes))


def user_errors(body: dict[str, Any], field: str) -> list[tuple[str, str]]:
    assert "errors" not in body, body
    return [(e["field"], e["code"]) for e in body["data"][field]["userErrors"]]


def mutation(name: str, input_type: str, selection: str) -> str:
    """The document of one mutation taking `$input`."""
    return f"mutation($input: {input_type}!) {{ {name}(input: $input) {{ {selection} }} }}"
