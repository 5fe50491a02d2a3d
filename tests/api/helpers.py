"""Helpers for the API tests: run a query on the schema with a fresh Context, write test data through the loader."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
from neo4j import AsyncDriver

from graphdir.api.context import Context
from graphdir.api.ids import encode
from graphdir.api.schema import schema
from graphdir.app import create_app
from graphdir.config import Settings
from graphdir.loader import load_paths


class Result:
    def __init__(self, data: dict[str, Any] | None, errors: list[Any], round_trips: int) -> None:
        self.data = data
        self.errors = errors
        self.round_trips = round_trips

    @property
    def ok(self) -> dict[str, Any]:
        assert not self.errors, [error.formatted for error in self.errors]
        assert self.data is not None
        return self.data

    def error(self) -> dict[str, Any]:
        """The only error, formatted."""
        assert len(self.errors) == 1, [error.formatted for error in self.errors]
        formatted: dict[str, Any] = self.errors[0].formatted
        return formatted


async def run(driver: AsyncDriver, settings: Settings, query: str, **variables: Any) -> Result:
    """Without a cost limit: tests/api/test_cost.py tests it; other tests may ask for more than a page would."""
    context = Context(driver, settings.neo4j_database, max_cost=0)
    result = await schema.execute(query, variable_values=variables or None, context_value=context)
    return Result(result.data, list(result.errors or []), context.reader.round_trips)


def gid(type_name: str, graph_id: str) -> str:
    return encode(type_name, graph_id)


async def load(driver: AsyncDriver, settings: Settings, folder: Path, name: str, sections: dict[str, Any]) -> None:
    """Write `sections` (seeds/FORMAT.md) through the loader, from a JSON file in `folder`."""
    path = folder / f"{name}.json"
    path.write_text(json.dumps(sections, ensure_ascii=False))
    await load_paths(driver, settings.neo4j_database, [path])


async def delete_prefixed(driver: AsyncDriver, settings: Settings, prefix: str) -> None:
    """Remove every node whose id starts with `prefix` (a `test-api-…` prefix: never seed data)."""
    assert prefix.startswith("test-api-")
    await driver.execute_query("MATCH (n) WHERE n.id STARTS WITH $prefix DETACH DELETE n", {"prefix": prefix},
                               database_=settings.neo4j_database)


def source(prefix: str) -> dict[str, Any]:
    return {"id": f"{prefix}src", "document": "test", "title": "Test source"}


def graph_id(global_id: str) -> str:
    from graphdir.api.ids import decode

    return decode(global_id, "id")[1]


@asynccontextmanager
async def app_client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an application made with these settings (the `client` fixture's, with some changed)."""
    app = create_app(settings)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                                                    base_url="http://graphdir.test") as http:
        yield http
