"""API tokens: issued hashed, sent as Bearer, revoked at once; reads stay open without one."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator

import httpx
import pytest
from neo4j import AsyncDriver

from graphdir.config import Settings
from graphdir.db.reader import Reader
from graphdir.db.writer import Writer
from graphdir.domain.accounts.service import AccountService
from graphdir.domain.common.errors import InvalidArgument

QUERY = {"query": "{ databaseServer { edition } }"}


@pytest.fixture
async def accounts(driver: AsyncDriver, settings: Settings) -> AsyncIterator[AccountService]:
    database = settings.neo4j_database
    yield AccountService(Reader(driver, database), Writer(driver, database))
    await driver.execute_query("MATCH (t:ApiToken) WHERE t.name STARTS WITH 'test-auth-' DELETE t",
                               database_=database)


async def test_a_token_is_stored_hashed_and_shown_once(accounts: AccountService, driver: AsyncDriver,
                                                       settings: Settings) -> None:
    issued = await accounts.issue("test-auth-hash", "editor", [])
    records, _, _ = await driver.execute_query("MATCH (t:ApiToken {name: 'test-auth-hash'}) RETURN properties(t) AS p",
                                               database_=settings.neo4j_database)
    stored = records[0]["p"]
    assert issued.secret not in [str(value) for value in stored.values()]
    assert stored["hash"] == hashlib.sha256(issued.secret.encode()).hexdigest()
    assert [t.principal.name for t in await accounts.all() if t.principal.name == "test-auth-hash"]


async def test_bad_token_arguments_are_refused(accounts: AccountService) -> None:
    with pytest.raises(InvalidArgument) as role:
        await accounts.issue("test-auth-x", "owner", [])
    assert role.value.argument == "role"
    with pytest.raises(InvalidArgument) as territory:
        await accounts.issue("test-auth-x", "editor", ["region:00"])
    assert territory.value.argument == "territory"
    await accounts.issue("test-auth-x", "reader", [])
    with pytest.raises(InvalidArgument) as name:
        await accounts.issue("test-auth-x", "reader", [])
    assert name.value.argument == "name"


async def test_bearer_tokens_over_http(accounts: AccountService, client: httpx.AsyncClient) -> None:
    assert (await client.post("/graphql", json=QUERY)).status_code == 200  # reads stay open
    issued = await accounts.issue("test-auth-http", "reader", [])
    ok = await client.post("/graphql", json=QUERY, headers={"Authorization": f"Bearer {issued.secret}"})
    assert ok.status_code == 200 and "errors" not in ok.json()
    for header in ("Bearer gdt_not-a-token", "Basic abc", "Bearer "):
        refused = await client.post("/graphql", json=QUERY, headers={"Authorization": header})
        assert refused.status_code == 401, header
        assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert refused.headers["www-authenticate"] == "Bearer"
    assert await accounts.revoke("test-auth-http") is not None
    revoked = await client.post("/graphql", json=QUERY, headers={"Authorization": f"Bearer {issued.secret}"})
    assert revoked.status_code == 401
