"""Events and how they relate."""

from __future__ import annotations

from graphdir.db.reader import Reader
from graphdir.domain.common.paging import Page, PageRequest
from graphdir.domain.events.records import EventRecord
from graphdir.domain.events.repository import LINKS, EventRepository


class EventService:
    links = tuple(LINKS)

    def __init__(self, reader: Reader) -> None:
        self.repository = EventRepository(reader)

    async def by_ids(self, ids: list[str]) -> dict[str, EventRecord]:
        return await self.repository.by_ids(ids)

    async def organised_by(self, organization_ids: list[str], request: PageRequest) -> dict[str, Page[EventRecord]]:
        """A page per organization of the events it organised, latest first."""
        return await self.repository.organised_by(organization_ids, request)

    async def linked(self, link: str, ids: list[str]) -> dict[str, list[EventRecord]]:
        """Events linked to each event: link is partOf, parts, follows or followedBy."""
        return await self.repository.linked(link, ids)

    async def of_conventions(self, convention_ids: list[str]) -> dict[str, EventRecord]:
        return await self.repository.of_conventions(convention_ids)
