"""The suite talks to a real Neo4j 5 Community server."""

from neo4j import AsyncDriver

from graphdir.config import Settings
from graphdir.db.server_info import read_server_info


async def test_driver_reads_the_real_server_version(driver: AsyncDriver, settings: Settings) -> None:
    version, edition = await read_server_info(driver, settings.neo4j_database)
    assert version.startswith("5.26."), version
    assert edition == "community"


async def test_graphql_reports_the_server(client) -> None:  # type: ignore[no-untyped-def]
    response = await client.post("/graphql", json={"query": "{ __typename databaseServer { version edition } }"})
    assert response.status_code == 200
    body = response.json()
    assert body["data"]["__typename"] == "Query"
    assert body["data"]["databaseServer"]["version"].startswith("5.26.")
