"""Helpers shared by the repositories: running a Cypher template with fixed fragments, batched reads made records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, LiteralString, TypeVar

from graphdir.db.reader import Reader
from graphdir.domain.common.paging import Page, PageRequest, page_from_rows

T = TypeVar("T")
Row = dict[str, Any]


def fill(template: str, **fragments: str) -> LiteralString:
    """`template` with each `{name}` replaced by a fragment. Fragments are constants of the cypher modules, never
    values: values are parameters."""
    text = template
    for name, fragment in fragments.items():
        text = text.replace("{" + name + "}", fragment)
    return text  # fragments are constants: see the docstring


def page_params(request: PageRequest) -> dict[str, Any]:
    """$after / $before and $limit (one more than the page, to know whether more rows follow)."""
    return {
        "after": None if request.backward or request.key is None else list(request.key),
        "before": list(request.key) if request.backward and request.key is not None else None,
        "limit": request.size + 1,
    }


async def batched_pages(reader: Reader, query: LiteralString, ids: list[str], request: PageRequest,
                        params: dict[str, Any], build: Callable[[Row], T]) -> dict[str, Page[T]]:
    """One query for a page per parent: rows `{id, edges: [{..., key}], total}` -> a Page of `build(edge)` per id."""
    rows = await reader.read_batch(query, {"ids": ids, **page_params(request), **params}, ("id", "edges", "total"))
    pages: dict[str, Page[T]] = {}
    for row in rows:
        pages[row["id"]] = page_from_rows(row["edges"], request, build, total=row["total"])
    for key in ids:
        pages.setdefault(key, Page(rows=[], keys=[], total=0))
    return pages


async def grouped(reader: Reader, query: LiteralString, ids: list[str], field: str, build: Callable[[Any], T],
                  params: dict[str, Any] | None = None) -> dict[str, T]:
    """One query for a value per id: rows `{id, <field>}` -> {id: build(value)}."""
    rows = await reader.read_batch(query, {"ids": ids, **(params or {})}, ("id", field))
    return {row["id"]: build(row[field]) for row in rows}


def node(build: Callable[[Row], T]) -> Callable[[Row], T]:
    """`build` over the `node` of a row (page rows `{node, key}`)."""

    def build_node(row: Row) -> T:
        return build(row["node"])

    return build_node


def each(build: Callable[[Row], T]) -> Callable[[list[Row]], list[T]]:
    """`build` over a list of maps (for `grouped` values that are lists)."""

    def build_all(rows: list[Row]) -> list[T]:
        return [build(row) for row in rows]

    return build_all
