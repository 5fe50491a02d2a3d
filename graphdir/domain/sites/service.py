"""Establishments: the sites of organizations, optionally only those inside a territory."""

from __future__ import annotations

from graphdir.db.reader import Reader
from graphdir.domain.sites.records import SiteRecord
from graphdir.domain.sites.repository import SiteRepository
from graphdir.domain.territories.service import TerritoryService


class SiteService:
    def __init__(self, reader: Reader) -> None:
        self.repository = SiteRepository(reader)
        self.territories = TerritoryService(reader)

    async def of_organizations(self, ids: list[str], territory_id: str | None, limit: int
                               ) -> dict[str, list[SiteRecord]]:
        """At most `limit` sites per organization, head office first; `territory_id`: only those inside it."""
        return await self.repository.of_organizations(ids, territory_id, limit)

    async def territory_id(self, code: str, level: str | None) -> str:
        """The graph id of a territory by code (InvalidArgument naming `territoryCode` or `level`)."""
        return await self.territories.resolve_id(code, level, "level")
