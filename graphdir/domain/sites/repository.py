"""Runs the establishments' Cypher through the request's Reader."""

from __future__ import annotations

from graphdir.db.reader import Reader
from graphdir.domain.common.repository import each, grouped
from graphdir.domain.sites import cypher
from graphdir.domain.sites.records import SiteRecord


class SiteRepository:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    async def of_organizations(self, ids: list[str], territory_id: str | None, limit: int
                               ) -> dict[str, list[SiteRecord]]:
        return await grouped(self.reader, cypher.SITES_OF, ids, "sites", each(SiteRecord.of),
                             {"territory": territory_id, "limit": limit})
