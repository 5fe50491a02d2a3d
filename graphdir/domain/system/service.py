"""The Neo4j server behind the directory, as a record."""

from __future__ import annotations

from dataclasses import dataclass

from graphdir.db.reader import Reader
from graphdir.domain.system.repository import SystemRepository


@dataclass(frozen=True)
class DatabaseServerInfo:
    version: str
    edition: str


class SystemService:
    def __init__(self, reader: Reader) -> None:
        self._repository = SystemRepository(reader)

    async def database_server(self) -> DatabaseServerInfo:
        version, edition = await self._repository.server_info()
        return DatabaseServerInfo(version=version, edition=edition)
