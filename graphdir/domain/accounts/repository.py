"""Runs the accounts Cypher: token reads through a Reader, token writes through a Writer."""

from __future__ import annotations

from neo4j import AsyncManagedTransaction

from graphdir.db.reader import Reader
from graphdir.db.writer import Writer, one
from graphdir.domain.accounts import cypher
from graphdir.domain.accounts.records import Principal, TokenRecord
from graphdir.domain.territories.cypher import ORGANIZATIONS_OUTSIDE, TERRITORIES_OUTSIDE


class AccountRepository:
    def __init__(self, reader: Reader, writer: Writer | None = None) -> None:
        self.reader = reader
        self.writer = writer

    async def by_hash(self, digest: str) -> Principal | None:
        row = await self.reader.read_one(cypher.BY_HASH, {"hash": digest})
        return Principal.of(row["token"]) if row else None

    async def all(self) -> list[TokenRecord]:
        return [TokenRecord.of(row["token"]) for row in await self.reader.read(cypher.ALL)]

    async def name_taken(self, name: str) -> bool:
        row = await self.reader.read_one(cypher.NAME_TAKEN, {"name": name})
        return bool(row and row["taken"])

    async def existing_territories(self, ids: list[str]) -> set[str]:
        row = await self.reader.read_one(cypher.EXISTING_TERRITORIES, {"ids": ids})
        return set(row["found"]) if row else set()

    async def create(self, token_id: str, name: str, role: str, territories: list[str], digest: str) -> TokenRecord:
        async def work(tx: AsyncManagedTransaction) -> TokenRecord:
            row = await one(tx, cypher.CREATE, {"id": token_id, "name": name, "role": role,
                                                "territories": territories, "hash": digest})
            assert row is not None
            return TokenRecord.of(row["token"])

        assert self.writer is not None
        return await self.writer.write(work)

    async def revoke(self, key: str) -> TokenRecord | None:
        async def work(tx: AsyncManagedTransaction) -> TokenRecord | None:
            row = await one(tx, cypher.REVOKE, {"key": key})
            return TokenRecord.of(row["token"]) if row else None

        assert self.writer is not None
        return await self.writer.write(work)

    async def outside(self, scope: tuple[str, ...], organizations: list[str], places: list[str]
                      ) -> tuple[list[str], list[str]]:
        """Of `organizations` and `places` (territory ids), those not inside any territory of `scope`."""
        orgs = await self.reader.read_one(ORGANIZATIONS_OUTSIDE, {"ids": organizations, "scope": list(scope)})
        terr = await self.reader.read_one(TERRITORIES_OUTSIDE, {"places": places, "scope": list(scope)})
        return (list(orgs["outside"]) if orgs else []), (list(terr["outside"]) if terr else [])
