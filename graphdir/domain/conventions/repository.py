"""Runs the conventions Cypher through a Reader."""

from __future__ import annotations

from typing import Any

from graphdir.db.reader import Reader
from graphdir.domain.common.paging import Page, PageRequest, page_from_rows
from graphdir.domain.common.repository import batched_pages, fill, grouped, page_params
from graphdir.domain.conventions import cypher
from graphdir.domain.conventions.filters import ConventionCriteria, where

Row = dict[str, Any]


class ConventionRepository:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    async def by_ids(self, ids: list[str]) -> dict[str, Row]:
        return await grouped(self.reader, cypher.BY_IDS, ids, "node")

    async def page(self, criteria: ConventionCriteria, request: PageRequest) -> Page[Row]:
        match, skip = _generator(criteria)
        fragment, params = where(criteria, skip=skip)
        template = cypher.PAGE_BACKWARD if request.backward else cypher.PAGE
        query = fill(template, match=match, where=fragment)
        rows = await self.reader.read(query, {**params, **page_params(request)})
        return page_from_rows(rows, request)

    async def count(self, criteria: ConventionCriteria) -> int:
        match, skip = _generator(criteria)
        fragment, params = where(criteria, skip=skip)
        row = await self.reader.read_one(fill(cypher.COUNT, match=match, where=fragment), params)
        return int(row["total"]) if row else 0

    async def of_organizations(self, organization_ids: list[str], request: PageRequest) -> dict[str, Page[Row]]:
        pages = await batched_pages(self.reader, cypher.OF_ORGANIZATIONS, organization_ids, request, {})
        for page in pages.values():
            page.rows = [edge["node"] for edge in page.rows]
        return pages

    async def signed_during(self, event_ids: list[str]) -> dict[str, list[Row]]:
        return await grouped(self.reader, cypher.SIGNED_DURING, event_ids, "nodes")

    async def parties(self, convention_ids: list[str]) -> dict[str, list[Row]]:
        return await grouped(self.reader, cypher.PARTIES, convention_ids, "parties")


def _generator(criteria: ConventionCriteria) -> tuple[str, frozenset[str]]:
    if criteria.territory_id is not None:
        return cypher.MATCH_IN_TERRITORY, frozenset({"territory"})
    return cypher.MATCH_ALL, frozenset()
