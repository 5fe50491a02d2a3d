"""The server's version and edition, as Neo4j reports them."""

from __future__ import annotations

from neo4j import AsyncDriver

QUERY = "CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS version, edition"


async def read_server_info(driver: AsyncDriver, database: str) -> tuple[str, str]:
    records, _, _ = await driver.execute_query(QUERY, database_=database, routing_="r")
    return records[0]["version"], records[0]["edition"]
