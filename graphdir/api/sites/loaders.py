"""Batched reads of organizations' sites for the resolvers (see graphdir.api.dataloaders)."""

from __future__ import annotations

from graphdir.api.dataloaders import ListLoader
from graphdir.api.relay import page_size
from graphdir.api.territories.enums import TerritoryLevel, level_value
from graphdir.domain.sites.records import SiteRecord
from graphdir.domain.sites.service import SiteService

SitesKey = tuple[str | None, str | None, int]


class SitesOf(ListLoader[SitesKey, SiteRecord]):
    @staticmethod
    def key(territory_code: str | None = None, level: TerritoryLevel | None = None, first: int | None = None
            ) -> SitesKey:
        return territory_code, level_value(level), page_size(first)

    async def fetch(self, args: SitesKey, ids: list[str]) -> dict[str, list[SiteRecord]]:
        code, level, limit = args
        service = SiteService(self.context.reader)
        # The territory is resolved once per batch, whatever the number of organizations asking.
        territory = await service.territory_id(code, level) if code is not None else None
        return await service.of_organizations(ids, territory, limit)
