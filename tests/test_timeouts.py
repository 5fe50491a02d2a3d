"""A request's deadline stops its work: Neo4j cancels the statement, and the request answers TIMEOUT."""

from __future__ import annotations

import asyncio
import time

import pytest
from neo4j import AsyncDriver
from neo4j.exceptions import ClientError

from graphdir.api.context import Context
from graphdir.api.extensions import TIMEOUT
from graphdir.api.schema import schema
from graphdir.config import ConfigError, Settings
from graphdir.db.reader import DeadlineExceeded, Reader

# Billions of rows over the seeded territories: it would run for minutes.
SLOW = "MATCH (a:Territory), (b:Territory), (c:Territory) WHERE a.code < b.code RETURN count(*) AS n"


async def running(driver: AsyncDriver, settings: Settings) -> list[str]:
    records, _, _ = await driver.execute_query("SHOW TRANSACTIONS YIELD currentQuery RETURN currentQuery",
                                               database_=settings.neo4j_database)
    return [record["currentQuery"] for record in records if "(c:Territory)" in (record["currentQuery"] or "")]


async def test_a_slow_statement_is_cut_at_the_deadline_and_neo4j_no_longer_runs_it(
        seeded: AsyncDriver, settings: Settings) -> None:
    reader = Reader(seeded, settings.neo4j_database, timeout=1.0)
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded, match="longer than its 1 s") as raised:
        await reader.read(SLOW)
    assert time.monotonic() - started < 1.8
    # Neo4j itself stopped it (the transaction timeout sent with the statement), before the client gave up waiting.
    assert isinstance(raised.value.__cause__, ClientError), raised.value.__cause__
    for _ in range(20):
        if not await running(seeded, settings):
            break
        await asyncio.sleep(0.1)
    assert await running(seeded, settings) == []


async def test_a_request_past_its_deadline_answers_timeout(seeded: AsyncDriver, settings: Settings) -> None:
    context = Context(seeded, settings.neo4j_database, max_cost=0, timeout=0.001)
    await asyncio.sleep(0.01)
    result = await schema.execute('{ territory(code: "03095") { name } }', context_value=context)
    assert result.errors and len(result.errors) == 1
    error = result.errors[0].formatted
    assert error["extensions"] == {"code": TIMEOUT}
    assert error["path"] == ["territory"] and "longer than its 0.001 s" in error["message"]


async def test_within_its_deadline_a_request_answers(seeded: AsyncDriver, settings: Settings) -> None:
    context = Context(seeded, settings.neo4j_database, timeout=5.0)
    result = await schema.execute('{ territory(code: "03095") { name } }', context_value=context)
    assert not result.errors and result.data == {"territory": {"name": "Cusset"}}


def test_the_deadline_is_a_setting() -> None:
    base = {"NEO4J_URI": "bolt://localhost:7687", "NEO4J_PASSWORD": "x"}
    assert Settings.from_env(base).request_timeout == 10.0
    assert Settings.from_env({**base, "GRAPHDIR_REQUEST_TIMEOUT": "2.5"}).request_timeout == 2.5
    for bad in ("0", "-1", "ten", "7200"):
        with pytest.raises(ConfigError, match="GRAPHDIR_REQUEST_TIMEOUT"):
            Settings.from_env({**base, "GRAPHDIR_REQUEST_TIMEOUT": bad})


async def test_the_probe_cut_by_neo4j_while_the_database_is_unavailable_answers_unavailable(
        seeded: AsyncDriver, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """bench/fault.py's last TIMEOUT: while the process knows the database unavailable, the probe (the one statement
    allowed to wait its whole deadline) that Neo4j cuts at its transaction timeout means "still not serving", as the
    probe cut by graphdir's own wait does: 503, not TIMEOUT."""
    from graphdir.db import reader as reader_module
    from graphdir.db.driver import DatabaseUnavailable

    monkeypatch.setattr(reader_module.availability, "unavailable", True)
    monkeypatch.setattr(reader_module.availability, "last_probe", 0.0)
    reader = Reader(seeded, settings.neo4j_database, timeout=1.0)
    with pytest.raises(DatabaseUnavailable) as raised:
        await reader.read(SLOW)
    assert isinstance(raised.value.__cause__, ClientError), raised.value.__cause__
