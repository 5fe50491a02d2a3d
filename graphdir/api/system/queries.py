"""What the directory runs on: the Neo4j server behind it."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graphdir.api.context import Context
from graphdir.domain.system.service import SystemService


@strawberry.type(description="The Neo4j server graphdir reads from.")
class DatabaseServer:
    version: str = strawberry.field(description="Neo4j kernel version, e.g. 5.26.30.")
    edition: str = strawberry.field(description="community or enterprise.")


@strawberry.type
class SystemQuery:
    @strawberry.field(description="The Neo4j server behind this directory.")
    async def database_server(self, info: Info[Context, None]) -> DatabaseServer:
        server = await SystemService(info.context.reader).server()
        return DatabaseServer(version=server.version, edition=server.edition)
