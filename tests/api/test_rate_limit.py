"""The rate limit per address: cost spent per minute, 429 with Retry-After past it, off by default."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace

import httpx
import pytest
from neo4j import AsyncDriver

from graphdir.api.rate_limit import RATE_LIMITED, CostRateLimit
from graphdir.app import create_app
from graphdir.config import ConfigError, Settings

QUERY = {"query": '{ territory(code: "03095") { name } }'}  # costs 2


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_bucket_holds_a_minute_of_cost_and_refills_continuously() -> None:
    clock = Clock()
    limit = CostRateLimit(60, clock)
    assert limit.charge("a", 50) == 0
    assert limit.charge("a", 20) == pytest.approx(10.0)  # 10 held, 10 more in 10 s
    assert limit.charge("b", 60) == 0  # another address has its own bucket
    clock.now += 10
    assert limit.charge("a", 20) == 0
    assert limit.charge("a", 1) == pytest.approx(1.0)


def test_a_query_costing_more_than_a_minute_passes_on_a_full_bucket_and_leaves_it_in_debt() -> None:
    clock = Clock()
    limit = CostRateLimit(60, clock)
    assert limit.charge("a", 120) == 0
    assert limit.charge("a", 1) == pytest.approx(61.0)
    clock.now += 120
    assert limit.charge("a", 120) == 0


@asynccontextmanager
async def served(settings: Settings, address: str = "127.0.0.1") -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=(address, 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://graphdir.test") as http:
            yield http


async def test_past_the_limit_an_address_gets_429_with_retry_after(seeded: AsyncDriver, settings: Settings) -> None:
    async with served(replace(settings, rate_limit=5)) as client:
        for _ in range(2):
            assert (await client.post("/graphql", json=QUERY)).status_code == 200
        refused = await client.post("/graphql", json=QUERY, headers={"accept": "application/json"})
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "12"  # 1 held, 1 more in 12 s at 5 a minute
        error = refused.json()["errors"][0]
        assert error["extensions"] == {"code": RATE_LIMITED, "retryAfter": 12}
        assert "5 per minute" in error["message"]


async def test_off_by_default(seeded: AsyncDriver, settings: Settings) -> None:
    assert settings.rate_limit == 0
    async with served(settings) as client:
        for _ in range(20):
            assert (await client.post("/graphql", json=QUERY)).status_code == 200


def test_the_limit_is_a_setting() -> None:
    base = {"NEO4J_URI": "bolt://localhost:7687", "NEO4J_PASSWORD": "x"}
    assert Settings.from_env({**base, "GRAPHDIR_RATE_LIMIT": "6000"}).rate_limit == 6000
    with pytest.raises(ConfigError, match="GRAPHDIR_RATE_LIMIT"):
        Settings.from_env({**base, "GRAPHDIR_RATE_LIMIT": "lots"})
