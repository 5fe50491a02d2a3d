"""Fixtures of the loader tests: a graph cleaned of test data before and after each test, snapshots, fixture files.

The session database may hold other data (the seeds, other tests' nodes): these tests never wipe it. What they write
uses ids starting with `test-loader-` and territory codes starting with `test-loader-` or `999` (no commune, EPCI
or pays of the COG has one), and `clean` removes exactly that.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from neo4j import AsyncDriver

from graphdir.config import Settings
from tests.loader.snapshot import Snapshot, snapshot

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"

CLEAN = """
MATCH (n)
WHERE n.id STARTS WITH 'test-loader-'
   OR (n:Territory AND (n.code STARTS WITH 'test-loader-' OR n.code STARTS WITH '999'))
   OR (n:Change AND any(i IN n.objectIds WHERE i CONTAINS 'test-loader-' OR i =~ '[a-z]+:999.*'))
DETACH DELETE n
"""


@dataclass
class Graph:
    driver: AsyncDriver
    database: str
    settings: Settings

    async def clean(self) -> None:
        await self.driver.execute_query(CLEAN, database_=self.database)

    async def snapshot(self) -> Snapshot:
        return await snapshot(self.driver, self.database)

    async def query(self, cypher: str, **params: object) -> list[dict[str, object]]:
        records, _, _ = await self.driver.execute_query(cypher, params, database_=self.database, routing_="r")
        return [record.data() for record in records]


@pytest.fixture
async def graph(driver: AsyncDriver, settings: Settings) -> AsyncIterator[Graph]:
    g = Graph(driver, settings.neo4j_database, settings)
    await g.clean()
    yield g
    await g.clean()


@pytest.fixture
def valid_copy(tmp_path: Path) -> Path:
    """A copy of fixtures/valid that a test may edit."""
    target = tmp_path / "valid"
    shutil.copytree(VALID, target)
    return target
