"""/healthz says the process is alive; /readyz follows Neo4j without an API restart, and checks the schema."""

import os

import httpx
import pytest
from neo4j import AsyncDriver

from graphdir.config import Settings
from graphdir.db import schema
from graphdir.db.local import LocalInstance


async def test_healthz_and_readyz_when_neo4j_is_up(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).status_code == 200
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ready"


@pytest.mark.skipif(bool(os.environ.get("NEO4J_URI")), reason="needs the local test server, which it stops")
async def test_readyz_is_503_while_neo4j_is_down_and_200_once_back(client: httpx.AsyncClient) -> None:
    server = LocalInstance(os.environ.get("GRAPHDIR_INSTANCE", "test"))
    server.stop()
    try:
        down = await client.get("/readyz")
        assert down.status_code == 503
        assert "cannot use Neo4j at bolt://127.0.0.1" in down.json()["cause"]
        assert (await client.get("/healthz")).status_code == 200
    finally:
        server.start()
    back = await client.get("/readyz")
    assert back.status_code == 200, back.text


async def test_readyz_is_503_while_the_schema_lacks_an_index_and_does_not_apply_it(
        client: httpx.AsyncClient, driver: AsyncDriver, settings: Settings) -> None:
    await driver.execute_query("DROP INDEX organization_kind IF EXISTS", database_=settings.neo4j_database)
    try:
        for _ in range(2):
            missing = await client.get("/readyz")
            assert missing.status_code == 503
            assert "graphdir schema apply" in missing.json()["cause"]
    finally:
        report = await schema.apply(driver, settings.neo4j_database)
    assert report.created == ["organization_kind"]
    assert (await client.get("/readyz")).status_code == 200
