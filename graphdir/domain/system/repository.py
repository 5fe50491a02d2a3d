"""Reads what Neo4j says of itself."""

from __future__ import annotations

from graphdir.db.reader import Reader

SERVER_INFO = "CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS version, edition"


class SystemRepository:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    async def server_info(self) -> tuple[str, str]:
        """(version, edition): dbms.components() always lists the kernel."""
        row = await self.reader.read_one(SERVER_INFO)
        if row is None:
            raise RuntimeError("dbms.components() returned no row")
        return row["version"], row["edition"]
