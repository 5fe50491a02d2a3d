"""What the directory runs on: the Neo4j server behind it."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graphdir.api.context import Context
from graphdir.db.server_info import QUERY


@strawberry.type(description="The Neo4j server graphdir reads from.")
class DatabaseServer:
    version: str = strawberry.field(description="Neo4j kernel version, e.g. 5.26.30.")
    edition: str = strawberry.field(description="community or enterprise.")


@strawberry.type
class SystemQuery:
    @strawberry.field(description="The Neo4j server behind this directory.")
    async def database_server(self, info: Info[Context, None]) -> DatabaseServer:
        row = await info.context.reader.read_one(QUERY)
        assert row is not None
        return DatabaseServer(version=row["version"], edition=row["edition"])
