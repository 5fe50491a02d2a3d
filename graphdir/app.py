"""The Starlette application: /graphql, /healthz, /readyz, the exports under /export, the explorer at /, and the one
driver of the process."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from neo4j import AsyncDriver
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from graphdir import logs
from graphdir.api.auth import TokenBackend, refused
from graphdir.api.caching import ConditionalGet
from graphdir.api.disconnect import CancelOnDisconnect
from graphdir.api.exports.routes import export_routes
from graphdir.api.http import make_graphql_app
from graphdir.api.security_headers import SecurityHeaders
from graphdir.config import Settings
from graphdir.db import schema
from graphdir.db.driver import explain, open_driver
from graphdir.db.reader import Reader
from graphdir.web.pages import page_routes

log = logging.getLogger("graphdir.app")
# /readyz answers within a second either way (the driver's own retries would wait for 30 s).
READY_TIMEOUT_S = 0.9
# A wildcard listen address is not an address to open.
_ANY_HOST = {"0.0.0.0", "::", ""}


class SchemaMissing(RuntimeError):
    """Neo4j answers but lacks constraints or indexes of graphdir/db/constraints.cypher."""


def app_from_env() -> Starlette:
    """The application of one of `graphdir serve --workers N`'s processes, each with its own driver and logging."""
    settings = Settings.from_env()
    logs.configure(settings.log_level, settings.log_format, settings.workers)
    return create_app(settings)


def addresses(settings: Settings) -> str:
    host = "127.0.0.1" if settings.host in _ANY_HOST else settings.host
    base = f"http://{'[' + host + ']' if ':' in host else host}:{settings.port}"
    graphql = f"{base}/graphql" + (" (GraphiQL)" if settings.graphiql else "")
    return f"{graphql}, {base}/healthz, {base}/readyz"


def create_app(settings: Settings) -> Starlette:
    """The schema is not applied here: `graphdir serve` applies it once before its workers start."""
    driver: AsyncDriver = open_driver(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        log.info(f"ready: open {addresses(settings)}", extra={"neo4j": settings.neo4j_uri})
        try:
            yield
        finally:
            await driver.close()
            log.info("stopped")

    async def healthz(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> JSONResponse:
        try:
            async with asyncio.timeout(READY_TIMEOUT_S):
                # Through a Reader: its retries are immediate (a connection gone stale while Neo4j restarted is
                # replaced at once), where the driver's managed retries back off for seconds.
                await Reader(driver, settings.neo4j_database, READY_TIMEOUT_S).read("RETURN 1")
                if not await schema.is_applied(driver, settings.neo4j_database):
                    raise SchemaMissing("the schema is not applied (run `graphdir schema apply`)")
        except SchemaMissing as exc:
            return JSONResponse({"status": "unavailable", "cause": str(exc)}, status_code=503)
        except Exception as exc:
            return JSONResponse({"status": "unavailable", "cause": str(explain(settings, exc))}, status_code=503)
        return JSONResponse({"status": "ready", "neo4j": settings.neo4j_uri})

    graphql = make_graphql_app(lambda: driver, settings)
    return Starlette(
        routes=[
            Route("/healthz", healthz),
            Route("/readyz", readyz),
            Route("/graphql", CancelOnDisconnect(graphql), methods=["GET", "POST"]),
            *export_routes(lambda: driver, settings),
            *page_routes(settings),
        ],
        middleware=[Middleware(SecurityHeaders), Middleware(ConditionalGet), *cors(settings),
                    Middleware(AuthenticationMiddleware, backend=TokenBackend(driver, settings.neo4j_database,
                                                                              settings.request_timeout),
                               on_error=refused)],
        lifespan=lifespan,
    )


def cors(settings: Settings) -> list[Middleware]:
    """Starlette's CORS middleware for the configured origins (it answers preflights itself); none without."""
    if not settings.cors_origins:
        return []
    return [Middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
                       allow_headers=["Accept", "Content-Type", "Authorization"],
                       allow_credentials=settings.cors_credentials, max_age=600)]
