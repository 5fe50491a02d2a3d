"""graphdir over a routing URI (`neo4j://`), as behind a load balancer in front of a cluster: a single Community
server accepts one too (its routing table names itself as reader and writer). Reads are sent as reads: Neo4j refuses
a write sent through a Reader, so a cluster may serve them from any of its readers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

import httpx
import pytest
from neo4j import AsyncDriver
from neo4j.exceptions import ClientError

from graphdir.app import create_app
from graphdir.config import Settings
from graphdir.db.driver import open_driver
from graphdir.db.reader import Reader


@pytest.fixture
def routing(settings: Settings) -> Settings:
    assert settings.neo4j_uri.startswith("bolt://"), settings.neo4j_uri
    return replace(settings, neo4j_uri="neo4j://" + settings.neo4j_uri.removeprefix("bolt://"))


@pytest.fixture
async def routed(seeded: AsyncDriver, routing: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(routing)
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport,
                                                                   base_url="http://graphdir.test") as http:
        yield http


async def test_the_api_serves_queries_through_a_routing_driver(routed: httpx.AsyncClient, routing: Settings) -> None:
    ready = await routed.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready", "neo4j": routing.neo4j_uri}
    response = await routed.post("/graphql", json={"query": '{ territory(code: "03095") { name parents { code } } '
                                                            'organization(slug: "cres-auvergne") { name } }'})
    assert response.status_code == 200
    data = response.json()["data"]
    assert data["territory"]["name"] == "Cusset"
    assert {"03", "84"} <= {parent["code"] for parent in data["territory"]["parents"]}
    assert data["organization"]["name"]


async def test_a_reader_sends_its_statements_as_reads(routing: Settings) -> None:
    driver = open_driver(routing)
    try:
        reader = Reader(driver, routing.neo4j_database)
        assert await reader.read("RETURN 1 AS one") == [{"one": 1}]
        with pytest.raises(ClientError) as refused:
            await reader.read("CREATE (n:TestRoutingWrite) RETURN 1 AS one")
        assert refused.value.code == "Neo.ClientError.Statement.AccessMode"
    finally:
        await driver.close()
