"""Organizations: lookups, filtered pages, memberships and partnerships."""

from __future__ import annotations

import datetime as dt

from graphdir.db.reader import Reader
from graphdir.domain.common.paging import Page, PageRequest
from graphdir.domain.common.words import typed_words
from graphdir.domain.organizations.filters import OrganizationCriteria
from graphdir.domain.organizations.records import MembershipRecord, OrganizationRecord, PartnershipRecord
from graphdir.domain.organizations.repository import OrganizationRepository
from graphdir.domain.territories.service import TerritoryService


class OrganizationService:
    def __init__(self, reader: Reader) -> None:
        self.repository = OrganizationRepository(reader)
        self.territories = TerritoryService(reader)

    async def by_ids(self, ids: list[str]) -> dict[str, OrganizationRecord]:
        return await self.repository.by_ids(ids)

    async def by_siren(self, siren: str) -> OrganizationRecord | None:
        return await self.repository.by_siren(siren)

    async def by_slug(self, slug: str) -> OrganizationRecord | None:
        return await self.repository.by_slug(slug)

    async def criteria(self, *, kinds: list[str] | None = None, families: list[str] | None = None,
                       territory_code: str | None = None, territory_level: str | None = None,
                       member_of: str | None = None, transitive: bool = False, text: str | None = None,
                       on: dt.date | None = None, argument: str = "filter") -> OrganizationCriteria:
        """Criteria with the territory code resolved to its graph id (InvalidArgument naming
        `<argument>.territoryLevel` when the level is needed, `<argument>.text` when the text has too many words or
        too long a word)."""
        if text is not None:
            typed_words(text, f"{argument}.text")
        scope = None
        if territory_code is not None:
            scope = await self.territories.resolve_id(territory_code, territory_level, f"{argument}.territoryLevel")
        return OrganizationCriteria(
            kinds=tuple(kinds) if kinds is not None else None,
            families=tuple(families) if families is not None else None,
            territory_id=scope, member_of=member_of, transitive=transitive, text=text, on=on,
        )

    async def page(self, criteria: OrganizationCriteria, order: str, request: PageRequest) -> Page[OrganizationRecord]:
        return await self.repository.page(criteria, order, request)

    async def page_with_total(self, criteria: OrganizationCriteria, order: str, request: PageRequest
                              ) -> Page[OrganizationRecord] | None:
        return await self.repository.page_with_total(criteria, order, request)

    async def count(self, criteria: OrganizationCriteria) -> int:
        return await self.repository.count(criteria)

    async def in_territories(self, territory_ids: list[str], criteria: OrganizationCriteria, order: str,
                             request: PageRequest) -> dict[str, Page[OrganizationRecord]]:
        return await self.repository.in_territories(territory_ids, criteria, order, request)

    async def members(self, ids: list[str], on: dt.date | None, request: PageRequest
                      ) -> dict[str, Page[MembershipRecord]]:
        return await self.repository.members(ids, on, request)

    async def member_of(self, ids: list[str], on: dt.date | None, request: PageRequest
                        ) -> dict[str, Page[MembershipRecord]]:
        return await self.repository.member_of(ids, on, request)

    async def partners(self, ids: list[str], on: dt.date | None, kinds: list[str] | None, direction: str | None,
                       request: PageRequest) -> dict[str, Page[PartnershipRecord]]:
        return await self.repository.partners(ids, on, kinds, direction, request)

    async def organisers_of(self, event_ids: list[str]) -> dict[str, list[OrganizationRecord]]:
        return await self.repository.organisers_of(event_ids)
