"""Fixtures shared by the suite: the test Neo4j server, a driver, the ASGI app.

The suite runs against the `test` local instance (its own data folder and Bolt port), started by `make test`, or
against NEO4J_URI when GRAPHDIR_TEST_ALLOW_WIPE=1 says that server's data may be wiped.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from neo4j import AsyncDriver

from graphdir.app import create_app
from graphdir.config import Settings
from graphdir.db import schema
from graphdir.db.driver import connect
from graphdir.db.local import LocalInstance

os.environ.setdefault("GRAPHDIR_INSTANCE", "test")
# The checkout's local servers, wherever pytest is started from (graphdir's default is the current directory's).
os.environ.setdefault("GRAPHDIR_NEO4J_HOME", str(Path(__file__).resolve().parents[1] / ".neo4j"))


@pytest.fixture(scope="session")
def settings() -> Settings:
    if os.environ.get("NEO4J_URI") and os.environ.get("GRAPHDIR_TEST_ALLOW_WIPE") != "1":
        pytest.exit("NEO4J_URI is set: the suite wipes its database; set GRAPHDIR_TEST_ALLOW_WIPE=1 to allow it", 2)
    if os.environ["GRAPHDIR_INSTANCE"] == "run":
        pytest.exit("refusing to run the suite against the `run` instance that serves data", 2)
    if not os.environ.get("NEO4J_URI"):
        LocalInstance(os.environ["GRAPHDIR_INSTANCE"]).start()
    return Settings.from_env()


@pytest.fixture(scope="session")
async def driver(settings: Settings) -> AsyncIterator[AsyncDriver]:
    drv = await connect(settings)
    await schema.apply(drv, settings.neo4j_database)
    yield drv
    await drv.close()


@pytest.fixture
async def client(driver: AsyncDriver, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The application over the session database, its schema applied (as `graphdir serve` does before serving)."""
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://graphdir.test") as http:
            yield http


SEEDS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "seeds")
_seeded: dict[str, bool] = {}


@pytest.fixture
async def seeded(driver: AsyncDriver, settings: Settings) -> AsyncDriver:
    """The database holding every seed file (territories and the founding documents), loaded once per session.

    Tests must not wipe it: a test that writes uses ids of its own (prefix `test-`) and removes them itself.
    """
    if not _seeded.get("done"):
        from graphdir.loader import load_paths

        await load_paths(driver, settings.neo4j_database, [Path(SEEDS)])
        _seeded["done"] = True
    return driver
