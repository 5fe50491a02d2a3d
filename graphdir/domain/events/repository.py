"""Runs the events Cypher through a Reader."""

from __future__ import annotations

from graphdir.db.reader import Reader
from graphdir.domain.common.paging import Page, PageRequest
from graphdir.domain.common.repository import batched_pages, each, grouped, node
from graphdir.domain.events import cypher
from graphdir.domain.events.records import EventRecord

LINKS = {"partOf": cypher.PART_OF, "parts": cypher.PARTS, "follows": cypher.FOLLOWS,
         "followedBy": cypher.FOLLOWED_BY}


class EventRepository:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    async def by_ids(self, ids: list[str]) -> dict[str, EventRecord]:
        return await grouped(self.reader, cypher.BY_IDS, ids, "node", EventRecord.of)

    async def organised_by(self, organization_ids: list[str], request: PageRequest) -> dict[str, Page[EventRecord]]:
        return await batched_pages(self.reader, cypher.ORGANISED_BY, organization_ids, request, {},
                                   node(EventRecord.of))

    async def linked(self, link: str, ids: list[str]) -> dict[str, list[EventRecord]]:
        return await grouped(self.reader, LINKS[link], ids, "nodes", each(EventRecord.of))

    async def of_conventions(self, convention_ids: list[str]) -> dict[str, EventRecord]:
        return await grouped(self.reader, cypher.OF_CONVENTIONS, convention_ids, "node", EventRecord.of)
