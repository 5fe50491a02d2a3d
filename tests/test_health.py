"""/healthz says the process is alive; /readyz follows Neo4j without an API restart, and checks the schema."""

import asyncio
import os
import signal
import time

import httpx
import pytest
from neo4j import AsyncDriver

from graphdir.config import Settings
from graphdir.db import schema
from graphdir.db.local import LocalInstance
from graphdir.db.reader import CANCEL_GRACE_S, START_WHILE_UNAVAILABLE_S


async def until_ready(client: httpx.AsyncClient, within_s: float = 15.0) -> None:
    """Neo4j answers Bolt before its database is online: /readyz says 503 (each time within a second) until it is."""
    started = time.monotonic()
    while True:
        asked = time.monotonic()
        ready = await client.get("/readyz")
        assert time.monotonic() - asked < 1.0
        if ready.status_code == 200:
            return
        assert time.monotonic() - started < within_s, ready.text
        await asyncio.sleep(0.2)


async def test_healthz_and_readyz_when_neo4j_is_up(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).status_code == 200
    ready = await client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ready"


@pytest.mark.skipif(bool(os.environ.get("NEO4J_URI")), reason="needs the local test server, which it stops")
async def test_readyz_is_503_while_neo4j_is_down_and_200_once_back(client: httpx.AsyncClient) -> None:
    server = LocalInstance(os.environ.get("GRAPHDIR_INSTANCE", "test"))
    server.stop()
    try:
        down = await client.get("/readyz")
        assert down.status_code == 503
        assert "cannot use Neo4j at bolt://127.0.0.1" in down.json()["cause"]
        assert (await client.get("/healthz")).status_code == 200
    finally:
        server.start()
    await until_ready(client)


@pytest.mark.skipif(bool(os.environ.get("NEO4J_URI")), reason="needs the local test server, which it stops")
async def test_graphql_is_503_service_unavailable_while_neo4j_is_down_quickly_and_answers_once_back(
        client: httpx.AsyncClient, seeded: AsyncDriver) -> None:
    query = {"query": '{ territory(code: "03095") { name } }'}
    assert (await client.post("/graphql", json=query)).status_code == 200  # the pool holds live connections
    server = LocalInstance(os.environ.get("GRAPHDIR_INSTANCE", "test"))
    server.stop()
    try:
        for _ in range(2):  # the pool's connections broken, then none to be had
            started = time.monotonic()
            down = await client.post("/graphql", json=query, headers={"accept": "application/json"})
            assert time.monotonic() - started < 1.0
            assert down.status_code == 503, down.text
            assert down.headers["retry-after"] == "5"
            error = down.json()["errors"][0]
            assert error["extensions"] == {"code": "SERVICE_UNAVAILABLE"}
            assert error["message"] == "the database is unavailable"
            started = time.monotonic()
            assert (await client.get("/readyz")).status_code == 503
            assert time.monotonic() - started < 1.0
    finally:
        server.start()
    await until_ready(client)
    back = await client.post("/graphql", json=query)
    assert back.status_code == 200 and back.json()["data"] == {"territory": {"name": "Cusset"}}


async def test_readyz_is_503_while_the_schema_lacks_an_index_and_does_not_apply_it(
        client: httpx.AsyncClient, driver: AsyncDriver, settings: Settings) -> None:
    await driver.execute_query("DROP INDEX organization_kind IF EXISTS", database_=settings.neo4j_database)
    try:
        for _ in range(2):
            missing = await client.get("/readyz")
            assert missing.status_code == 503
            assert "graphdir schema apply" in missing.json()["cause"]
    finally:
        report = await schema.apply(driver, settings.neo4j_database)
    assert report.created == ["organization_kind"]
    assert (await client.get("/readyz")).status_code == 200


@pytest.mark.skipif(bool(os.environ.get("NEO4J_URI")), reason="needs the local test server, which it kills")
async def test_while_neo4j_restarts_after_a_kill_requests_answer_503_quickly_never_timeout(
        client: httpx.AsyncClient, seeded: AsyncDriver, settings: Settings) -> None:
    """A restarting Neo4j accepts Bolt connections before its database is online, and holds their statements until
    it is: a request sent then answers 503 within START_WHILE_UNAVAILABLE_S (and its retries), not TIMEOUT at the
    deadline; only a probe, one every PROBE_INTERVAL_S, may wait up to the deadline (and answers 503 too)."""
    query = {"query": '{ territory(code: "03095") { name } }'}
    server = LocalInstance(os.environ.get("GRAPHDIR_INSTANCE", "test"))
    pid = server.pid()
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    answers: list[tuple[int, str | None, float]] = []
    starting = asyncio.create_task(asyncio.to_thread(server.start))
    try:
        while not starting.done():
            asked = time.monotonic()
            answer = await client.post("/graphql", json=query, headers={"accept": "application/json"})
            errors = answer.json().get("errors") or [{}]
            answers.append((answer.status_code, (errors[0].get("extensions") or {}).get("code"),
                            time.monotonic() - asked))
            await asyncio.sleep(0.2)
    finally:
        await starting
    await until_ready(client)
    assert (await client.post("/graphql", json=query)).json()["data"] == {"territory": {"name": "Cusset"}}
    assert answers and all(status in (200, 503) for status, _, _ in answers), answers
    assert all(code != "TIMEOUT" for _, code, _ in answers), answers
    latencies = sorted(latency for _, _, latency in answers)
    assert latencies[-1] < settings.request_timeout + CANCEL_GRACE_S + 1.0, answers
    assert latencies[len(latencies) // 2] < START_WHILE_UNAVAILABLE_S + 2.0, answers
