"""The suite talks to a real Neo4j 5 Community server."""

from neo4j import AsyncDriver

from graphdir.config import Settings
from graphdir.db.reader import Reader
from graphdir.domain.system.service import SystemService


async def test_the_service_reads_the_real_server_version(driver: AsyncDriver, settings: Settings) -> None:
    server = await SystemService(Reader(driver, settings.neo4j_database)).database_server()
    assert server.version.startswith("5.26."), server.version
    assert server.edition == "community"


async def test_graphql_reports_the_server(client) -> None:  # type: ignore[no-untyped-def]
    response = await client.post("/graphql", json={"query": "{ __typename databaseServer { version edition } }"})
    assert response.status_code == 200
    body = response.json()
    assert body["data"]["__typename"] == "Query"
    assert body["data"]["databaseServer"]["version"].startswith("5.26.")
    assert body["data"]["databaseServer"]["edition"] == "community"
