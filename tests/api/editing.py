"""Helpers of the mutation tests: tokens of each role, a client over HTTP that sends one, and the cleanup of what
the tests wrote (organizations `test-api-ed…`, their changes, sources and idempotency keys)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from neo4j import AsyncDriver

from graphdir.config import Settings
from graphdir.db.reader import Reader
from graphdir.db.writer import Writer
from graphdir.domain.accounts.service import AccountService
from tests.api.helpers import delete_prefixed, gid

PREFIX = "test-api-ed"
TOKEN_PREFIX = "test-edit-"
SEED_SOURCE = gid("Source", "src-cres-auvergne-2012")
FEDERATION = gid("Organization", "federations-cooperatives-auvergne")


@dataclass
class Tokens:
    admin: str
    editor: str  # any territory
    auvergne: str  # editor limited to Auvergne-Rhône-Alpes (84)
    paca: str  # editor limited to Provence-Alpes-Côte d'Azur (93)
    reader: str


async def graphql(client: httpx.AsyncClient, token: str | None, query: str, **variables: Any) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = await client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def cleanup(driver: AsyncDriver, settings: Settings) -> None:
    database = settings.neo4j_database
    await driver.execute_query(
        "MATCH (c:Change) WHERE any(i IN c.objectIds WHERE i STARTS WITH $prefix) "
        "OPTIONAL MATCH (c)-[:CITES]->(s:Source) WHERE s.id STARTS WITH 'src-api-' OR s.id STARTS WITH $declared "
        "DETACH DELETE c, s", {"prefix": PREFIX, "declared": "declared-by-" + PREFIX}, database_=database)
    await driver.execute_query("MATCH (t:ApiToken) WHERE t.name STARTS WITH $p MATCH (k:IdempotencyKey) "
                               "WHERE k.id STARTS WITH t.id + ':' DELETE k", {"p": TOKEN_PREFIX}, database_=database)
    await delete_prefixed(driver, settings, PREFIX)


@pytest.fixture
async def tokens(seeded: AsyncDriver, settings: Settings) -> AsyncIterator[Tokens]:
    database = settings.neo4j_database
    await cleanup(seeded, settings)
    await seeded.execute_query("MATCH (t:ApiToken) WHERE t.name STARTS WITH $p DELETE t", {"p": TOKEN_PREFIX},
                               database_=database)
    accounts = AccountService(Reader(seeded, database), Writer(seeded, database))

    async def issue(name: str, role: str, territories: list[str] | None = None) -> str:
        return (await accounts.issue(TOKEN_PREFIX + name, role, territories or [])).secret

    yield Tokens(admin=await issue("admin", "admin"), editor=await issue("editor", "editor"),
                 auvergne=await issue("auvergne", "editor", ["region:84"]),
                 paca=await issue("paca", "editor", ["region:93"]), reader=await issue("reader", "reader"))
    await cleanup(seeded, settings)
    await seeded.execute_query("MATCH (t:ApiToken) WHERE t.name STARTS WITH $p DELETE t", {"p": TOKEN_PREFIX},
                               database_=database)


async def graph_state(driver: AsyncDriver, settings: Settings) -> tuple[int, ...]:
    """Counts that any write would change: nodes, relationships, and the sum of the test organizations' versions."""
    records, _, _ = await driver.execute_query(
        "CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } "
        "CALL () { MATCH (o:Organization) WHERE o.id STARTS WITH $prefix RETURN sum(coalesce(o.version, 1)) AS v, "
        "collect(properties(o)) AS props } RETURN nodes, rels, v, props", {"prefix": PREFIX},
        database_=settings.neo4j_database)
    row = records[0]
    return row["nodes"], row["rels"], row["v"], hash(repr(sorted(map(repr, row["props"]))))
