"""Batched reads of events (see graphdir.api.dataloaders)."""

from __future__ import annotations

from typing import Any

from graphdir.api.context import Context
from graphdir.api.dataloaders import Args, load
from graphdir.domain.common.paging import Page, PageRequest
from graphdir.domain.events.service import EventService

Row = dict[str, Any]


def _empty() -> Page[Any]:
    return Page(rows=[], keys=[], total=0)


async def _by_ids(ctx: Context, args: Args, ids: list[str]) -> dict[str, Row]:
    return await EventService(ctx.reader).by_ids(ids)


async def _organised_by(ctx: Context, args: Args, ids: list[str]) -> dict[str, Page[Row]]:
    (request,) = args
    return await EventService(ctx.reader).organised_by(ids, request)


async def _linked(ctx: Context, args: Args, ids: list[str]) -> dict[str, list[Row]]:
    (link,) = args
    return await EventService(ctx.reader).linked(str(link), ids)


async def _of_conventions(ctx: Context, args: Args, ids: list[str]) -> dict[str, Row]:
    return await EventService(ctx.reader).of_conventions(ids)


async def event(ctx: Context, graph_id: str) -> Row | None:
    row: Row | None = await load(ctx, "event", _by_ids, graph_id)
    return row


async def organised_by(ctx: Context, organization_id: str, request: PageRequest) -> Page[Row]:
    page: Page[Row] = await load(ctx, "organization.events", _organised_by, organization_id, (request,), _empty)
    return page


async def linked(ctx: Context, link: str, event_id: str) -> list[Row]:
    """Events linked to an event: partOf, parts, follows, followedBy."""
    rows: list[Row] = await load(ctx, "event.linked", _linked, event_id, (link,), list)
    return rows


async def of_convention(ctx: Context, convention_id: str) -> Row | None:
    row: Row | None = await load(ctx, "convention.event", _of_conventions, convention_id)
    return row
