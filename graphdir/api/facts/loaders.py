"""Batched reads of sources, figures and statements (see graphdir.api.dataloaders)."""

from __future__ import annotations

from typing import Any

from graphdir.api.context import Context
from graphdir.api.dataloaders import Args, load
from graphdir.domain.facts.service import FactService

Row = dict[str, Any]


async def _sources(ctx: Context, args: Args, ids: list[str]) -> dict[str, Row]:
    return await FactService(ctx.reader).sources_by_ids(ids)


async def _citations(ctx: Context, args: Args, ids: list[str]) -> dict[str, list[Row]]:
    (label,) = args
    return await FactService(ctx.reader).citations(str(label), ids)


async def _figures_of(ctx: Context, args: Args, ids: list[str]) -> dict[str, list[Row]]:
    (label,) = args
    return await FactService(ctx.reader).figures_of(str(label), ids)


async def _figures(ctx: Context, args: Args, ids: list[str]) -> dict[str, Row]:
    return await FactService(ctx.reader).figures_by_ids(ids)


async def _statements_of(ctx: Context, args: Args, ids: list[str]) -> dict[str, list[Row]]:
    (kinds,) = args
    return await FactService(ctx.reader).statements_of(ids, list(kinds) if kinds else None)


async def _statements(ctx: Context, args: Args, ids: list[str]) -> dict[str, Row]:
    return await FactService(ctx.reader).statements_by_ids(ids)


async def source(ctx: Context, graph_id: str) -> Row | None:
    row: Row | None = await load(ctx, "source", _sources, graph_id)
    return row


async def citations(ctx: Context, label: str, graph_id: str) -> list[Row]:
    """Rows {source, excerpt} of the sources citing a node of that graph label."""
    rows: list[Row] = await load(ctx, "citations", _citations, graph_id, (label,), list)
    return rows


async def figures_of(ctx: Context, label: str, graph_id: str) -> list[Row]:
    rows: list[Row] = await load(ctx, "figures.of", _figures_of, graph_id, (label,), list)
    return rows


async def figure(ctx: Context, graph_id: str) -> Row | None:
    row: Row | None = await load(ctx, "figure", _figures, graph_id)
    return row


async def statements_of(ctx: Context, organization_id: str, kinds: tuple[str, ...] | None) -> list[Row]:
    rows: list[Row] = await load(ctx, "organization.statements", _statements_of, organization_id, (kinds,), list)
    return rows


async def statement(ctx: Context, graph_id: str) -> Row | None:
    row: Row | None = await load(ctx, "statement", _statements, graph_id)
    return row
