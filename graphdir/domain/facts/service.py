"""Sources, figures and statements."""

from __future__ import annotations

from typing import Any

from graphdir.db.reader import Reader
from graphdir.domain.facts.repository import CITING_LABELS, FactRepository

Row = dict[str, Any]


class FactService:
    """`label` arguments are graph labels: Organization, Person, Convention, Event, Statement, Figure, Territory."""

    citing_labels = CITING_LABELS

    def __init__(self, reader: Reader) -> None:
        self.repository = FactRepository(reader)

    async def sources_by_ids(self, ids: list[str]) -> dict[str, Row]:
        return await self.repository.sources_by_ids(ids)

    async def citations(self, label: str, ids: list[str]) -> dict[str, list[Row]]:
        """The sources citing each node of `ids` (rows {source, excerpt})."""
        return await self.repository.citations(label, ids)

    async def figures_of(self, label: str, ids: list[str]) -> dict[str, list[Row]]:
        """Figures published by organizations (label Organization) or about territories (label Territory)."""
        return await self.repository.figures_of(label, ids)

    async def figures_by_ids(self, ids: list[str]) -> dict[str, Row]:
        return await self.repository.figures_by_ids(ids)

    async def statements_of(self, ids: list[str], kinds: list[str] | None) -> dict[str, list[Row]]:
        return await self.repository.statements_of(ids, kinds)

    async def statements_by_ids(self, ids: list[str]) -> dict[str, Row]:
        return await self.repository.statements_by_ids(ids)
