"""Query.territory and Query.territories."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry.types import Info

from graphdir.api.connections import After, First
from graphdir.api.context import Context
from graphdir.api.relay import page_request
from graphdir.api.territories.enums import TerritoryLevel, level_value
from graphdir.api.territories.loaders import TERRITORY_ORDER
from graphdir.api.territories.types import Territory, TerritoryConnection, territory_edge
from graphdir.domain.territories.service import TerritoryService


@strawberry.type
class TerritoryQuery:
    @strawberry.field(description="The territory of that code (and level); null if none. A code several levels "
                      "share (\"01\": région Guadeloupe, département Ain) needs `level`.")
    async def territory(
        self, info: Info[Context, None],
        code: Annotated[str, strawberry.argument(description='Its code ("03095", "84", "200071363").')],
        level: Annotated[TerritoryLevel | None, strawberry.argument(description="Its level.")] = None,
    ) -> Territory | None:
        return Territory.maybe(await TerritoryService(info.context.reader).by_code(code, level_value(level)))

    @strawberry.field(description="Territories of a level, or the children of a parent territory, by code.")
    async def territories(
        self, info: Info[Context, None],
        level: Annotated[TerritoryLevel | None, strawberry.argument(description="Only this level.")] = None,
        parent_code: Annotated[str | None, strawberry.argument(
            description="Only the direct children of this territory, or with `level` every territory of that "
            "level inside it (on `on`, default today or its last day).")]
        = None,
        parent_level: Annotated[TerritoryLevel | None, strawberry.argument(
            description="The level of parentCode, needed when the code exists at several levels.")] = None,
        on: Annotated[dt.date | None, strawberry.argument(
            description="Only territories (or links to the parent) valid that day.")] = None,
        first: First = None, after: After = None,
    ) -> TerritoryConnection:
        ctx = info.context
        request = page_request(first, after, order=TERRITORY_ORDER, arity=2)
        service = TerritoryService(ctx.reader)
        parent_id = None
        if parent_code is not None:
            parent_id = await service.resolve_id(parent_code, level_value(parent_level), "parentLevel")
        page = await service.page(level_value(level), parent_id, on, request)

        async def count() -> int:
            return await service.count(level_value(level), parent_id, on)

        return TerritoryConnection.of(page, TERRITORY_ORDER, territory_edge, count)
