"""Sources, figures and statements."""

from __future__ import annotations

from graphdir.db.reader import Reader
from graphdir.domain.facts.records import Citation, FigureRecord, SourceRecord, StatementRecord
from graphdir.domain.facts.repository import CITING_LABELS, FactRepository


class FactService:
    """`label` arguments are graph labels: Organization, Person, Convention, Event, Statement, Figure, Territory."""

    citing_labels = CITING_LABELS

    def __init__(self, reader: Reader) -> None:
        self.repository = FactRepository(reader)

    async def sources_by_ids(self, ids: list[str]) -> dict[str, SourceRecord]:
        return await self.repository.sources_by_ids(ids)

    async def citations(self, label: str, ids: list[str]) -> dict[str, list[Citation]]:
        """The sources citing each node of `ids`, each with its excerpt."""
        return await self.repository.citations(label, ids)

    async def figures_of(self, label: str, ids: list[str]) -> dict[str, list[FigureRecord]]:
        """Figures published by organizations (label Organization) or about territories (label Territory)."""
        return await self.repository.figures_of(label, ids)

    async def figures_by_ids(self, ids: list[str]) -> dict[str, FigureRecord]:
        return await self.repository.figures_by_ids(ids)

    async def statements_of(self, ids: list[str], kinds: list[str] | None) -> dict[str, list[StatementRecord]]:
        return await self.repository.statements_of(ids, kinds)

    async def statements_by_ids(self, ids: list[str]) -> dict[str, StatementRecord]:
        return await self.repository.statements_by_ids(ids)
