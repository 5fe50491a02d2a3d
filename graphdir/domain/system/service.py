"""The Neo4j server the directory reads from, through the request's Reader (so its read is counted)."""

from __future__ import annotations

from graphdir.db.reader import Reader
from graphdir.db.server_info import QUERY
from graphdir.domain.system.records import ServerRecord


class SystemService:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    async def server(self) -> ServerRecord:
        row = await self.reader.read_one(QUERY)
        assert row is not None  # dbms.components() always lists the kernel
        return ServerRecord(version=row["version"], edition=row["edition"])
