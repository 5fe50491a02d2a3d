"""Runs the events Cypher through a Reader."""

from __future__ import annotations

from typing import Any

from graphdir.db.reader import Reader
from graphdir.domain.common.paging import Page, PageRequest
from graphdir.domain.common.repository import batched_pages, grouped
from graphdir.domain.events import cypher

Row = dict[str, Any]

LINKS = {"partOf": cypher.PART_OF, "parts": cypher.PARTS, "follows": cypher.FOLLOWS,
         "followedBy": cypher.FOLLOWED_BY}


class EventRepository:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    async def by_ids(self, ids: list[str]) -> dict[str, Row]:
        return await grouped(self.reader, cypher.BY_IDS, ids, "node")

    async def organised_by(self, organization_ids: list[str], request: PageRequest) -> dict[str, Page[Row]]:
        pages = await batched_pages(self.reader, cypher.ORGANISED_BY, organization_ids, request, {})
        for page in pages.values():
            page.rows = [edge["node"] for edge in page.rows]
        return pages

    async def linked(self, link: str, ids: list[str]) -> dict[str, list[Row]]:
        return await grouped(self.reader, LINKS[link], ids, "nodes")

    async def of_conventions(self, convention_ids: list[str]) -> dict[str, Row]:
        return await grouped(self.reader, cypher.OF_CONVENTIONS, convention_ids, "node")
