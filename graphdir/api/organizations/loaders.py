"""Batched reads of organizations for the resolvers (see graphdir.api.dataloaders)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graphdir.api.context import Context
from graphdir.api.dataloaders import Args, load
from graphdir.domain.common.paging import Page, PageRequest
from graphdir.domain.organizations.filters import OrganizationCriteria
from graphdir.domain.organizations.service import OrganizationService

Row = dict[str, Any]


def _empty() -> Page[Any]:
    return Page(rows=[], keys=[], total=0)


async def _by_ids(ctx: Context, args: Args, ids: list[str]) -> dict[str, Row]:
    return await OrganizationService(ctx.reader).by_ids(ids)


async def _members(ctx: Context, args: Args, ids: list[str]) -> dict[str, Page[Row]]:
    on, request = args
    return await OrganizationService(ctx.reader).members(ids, on, request)


async def _member_of(ctx: Context, args: Args, ids: list[str]) -> dict[str, Page[Row]]:
    on, request = args
    return await OrganizationService(ctx.reader).member_of(ids, on, request)


async def _partners(ctx: Context, args: Args, ids: list[str]) -> dict[str, Page[Row]]:
    on, kinds, direction, request = args
    return await OrganizationService(ctx.reader).partners(ids, on, list(kinds) if kinds else None, direction, request)


async def _in_territories(ctx: Context, args: Args, ids: list[str]) -> dict[str, Page[Row]]:
    criteria, order, request = args
    return await OrganizationService(ctx.reader).in_territories(ids, criteria, order, request)


async def _organisers(ctx: Context, args: Args, ids: list[str]) -> dict[str, list[Row]]:
    return await OrganizationService(ctx.reader).repository.organisers_of(ids)


async def organization(ctx: Context, graph_id: str) -> Row | None:
    row: Row | None = await load(ctx, "organization", _by_ids, graph_id)
    return row


async def members(ctx: Context, graph_id: str, on: dt.date | None, request: PageRequest) -> Page[Row]:
    page: Page[Row] = await load(ctx, "organization.members", _members, graph_id, (on, request), _empty)
    return page


async def member_of(ctx: Context, graph_id: str, on: dt.date | None, request: PageRequest) -> Page[Row]:
    page: Page[Row] = await load(ctx, "organization.memberOf", _member_of, graph_id, (on, request), _empty)
    return page


async def partners(ctx: Context, graph_id: str, on: dt.date | None, kinds: tuple[str, ...] | None,
                   direction: str | None, request: PageRequest) -> Page[Row]:
    page: Page[Row] = await load(ctx, "organization.partners", _partners, graph_id,
                                 (on, kinds, direction, request), _empty)
    return page


async def in_territory(ctx: Context, territory_id: str, criteria: OrganizationCriteria, order: str,
                       request: PageRequest) -> Page[Row]:
    page: Page[Row] = await load(ctx, "territory.organizations", _in_territories, territory_id,
                                 (criteria, order, request), _empty)
    return page


async def organisers(ctx: Context, event_id: str) -> list[Row]:
    rows: list[Row] = await load(ctx, "event.organisers", _organisers, event_id, (), list)
    return rows
