"""Helpers shared by the repositories: running a Cypher template with fixed fragments, batched pages."""

from __future__ import annotations

from typing import Any, LiteralString

from graphdir.db.reader import Reader
from graphdir.domain.common.paging import Page, PageRequest, page_from_rows


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
                        params: dict[str, Any]) -> dict[str, Page[Any]]:
    """One query for a page per parent: rows `{id, edges: [{..., key}], total}` -> Page of edge maps per id."""
    rows = await reader.read_batch(query, {"ids": ids, **page_params(request), **params}, ("id", "edges", "total"))
    pages: dict[str, Page[Any]] = {}
    for row in rows:
        pages[row["id"]] = page_from_rows(row["edges"], request, total=row["total"], node_field="")
    empty_total = 0
    for key in ids:
        pages.setdefault(key, Page(rows=[], keys=[], total=empty_total))
    return pages


async def grouped(reader: Reader, query: LiteralString, ids: list[str], field: str,
                  params: dict[str, Any] | None = None) -> dict[str, Any]:
    """One query for a value per id: rows `{id, <field>}` -> {id: value}."""
    rows = await reader.read_batch(query, {"ids": ids, **(params or {})}, ("id", field))
    return {row["id"]: row[field] for row in rows}
