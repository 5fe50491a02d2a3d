"""Batched reads of sources, figures and statements (see graphdir.api.dataloaders)."""

from __future__ import annotations

from typing import Any

from graphdir.api.common import graph_value
from graphdir.api.dataloaders import ListLoader, NodeLoader
from graphdir.api.facts.enums import StatementKind
from graphdir.domain.facts.service import FactService

Row = dict[str, Any]


class Sources(NodeLoader[Row]):
    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, Row]:
        return await FactService(self.context.reader).sources_by_ids(ids)


class Citations(ListLoader[str, Row]):
    """Rows {source, excerpt} of the sources citing nodes; args: their graph label."""

    @staticmethod
    def key(label: str) -> str:
        return label

    async def fetch(self, args: str, ids: list[str]) -> dict[str, list[Row]]:
        return await FactService(self.context.reader).citations(args, ids)


class FiguresOf(ListLoader[str, Row]):
    """Figures published by organizations or about territories; args: their graph label."""

    key = staticmethod(Citations.key)

    async def fetch(self, args: str, ids: list[str]) -> dict[str, list[Row]]:
        return await FactService(self.context.reader).figures_of(args, ids)


class Figures(NodeLoader[Row]):
    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, Row]:
        return await FactService(self.context.reader).figures_by_ids(ids)


class StatementsOf(ListLoader[tuple[str, ...] | None, Row]):
    """The statements of organizations, of some kinds or all."""

    @staticmethod
    def key(kinds: list[StatementKind] | None = None) -> tuple[str, ...] | None:
        return tuple(graph_value(kind) for kind in kinds) if kinds is not None else None

    async def fetch(self, args: tuple[str, ...] | None, ids: list[str]) -> dict[str, list[Row]]:
        return await FactService(self.context.reader).statements_of(ids, list(args) if args else None)


class Statements(NodeLoader[Row]):
    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, Row]:
        return await FactService(self.context.reader).statements_by_ids(ids)
