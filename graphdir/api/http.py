"""Strawberry served over HTTP, with a typed per-request context."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from neo4j import AsyncDriver
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from graphdir.api.context import Context
from graphdir.api.schema import schema as graphdir_schema
from graphdir.config import Settings


class GraphdirGraphQL(GraphQL[Context, None]):
    def __init__(self, driver: Callable[[], AsyncDriver], settings: Settings) -> None:
        super().__init__(graphdir_schema, graphql_ide="graphiql" if settings.graphiql else None)
        self._driver = driver
        self._database = settings.neo4j_database

    async def get_context(self, request: Request | WebSocket, response: Response | WebSocket | None) -> Context:
        return Context(driver=self._driver(), database=self._database, request=request, response=response)


def make_graphql_app(driver: Callable[[], AsyncDriver], settings: Settings) -> Any:
    return GraphdirGraphQL(driver, settings)
