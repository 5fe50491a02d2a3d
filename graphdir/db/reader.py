"""Read queries of one request: routed as reads to the named database, and counted.

Every repository reads through a Reader, so a test can assert how many database round trips a GraphQL request made.
"""

from __future__ import annotations

from typing import Any, LiteralString

from neo4j import AsyncDriver, RoutingControl


class Reader:
    def __init__(self, driver: AsyncDriver, database: str) -> None:
        self.driver = driver
        self.database = database
        self.round_trips = 0

    async def read(self, query: LiteralString, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        self.round_trips += 1
        records, _, _ = await self.driver.execute_query(
            query, params or {}, database_=self.database, routing_=RoutingControl.READ
        )
        return [record.data() for record in records]

    async def read_one(self, query: LiteralString, params: dict[str, Any] | None = None) -> dict[str, Any] | None:
        rows = await self.read(query, params)
        return rows[0] if rows else None
