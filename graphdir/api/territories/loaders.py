"""Batched reads of territories for the resolvers (see graphdir.api.dataloaders)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graphdir.api.context import Context
from graphdir.api.dataloaders import Args, load
from graphdir.domain.common.paging import Page, PageRequest
from graphdir.domain.territories.service import TerritoryService

Row = dict[str, Any]


def _empty() -> Page[Any]:
    return Page(rows=[], keys=[], total=0)


async def _by_ids(ctx: Context, args: Args, ids: list[str]) -> dict[str, Row]:
    return await TerritoryService(ctx.reader).by_ids(ids)


async def _children(ctx: Context, args: Args, ids: list[str]) -> dict[str, Page[Row]]:
    level, on, request = args
    return await TerritoryService(ctx.reader).children(ids, level, on, request)


async def _parents(ctx: Context, args: Args, ids: list[str]) -> dict[str, list[Row]]:
    (on,) = args
    return await TerritoryService(ctx.reader).parents(ids, on)


async def _successors(ctx: Context, args: Args, ids: list[str]) -> dict[str, list[Row]]:
    return await TerritoryService(ctx.reader).successors(ids)


async def _predecessors(ctx: Context, args: Args, ids: list[str]) -> dict[str, list[Row]]:
    return await TerritoryService(ctx.reader).predecessors(ids)


async def _covered_by(ctx: Context, args: Args, ids: list[str]) -> dict[str, list[Row]]:
    (on,) = args
    return await TerritoryService(ctx.reader).covered_by(ids, on)


async def _commune_of(ctx: Context, args: Args, ids: list[str]) -> dict[str, Row]:
    (label,) = args
    return await TerritoryService(ctx.reader).commune_of(str(label), ids)


async def territory(ctx: Context, graph_id: str) -> Row | None:
    row: Row | None = await load(ctx, "territory", _by_ids, graph_id)
    return row


async def children(ctx: Context, graph_id: str, level: str | None, on: dt.date | None,
                   request: PageRequest) -> Page[Row]:
    page: Page[Row] = await load(ctx, "territory.children", _children, graph_id, (level, on, request), _empty)
    return page


async def parents(ctx: Context, graph_id: str, on: dt.date | None) -> list[Row]:
    rows: list[Row] = await load(ctx, "territory.parents", _parents, graph_id, (on,), list)
    return rows


async def successors(ctx: Context, graph_id: str) -> list[Row]:
    rows: list[Row] = await load(ctx, "territory.successors", _successors, graph_id, (), list)
    return rows


async def predecessors(ctx: Context, graph_id: str) -> list[Row]:
    rows: list[Row] = await load(ctx, "territory.predecessors", _predecessors, graph_id, (), list)
    return rows


async def covered_by(ctx: Context, organization_id: str, on: dt.date | None) -> list[Row]:
    """Coverage rows {node, since, until} of an organization."""
    rows: list[Row] = await load(ctx, "organization.territories", _covered_by, organization_id, (on,), list)
    return rows


async def commune_of(ctx: Context, label: str, graph_id: str) -> Row | None:
    """The commune an Organization is located in, a Convention signed in, an Event held in."""
    row: Row | None = await load(ctx, "commune", _commune_of, graph_id, (label,))
    return row
