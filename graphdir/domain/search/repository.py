"""Runs the search Cypher through the request's Reader."""

from __future__ import annotations

from typing import Any

from graphdir.db.reader import Reader
from graphdir.domain.search import cypher


class SearchRepository:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    async def candidates(self, query: str, labels: list[str] | None, pool: int, organization_kinds: list[str] | None,
                         families: list[str] | None) -> list[dict[str, Any]]:
        if labels is None and organization_kinds is None and families is None:
            row = await self.reader.read_one(cypher.SEARCH_ALL, {"query": query, "pool": pool})
        else:
            row = await self.reader.read_one(cypher.SEARCH_FILTERED, {
                "query": query, "labels": labels, "pool": pool, "organizationKinds": organization_kinds,
                "families": families})
        return list(row["candidates"]) if row else []
