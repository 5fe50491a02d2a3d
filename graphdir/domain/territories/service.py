"""Territories: finding one by code, the hierarchy as it stood on a day, and what "inside a territory" means.

Inclusion (organization and convention filters, Territory.organizations, partnersIn, territoryNetwork) is one rule,
written in territories/cypher.py (schema/MODEL.md, "Inside a territory"); `resolve_id` turns a (code, level) pair into
the graph id those queries take.
"""

from __future__ import annotations

import datetime as dt

from graphdir.db.reader import Reader
from graphdir.domain.common.errors import InvalidArgument
from graphdir.domain.common.paging import Page, PageRequest
from graphdir.domain.territories.records import CoverageRecord, TerritoryRecord
from graphdir.domain.territories.repository import TerritoryRepository
from graphdir.vocabulary import TerritoryLevel

# A code that matches nothing, for filters on a territory that does not exist.
NO_TERRITORY = "none:none"


class TerritoryService:
    def __init__(self, reader: Reader) -> None:
        self.repository = TerritoryRepository(reader)

    async def by_ids(self, ids: list[str]) -> dict[str, TerritoryRecord]:
        return await self.repository.by_ids(ids)

    async def by_code(self, code: str, level: str | None, level_argument: str = "level") -> TerritoryRecord | None:
        """The territory of that code (and level). InvalidArgument naming `level_argument` when several levels have
        the code and no level is given."""
        rows = await self.repository.by_code(code, level)
        if len(rows) > 1:
            levels = ", ".join(TerritoryLevel(row.level).name for row in rows)
            raise InvalidArgument(level_argument, f"code {code!r} exists at several levels ({levels}): give the level")
        return rows[0] if rows else None

    async def resolve_id(self, code: str, level: str | None, level_argument: str = "level") -> str:
        """The graph id of the territory of that code: no query when the level is given; NO_TERRITORY if none."""
        if level is not None:
            return TerritoryLevel(level).territory_id(code)
        found = await self.by_code(code, None, level_argument)
        return found.id if found else NO_TERRITORY

    async def page(self, level: str | None, parent_id: str | None, on: dt.date | None,
                   request: PageRequest) -> Page[TerritoryRecord]:
        if parent_id is not None:
            return (await self.repository.children([parent_id], level, on, request))[parent_id]
        return await self.repository.page(level, on, request)

    async def count(self, level: str | None, parent_id: str | None, on: dt.date | None) -> int:
        if parent_id is not None:
            page = await self.repository.children([parent_id], level, on, PageRequest(size=0))
            return page[parent_id].total or 0
        return await self.repository.count(level, on)

    async def children(self, ids: list[str], level: str | None, on: dt.date | None,
                       request: PageRequest) -> dict[str, Page[TerritoryRecord]]:
        return await self.repository.children(ids, level, on, request)

    async def parents(self, ids: list[str], on: dt.date | None) -> dict[str, list[TerritoryRecord]]:
        return await self.repository.parents(ids, on)

    async def successors(self, ids: list[str]) -> dict[str, list[TerritoryRecord]]:
        return await self.repository.successors(ids)

    async def predecessors(self, ids: list[str]) -> dict[str, list[TerritoryRecord]]:
        return await self.repository.predecessors(ids)

    async def covered_by(self, organization_ids: list[str], on: dt.date | None) -> dict[str, list[CoverageRecord]]:
        return await self.repository.covered_by(organization_ids, on)

    async def commune_of(self, label: str, ids: list[str]) -> dict[str, TerritoryRecord]:
        return await self.repository.commune_of(label, ids)
