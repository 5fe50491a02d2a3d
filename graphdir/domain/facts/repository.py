"""Runs the facts Cypher (sources, figures, statements) through a Reader."""

from __future__ import annotations

from typing import Any

from graphdir.db.reader import Reader
from graphdir.domain.common.repository import grouped
from graphdir.domain.facts import cypher

Row = dict[str, Any]
CITING_LABELS = frozenset(cypher.CITATIONS)


class FactRepository:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    async def sources_by_ids(self, ids: list[str]) -> dict[str, Row]:
        return await grouped(self.reader, cypher.SOURCES_BY_IDS, ids, "node")

    async def citations(self, label: str, ids: list[str]) -> dict[str, list[Row]]:
        return await grouped(self.reader, cypher.CITATIONS[label], ids, "citations")

    async def figures_of(self, label: str, ids: list[str]) -> dict[str, list[Row]]:
        query = cypher.FIGURES_OF_ORGANIZATIONS if label == "Organization" else cypher.FIGURES_OF_TERRITORIES
        return await grouped(self.reader, query, ids, "figures")

    async def figures_by_ids(self, ids: list[str]) -> dict[str, Row]:
        return await grouped(self.reader, cypher.FIGURES_BY_IDS, ids, "node")

    async def statements_of(self, ids: list[str], kinds: list[str] | None) -> dict[str, list[Row]]:
        return await grouped(self.reader, cypher.STATEMENTS_OF_ORGANIZATIONS, ids, "statements", {"kinds": kinds})

    async def statements_by_ids(self, ids: list[str]) -> dict[str, Row]:
        return await grouped(self.reader, cypher.STATEMENTS_BY_IDS, ids, "node")
