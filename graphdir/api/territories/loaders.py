"""Batched reads of territories for the resolvers (see graphdir.api.dataloaders)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graphdir.api.dataloaders import ListLoader, NodeLoader, OneLoader, PageLoader
from graphdir.api.relay import page_request
from graphdir.api.territories.enums import TerritoryLevel, level_value
from graphdir.domain.common.paging import Page, PageRequest
from graphdir.domain.territories.service import TerritoryService

Row = dict[str, Any]
# The cursor ordering of lists of territories.
TERRITORY_ORDER = "territory:CODE"

ChildrenKey = tuple[str | None, dt.date | None, PageRequest]


class Territories(NodeLoader[Row]):
    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, Row]:
        return await TerritoryService(self.context.reader).by_ids(ids)


class Children(PageLoader[ChildrenKey, Row]):
    @staticmethod
    def key(level: TerritoryLevel | None = None, on: dt.date | None = None, first: int | None = None,
            after: str | None = None) -> ChildrenKey:
        return level_value(level), on, page_request(first, after, order=TERRITORY_ORDER, arity=2)

    async def fetch(self, args: ChildrenKey, ids: list[str]) -> dict[str, Page[Row]]:
        level, on, request = args
        return await TerritoryService(self.context.reader).children(ids, level, on, request)


class Parents(ListLoader[dt.date | None, Row]):
    @staticmethod
    def key(on: dt.date | None = None) -> dt.date | None:
        return on

    async def fetch(self, args: dt.date | None, ids: list[str]) -> dict[str, list[Row]]:
        return await TerritoryService(self.context.reader).parents(ids, args)


class Successors(ListLoader[tuple[()], Row]):
    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, list[Row]]:
        return await TerritoryService(self.context.reader).successors(ids)


class Predecessors(ListLoader[tuple[()], Row]):
    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, list[Row]]:
        return await TerritoryService(self.context.reader).predecessors(ids)


class CoveredBy(ListLoader[dt.date | None, Row]):
    """Coverage rows {node, since, until} of organizations."""

    @staticmethod
    def key(on: dt.date | None = None) -> dt.date | None:
        return on

    async def fetch(self, args: dt.date | None, ids: list[str]) -> dict[str, list[Row]]:
        return await TerritoryService(self.context.reader).covered_by(ids, args)


class CommuneOf(OneLoader[str, Row]):
    """The commune an Organization is located in, a Convention signed in, an Event held in (args: that label)."""

    @staticmethod
    def key(label: str) -> str:
        return label

    async def fetch(self, args: str, ids: list[str]) -> dict[str, Row]:
        return await TerritoryService(self.context.reader).commune_of(args, ids)
