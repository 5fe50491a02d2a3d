"""The bounded fuzz of the suite: EXAMPLES generated requests (tests/fuzz/generate.py, a fixed seed) against a real
`graphdir serve` on loopback over the seeded Neo4j; none may answer 5xx or INTERNAL_SERVER_ERROR. Hypothesis shrinks a
failure to a minimal request. Thousands: `python -m tests.fuzz` (tests/fuzz/__main__.py)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from neo4j import AsyncDriver

from graphdir.config import Settings
from tests.fuzz.generate import Request, any_requests
from tests.fuzz.verdict import judge
from tests.served import served

EXAMPLES = 200


@pytest.fixture(scope="module")
def fuzzed(settings: Settings) -> Iterator[httpx.Client]:
    with served(settings) as base, httpx.Client(base_url=base, timeout=30.0) as http:
        yield http


@settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(request=any_requests())
def test_no_generated_request_gets_a_server_error(seeded: AsyncDriver, fuzzed: httpx.Client,
                                                  request: Request) -> None:
    outcome = judge(fuzzed.post("/graphql", json=request.body(), headers={"accept": "application/json"}))
    assert outcome.failure is None, (outcome.failure, request)
