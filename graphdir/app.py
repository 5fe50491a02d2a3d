"""The Starlette application: /graphql, /healthz, /readyz, and the one driver of the process."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from neo4j import AsyncDriver
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from graphdir.api.http import make_graphql_app
from graphdir.config import Settings
from graphdir.db import schema
from graphdir.db.driver import explain, open_driver

log = logging.getLogger("graphdir.app")
READY_TIMEOUT_S = 3.0


class AppState:
    """What the lifespan opens and the routes share."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.driver: AsyncDriver = open_driver(settings)
        self.schema_applied = False

    async def ensure_schema(self) -> None:
        if not self.schema_applied:
            report = await schema.apply(self.driver, self.settings.neo4j_database)
            self.schema_applied = True
            log.info("schema ready", extra={"detail": str(report)})


def app_from_env() -> Starlette:
    """The application of one of `graphdir serve --workers N`'s processes, each with its own driver."""
    return create_app(Settings.from_env())


def create_app(settings: Settings) -> Starlette:
    state = AppState(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            await state.ensure_schema()
        except Exception as exc:  # Neo4j may come up later: /readyz retries.
            log.warning("schema not applied at start", extra={"cause": str(explain(settings, exc))})
        log.info("graphdir ready", extra={"neo4j": settings.neo4j_uri, "database": settings.neo4j_database})
        try:
            yield
        finally:
            await state.driver.close()

    async def healthz(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> JSONResponse:
        try:
            async with asyncio.timeout(READY_TIMEOUT_S):
                await state.driver.execute_query("RETURN 1", database_=settings.neo4j_database, routing_="r")
                await state.ensure_schema()
        except Exception as exc:
            return JSONResponse({"status": "unavailable", "cause": str(explain(settings, exc))}, status_code=503)
        return JSONResponse({"status": "ready", "neo4j": settings.neo4j_uri})

    graphql = make_graphql_app(lambda: state.driver, settings)
    app = Starlette(
        routes=[
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/graphql", graphql, methods=["GET", "POST"]),
        ],
        lifespan=lifespan,
    )
    app.state.graphdir = state
    return app
