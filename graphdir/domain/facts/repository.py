"""Runs the facts Cypher (sources, figures, statements) through a Reader."""

from __future__ import annotations

from graphdir.db.reader import Reader
from graphdir.domain.common.repository import each, grouped
from graphdir.domain.facts import cypher
from graphdir.domain.facts.records import Citation, FigureRecord, SourceRecord, StatementRecord

CITING_LABELS = frozenset(cypher.CITATIONS)


class FactRepository:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    async def sources_by_ids(self, ids: list[str]) -> dict[str, SourceRecord]:
        return await grouped(self.reader, cypher.SOURCES_BY_IDS, ids, "node", SourceRecord.of)

    async def citations(self, label: str, ids: list[str]) -> dict[str, list[Citation]]:
        return await grouped(self.reader, cypher.CITATIONS[label], ids, "citations", each(Citation.of))

    async def figures_of(self, label: str, ids: list[str]) -> dict[str, list[FigureRecord]]:
        query = cypher.FIGURES_OF_ORGANIZATIONS if label == "Organization" else cypher.FIGURES_OF_TERRITORIES
        return await grouped(self.reader, query, ids, "figures", each(FigureRecord.of))

    async def figures_by_ids(self, ids: list[str]) -> dict[str, FigureRecord]:
        return await grouped(self.reader, cypher.FIGURES_BY_IDS, ids, "node", FigureRecord.of)

    async def statements_of(self, ids: list[str], kinds: list[str] | None) -> dict[str, list[StatementRecord]]:
        return await grouped(self.reader, cypher.STATEMENTS_OF_ORGANIZATIONS, ids, "statements",
                             each(StatementRecord.of), {"kinds": kinds})

    async def statements_by_ids(self, ids: list[str]) -> dict[str, StatementRecord]:
        return await grouped(self.reader, cypher.STATEMENTS_BY_IDS, ids, "node", StatementRecord.of)
