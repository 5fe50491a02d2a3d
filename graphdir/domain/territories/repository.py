"""Runs the territories Cypher through a Reader."""

from __future__ import annotations

import datetime as dt

from graphdir.db.reader import Reader
from graphdir.domain.common.paging import Page, PageRequest, page_from_rows
from graphdir.domain.common.repository import batched_pages, each, grouped, node, page_params
from graphdir.domain.territories import cypher
from graphdir.domain.territories.records import CoverageRecord, TerritoryRecord


class TerritoryRepository:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    async def by_ids(self, ids: list[str]) -> dict[str, TerritoryRecord]:
        return await grouped(self.reader, cypher.BY_IDS, ids, "node", TerritoryRecord.of)

    async def by_code(self, code: str, level: str | None) -> list[TerritoryRecord]:
        rows = await self.reader.read(cypher.BY_CODE, {"code": code, "level": level})
        return [TerritoryRecord.of(row["node"]) for row in rows]

    async def page(self, level: str | None, on: dt.date | None, request: PageRequest) -> Page[TerritoryRecord]:
        rows = await self.reader.read(cypher.PAGE, {"level": level, "on": on, **page_params(request)})
        return page_from_rows(rows, request, node(TerritoryRecord.of))

    async def count(self, level: str | None, on: dt.date | None) -> int:
        row = await self.reader.read_one(cypher.PAGE_COUNT, {"level": level, "on": on})
        return int(row["total"]) if row else 0

    async def children(self, ids: list[str], level: str | None, on: dt.date | None,
                       request: PageRequest) -> dict[str, Page[TerritoryRecord]]:
        return await batched_pages(self.reader, cypher.CHILDREN, ids, request, {"level": level, "on": on},
                                   node(TerritoryRecord.of))

    async def parents(self, ids: list[str], on: dt.date | None) -> dict[str, list[TerritoryRecord]]:
        return await grouped(self.reader, cypher.PARENTS, ids, "nodes", each(TerritoryRecord.of), {"on": on})

    async def successors(self, ids: list[str]) -> dict[str, list[TerritoryRecord]]:
        return await grouped(self.reader, cypher.SUCCESSORS, ids, "nodes", each(TerritoryRecord.of))

    async def predecessors(self, ids: list[str]) -> dict[str, list[TerritoryRecord]]:
        return await grouped(self.reader, cypher.PREDECESSORS, ids, "nodes", each(TerritoryRecord.of))

    async def covered_by(self, organization_ids: list[str], on: dt.date | None) -> dict[str, list[CoverageRecord]]:
        return await grouped(self.reader, cypher.COVERED_BY, organization_ids, "edges", each(CoverageRecord.of),
                             {"on": on})

    async def commune_of(self, label: str, ids: list[str]) -> dict[str, TerritoryRecord]:
        return await grouped(self.reader, cypher.COMMUNE_OF[label], ids, "node", TerritoryRecord.of)
