"""Runs the territories Cypher through a Reader."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graphdir.db.reader import Reader
from graphdir.domain.common.paging import Page, PageRequest, page_from_rows
from graphdir.domain.common.repository import batched_pages, grouped, page_params
from graphdir.domain.territories import cypher

Row = dict[str, Any]


class TerritoryRepository:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    async def by_ids(self, ids: list[str]) -> dict[str, Row]:
        return await grouped(self.reader, cypher.BY_IDS, ids, "node")

    async def by_code(self, code: str, level: str | None) -> list[Row]:
        rows = await self.reader.read(cypher.BY_CODE, {"code": code, "level": level})
        return [row["node"] for row in rows]

    async def page(self, level: str | None, on: dt.date | None, request: PageRequest) -> Page[Row]:
        rows = await self.reader.read(cypher.PAGE, {"level": level, "on": on, **page_params(request)})
        return page_from_rows(rows, request)

    async def count(self, level: str | None, on: dt.date | None) -> int:
        row = await self.reader.read_one(cypher.PAGE_COUNT, {"level": level, "on": on})
        return int(row["total"]) if row else 0

    async def children(self, ids: list[str], level: str | None, on: dt.date | None,
                       request: PageRequest) -> dict[str, Page[Row]]:
        pages = await batched_pages(self.reader, cypher.CHILDREN, ids, request, {"level": level, "on": on})
        for page in pages.values():
            page.rows = [edge["node"] for edge in page.rows]
        return pages

    async def parents(self, ids: list[str], on: dt.date | None) -> dict[str, list[Row]]:
        return await grouped(self.reader, cypher.PARENTS, ids, "nodes", {"on": on})

    async def successors(self, ids: list[str]) -> dict[str, list[Row]]:
        return await grouped(self.reader, cypher.SUCCESSORS, ids, "nodes")

    async def predecessors(self, ids: list[str]) -> dict[str, list[Row]]:
        return await grouped(self.reader, cypher.PREDECESSORS, ids, "nodes")

    async def covered_by(self, organization_ids: list[str], on: dt.date | None) -> dict[str, list[Row]]:
        return await grouped(self.reader, cypher.COVERED_BY, organization_ids, "edges", {"on": on})

    async def commune_of(self, label: str, ids: list[str]) -> dict[str, Row]:
        query = {
            "Organization": cypher.COMMUNE_OF_ORGANIZATIONS,
            "Convention": cypher.COMMUNE_OF_CONVENTIONS,
            "Event": cypher.COMMUNE_OF_EVENTS,
        }[label]
        return await grouped(self.reader, query, ids, "node")
