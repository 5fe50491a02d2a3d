"""Conventions: filtered pages, the conventions of an organization or an event, their parties."""

from __future__ import annotations

import datetime as dt

from graphdir.db.reader import Reader
from graphdir.domain.common.paging import Page, PageRequest
from graphdir.domain.conventions.filters import ConventionCriteria
from graphdir.domain.conventions.records import ConventionRecord, PartyRecord
from graphdir.domain.conventions.repository import ConventionRepository
from graphdir.domain.territories.service import TerritoryService


class ConventionService:
    def __init__(self, reader: Reader) -> None:
        self.repository = ConventionRepository(reader)
        self.territories = TerritoryService(reader)

    async def by_ids(self, ids: list[str]) -> dict[str, ConventionRecord]:
        return await self.repository.by_ids(ids)

    async def criteria(self, *, party_id: str | None = None, territory_code: str | None = None,
                       territory_level: str | None = None, signed_from: dt.date | None = None,
                       signed_to: dt.date | None = None, in_force_on: dt.date | None = None) -> ConventionCriteria:
        """Criteria with the territory code resolved (InvalidArgument naming filter.territoryLevel when the level is
        needed)."""
        scope = None
        if territory_code is not None:
            scope = await self.territories.resolve_id(territory_code, territory_level, "filter.territoryLevel")
        return ConventionCriteria(party_id=party_id, territory_id=scope, signed_from=signed_from,
                                  signed_to=signed_to, in_force_on=in_force_on)

    async def page(self, criteria: ConventionCriteria, request: PageRequest) -> Page[ConventionRecord]:
        return await self.repository.page(criteria, request)

    async def count(self, criteria: ConventionCriteria) -> int:
        return await self.repository.count(criteria)

    async def of_organizations(self, organization_ids: list[str], request: PageRequest
                               ) -> dict[str, Page[ConventionRecord]]:
        return await self.repository.of_organizations(organization_ids, request)

    async def signed_during(self, event_ids: list[str]) -> dict[str, list[ConventionRecord]]:
        return await self.repository.signed_during(event_ids)

    async def parties(self, convention_ids: list[str]) -> dict[str, list[PartyRecord]]:
        return await self.repository.parties(convention_ids)
