"""Batched reads of sources, figures and statements (see graphdir.api.dataloaders)."""

from __future__ import annotations

from graphdir.api.dataloaders import ListLoader, NodeLoader
from graphdir.api.facts.enums import StatementKind
from graphdir.domain.facts.records import Citation, FigureRecord, SourceRecord, StatementRecord
from graphdir.domain.facts.service import FactService


class Sources(NodeLoader[SourceRecord]):
    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, SourceRecord]:
        return await FactService(self.context.reader).sources_by_ids(ids)


class Citations(ListLoader[str, Citation]):
    """Citations {source, excerpt} of the sources citing nodes; args: their graph label."""

    @staticmethod
    def key(label: str) -> str:
        return label

    async def fetch(self, args: str, ids: list[str]) -> dict[str, list[Citation]]:
        return await FactService(self.context.reader).citations(args, ids)


class FiguresOf(ListLoader[str, FigureRecord]):
    """Figures published by organizations or about territories; args: their graph label."""

    key = staticmethod(Citations.key)

    async def fetch(self, args: str, ids: list[str]) -> dict[str, list[FigureRecord]]:
        return await FactService(self.context.reader).figures_of(args, ids)


class Figures(NodeLoader[FigureRecord]):
    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, FigureRecord]:
        return await FactService(self.context.reader).figures_by_ids(ids)


class StatementsOf(ListLoader[tuple[str, ...] | None, StatementRecord]):
    """The statements of organizations, of some kinds or all."""

    @staticmethod
    def key(kinds: list[StatementKind] | None = None) -> tuple[str, ...] | None:
        return tuple(kind.value for kind in kinds) if kinds is not None else None

    async def fetch(self, args: tuple[str, ...] | None, ids: list[str]) -> dict[str, list[StatementRecord]]:
        return await FactService(self.context.reader).statements_of(ids, list(args) if args else None)


class Statements(NodeLoader[StatementRecord]):
    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, StatementRecord]:
        return await FactService(self.context.reader).statements_by_ids(ids)
