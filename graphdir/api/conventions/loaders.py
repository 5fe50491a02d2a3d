"""Batched reads of conventions (see graphdir.api.dataloaders)."""

from __future__ import annotations

from typing import Any

from graphdir.api.context import Context
from graphdir.api.dataloaders import Args, load
from graphdir.domain.common.paging import Page, PageRequest
from graphdir.domain.conventions.service import ConventionService

Row = dict[str, Any]


def _empty() -> Page[Any]:
    return Page(rows=[], keys=[], total=0)


async def _by_ids(ctx: Context, args: Args, ids: list[str]) -> dict[str, Row]:
    return await ConventionService(ctx.reader).by_ids(ids)


async def _of_organizations(ctx: Context, args: Args, ids: list[str]) -> dict[str, Page[Row]]:
    (request,) = args
    return await ConventionService(ctx.reader).of_organizations(ids, request)


async def _signed_during(ctx: Context, args: Args, ids: list[str]) -> dict[str, list[Row]]:
    return await ConventionService(ctx.reader).signed_during(ids)


async def _parties(ctx: Context, args: Args, ids: list[str]) -> dict[str, list[Row]]:
    return await ConventionService(ctx.reader).parties(ids)


async def convention(ctx: Context, graph_id: str) -> Row | None:
    row: Row | None = await load(ctx, "convention", _by_ids, graph_id)
    return row


async def of_organization(ctx: Context, organization_id: str, request: PageRequest) -> Page[Row]:
    page: Page[Row] = await load(ctx, "organization.conventions", _of_organizations, organization_id, (request,),
                                 _empty)
    return page


async def signed_during(ctx: Context, event_id: str) -> list[Row]:
    rows: list[Row] = await load(ctx, "event.conventions", _signed_during, event_id, (), list)
    return rows


async def parties(ctx: Context, convention_id: str) -> list[Row]:
    rows: list[Row] = await load(ctx, "convention.parties", _parties, convention_id, (), list)
    return rows
