"""Runs the conventions Cypher through a Reader."""

from __future__ import annotations

from graphdir.db.reader import Reader
from graphdir.domain.common.paging import Page, PageRequest, page_from_rows
from graphdir.domain.common.repository import batched_pages, each, fill, grouped, node, page_params
from graphdir.domain.conventions import cypher
from graphdir.domain.conventions.filters import ConventionCriteria, where
from graphdir.domain.conventions.records import ConventionRecord, PartyRecord


class ConventionRepository:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    async def by_ids(self, ids: list[str]) -> dict[str, ConventionRecord]:
        return await grouped(self.reader, cypher.BY_IDS, ids, "node", ConventionRecord.of)

    async def page(self, criteria: ConventionCriteria, request: PageRequest) -> Page[ConventionRecord]:
        match, skip = _generator(criteria)
        fragment, params = where(criteria, skip=skip)
        template = cypher.PAGE_BACKWARD if request.backward else cypher.PAGE
        query = fill(template, match=match, where=fragment)
        rows = await self.reader.read(query, {**params, **page_params(request)})
        return page_from_rows(rows, request, node(ConventionRecord.of))

    async def count(self, criteria: ConventionCriteria) -> int:
        match, skip = _generator(criteria)
        fragment, params = where(criteria, skip=skip)
        row = await self.reader.read_one(fill(cypher.COUNT, match=match, where=fragment), params)
        return int(row["total"]) if row else 0

    async def of_organizations(self, organization_ids: list[str], request: PageRequest
                               ) -> dict[str, Page[ConventionRecord]]:
        return await batched_pages(self.reader, cypher.OF_ORGANIZATIONS, organization_ids, request, {},
                                   node(ConventionRecord.of))

    async def signed_during(self, event_ids: list[str]) -> dict[str, list[ConventionRecord]]:
        return await grouped(self.reader, cypher.SIGNED_DURING, event_ids, "nodes", each(ConventionRecord.of))

    async def parties(self, convention_ids: list[str]) -> dict[str, list[PartyRecord]]:
        return await grouped(self.reader, cypher.PARTIES, convention_ids, "parties", each(PartyRecord.of))


def _generator(criteria: ConventionCriteria) -> tuple[str, frozenset[str]]:
    if criteria.territory_id is not None:
        return cypher.MATCH_IN_TERRITORY, frozenset({"territory"})
    return cypher.MATCH_ALL, frozenset()
