"""Batched reads of people, roles and talks (see graphdir.api.dataloaders)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from graphdir.api.context import Context
from graphdir.api.dataloaders import Args, load
from graphdir.domain.people.service import PersonService

Row = dict[str, Any]


async def _by_ids(ctx: Context, args: Args, ids: list[str]) -> dict[str, Row]:
    return await PersonService(ctx.reader).by_ids(ids)


async def _roles_in(ctx: Context, args: Args, ids: list[str]) -> dict[str, list[Row]]:
    (on,) = args
    return await PersonService(ctx.reader).roles_in(ids, on)


async def _roles_of(ctx: Context, args: Args, ids: list[str]) -> dict[str, list[Row]]:
    (on,) = args
    return await PersonService(ctx.reader).roles_of(ids, on)


async def _speakers_of(ctx: Context, args: Args, ids: list[str]) -> dict[str, list[Row]]:
    return await PersonService(ctx.reader).speakers_of(ids)


async def _talks_of(ctx: Context, args: Args, ids: list[str]) -> dict[str, list[Row]]:
    return await PersonService(ctx.reader).talks_of(ids)


async def person(ctx: Context, graph_id: str) -> Row | None:
    row: Row | None = await load(ctx, "person", _by_ids, graph_id)
    return row


async def roles_in(ctx: Context, organization_id: str, on: dt.date | None) -> list[Row]:
    rows: list[Row] = await load(ctx, "organization.people", _roles_in, organization_id, (on,), list)
    return rows


async def roles_of(ctx: Context, person_id: str, on: dt.date | None) -> list[Row]:
    rows: list[Row] = await load(ctx, "person.roles", _roles_of, person_id, (on,), list)
    return rows


async def speakers_of(ctx: Context, event_id: str) -> list[Row]:
    rows: list[Row] = await load(ctx, "event.speakers", _speakers_of, event_id, (), list)
    return rows


async def talks_of(ctx: Context, person_id: str) -> list[Row]:
    rows: list[Row] = await load(ctx, "person.talks", _talks_of, person_id, (), list)
    return rows
