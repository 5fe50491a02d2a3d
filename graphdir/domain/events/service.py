"""Events and how they relate."""

from __future__ import annotations

from typing import Any

from graphdir.db.reader import Reader
from graphdir.domain.common.paging import Page, PageRequest
from graphdir.domain.events.repository import LINKS, EventRepository
from graphdir.domain.organizations.repository import OrganizationRepository

Row = dict[str, Any]


class EventService:
    links = tuple(LINKS)

    def __init__(self, reader: Reader) -> None:
        self.repository = EventRepository(reader)
        self.organizations = OrganizationRepository(reader)

    async def by_ids(self, ids: list[str]) -> dict[str, Row]:
        return await self.repository.by_ids(ids)

    async def organised_by(self, organization_ids: list[str], request: PageRequest) -> dict[str, Page[Row]]:
        """A page per organization of the events it organised, latest first."""
        return await self.repository.organised_by(organization_ids, request)

    async def linked(self, link: str, ids: list[str]) -> dict[str, list[Row]]:
        """Events linked to each event: link is partOf, parts, follows or followedBy."""
        return await self.repository.linked(link, ids)

    async def of_conventions(self, convention_ids: list[str]) -> dict[str, Row]:
        return await self.repository.of_conventions(convention_ids)

    async def organisers(self, event_ids: list[str]) -> dict[str, list[Row]]:
        return await self.organizations.organisers_of(event_ids)
