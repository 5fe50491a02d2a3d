"""Batched reads of territories for the resolvers (see graphdir.api.dataloaders)."""

from __future__ import annotations

import datetime as dt

from graphdir.api.dataloaders import ListLoader, NodeLoader, OneLoader, PageLoader
from graphdir.api.relay import page_request
from graphdir.api.territories.enums import TerritoryLevel, level_value
from graphdir.domain.common.paging import Page, PageRequest
from graphdir.domain.territories.records import CoverageRecord, TerritoryRecord
from graphdir.domain.territories.service import TerritoryService

# The cursor ordering of lists of territories.
TERRITORY_ORDER = "territory:CODE"

ChildrenKey = tuple[str | None, dt.date | None, PageRequest]


class Territories(NodeLoader[TerritoryRecord]):
    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, TerritoryRecord]:
        return await TerritoryService(self.context.reader).by_ids(ids)


class Children(PageLoader[ChildrenKey, TerritoryRecord]):
    @staticmethod
    def key(level: TerritoryLevel | None = None, on: dt.date | None = None, first: int | None = None,
            after: str | None = None) -> ChildrenKey:
        return level_value(level), on, page_request(first, after, order=TERRITORY_ORDER, arity=2)

    async def fetch(self, args: ChildrenKey, ids: list[str]) -> dict[str, Page[TerritoryRecord]]:
        level, on, request = args
        return await TerritoryService(self.context.reader).children(ids, level, on, request)


class Parents(ListLoader[dt.date | None, TerritoryRecord]):
    @staticmethod
    def key(on: dt.date | None = None) -> dt.date | None:
        return on

    async def fetch(self, args: dt.date | None, ids: list[str]) -> dict[str, list[TerritoryRecord]]:
        return await TerritoryService(self.context.reader).parents(ids, args)


class Successors(ListLoader[tuple[()], TerritoryRecord]):
    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, list[TerritoryRecord]]:
        return await TerritoryService(self.context.reader).successors(ids)


class Predecessors(ListLoader[tuple[()], TerritoryRecord]):
    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, list[TerritoryRecord]]:
        return await TerritoryService(self.context.reader).predecessors(ids)


class CoveredBy(ListLoader[dt.date | None, CoverageRecord]):
    """Coverage rows {node, since, until} of organizations."""

    @staticmethod
    def key(on: dt.date | None = None) -> dt.date | None:
        return on

    async def fetch(self, args: dt.date | None, ids: list[str]) -> dict[str, list[CoverageRecord]]:
        return await TerritoryService(self.context.reader).covered_by(ids, args)


class CommuneOf(OneLoader[str, TerritoryRecord]):
    """The commune an Organization is located in, a Convention signed in, an Event held in (args: that label)."""

    @staticmethod
    def key(label: str) -> str:
        return label

    async def fetch(self, args: str, ids: list[str]) -> dict[str, TerritoryRecord]:
        return await TerritoryService(self.context.reader).commune_of(args, ids)
