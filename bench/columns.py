"""The three ways a question is asked: graphdir over HTTP, raw Cypher through the Python driver, the peer over HTTP.

A column turns a draw into a prepared request once (the JSON body is encoded before measuring), then `call` sends it
and returns None, or what went wrong. An answer is an error when the HTTP status is not 200 or the body holds
GraphQL `errors`; a raw statement fails when the driver raises. Answers are not decoded while measuring (`fetch`
decodes them, for the agreement check).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Protocol

from neo4j import AsyncDriver, RoutingControl

from bench.http import Connection, post_json_request
from bench.questions import Draw
from graphdir.domain.territories.cypher import INSIDE_OF_FAMILY


class Column(Protocol):
    name: str

    def prepare(self, draws: Sequence[Draw]) -> list[Any]: ...

    def session(self) -> Any: ...

    async def call(self, session: Any, prepared: Any) -> str | None: ...

    async def close_session(self, session: Any) -> None: ...

    async def fetch(self, prepared: Any) -> Any: ...


class GraphQLColumn:
    """graphdir or the peer: POST {query, variables} to a GraphQL endpoint on loopback."""

    def __init__(self, name: str, port: int, path: str, query: str, peer: bool = False) -> None:
        self.name = name
        self.port = port
        self.path = path
        self.query = query
        self.peer = peer

    def prepare(self, draws: Sequence[Draw]) -> list[bytes]:
        out = []
        for draw in draws:
            variables = draw.peer if self.peer else draw.graphdir
            assert variables is not None
            out.append(post_json_request("127.0.0.1", self.port, self.path,
                                         {"query": self.query, "variables": variables}))
        return out

    def session(self) -> Connection:
        return Connection("127.0.0.1", self.port)

    async def call(self, session: Connection, prepared: bytes) -> str | None:
        response = await session.send(prepared)
        if response.status != 200:
            return f"HTTP {response.status}: {response.body[:300].decode(errors='replace')}"
        if b'"errors"' in response.body:
            errors = json.loads(response.body).get("errors")
            if errors:
                return "; ".join(str(e.get("message")) for e in errors)[:300]
        return None

    async def close_session(self, session: Connection) -> None:
        await session.close()

    async def fetch(self, prepared: bytes) -> Any:
        connection = Connection("127.0.0.1", self.port)
        try:
            response = await connection.send(prepared)
        finally:
            await connection.close()
        return json.loads(response.body)


# A floor may write the draw's family into a relationship type, `INSIDE_<FAMILY>` (bench/questions/raw/C2.cypher): a
# type cannot be a parameter, and graphdir writes the requested family's type into its own statement
# (graphdir/domain/organizations/territory_pages.py), so the floor's one statement per draw does the same.
FAMILY_TYPE = "INSIDE_<FAMILY>"


class RawColumn:
    """The floor: the question's one Cypher statement through the async Python driver, records fetched eagerly."""

    name = "raw"

    def __init__(self, driver: AsyncDriver, cypher: str) -> None:
        self.driver = driver
        self.cypher = cypher

    def statement(self, params: dict[str, Any]) -> str:
        if FAMILY_TYPE not in self.cypher:
            return self.cypher
        return self.cypher.replace(FAMILY_TYPE, INSIDE_OF_FAMILY[params["families"][0]])

    def prepare(self, draws: Sequence[Draw]) -> list[tuple[str, dict[str, Any]]]:
        return [(self.statement(draw.raw), draw.raw) for draw in draws]

    def session(self) -> None:
        return None

    async def call(self, session: None, prepared: tuple[str, dict[str, Any]]) -> str | None:
        try:
            await self.driver.execute_query(prepared[0], prepared[1], database_="neo4j",
                                            routing_=RoutingControl.READ)
        except Exception as exc:  # noqa: BLE001 - reported, counted, never hidden
            return f"{type(exc).__name__}: {exc}"[:300]
        return None

    async def close_session(self, session: None) -> None:
        return None

    async def fetch(self, prepared: tuple[str, dict[str, Any]]) -> Any:
        records, _, _ = await self.driver.execute_query(prepared[0], prepared[1], database_="neo4j",
                                                        routing_=RoutingControl.READ)
        return [record.data() for record in records]
