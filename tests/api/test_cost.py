"""The cost limit: computed from the selection before execution, refusing what would keep the server busy, passing
what the README and the benchmark ask."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest
from graphql import parse
from neo4j import AsyncDriver

from graphdir.api.context import Context
from graphdir.api.cost import TOO_COSTLY, query_cost
from graphdir.api.schema import schema
from graphdir.config import DEFAULT_MAX_COST, ConfigError, Settings
from tests.api.helpers import Result
from tests.api.test_readme_queries import readme_queries

QUESTIONS = sorted((Path(__file__).resolve().parents[2] / "bench" / "questions").rglob("*.graphql"))
# The query: every département with 100 communes and their parents, 30 times, each on a different date.
THIRTY_DATES = "{\n" + "\n".join(
    f'  d{year}: territories(level: DEPARTMENT, on: "{year}-01-01", first: 100) {{ edges {{ node {{ code name '
    f'children(level: COMMUNE, on: "{year}-01-01", first: 100) {{ edges {{ node {{ code name '
    f'parents(on: "{year}-01-01") {{ code name level }} }} }} }} }} }} }}'
    for year in range(1990, 2020)) + "\n}"


def cost(query: str, **variables: object) -> int:
    return query_cost(schema._schema, parse(query), None, variables)


async def run_limited(driver: AsyncDriver, settings: Settings, query: str, max_cost: int = DEFAULT_MAX_COST
                      ) -> tuple[Result, dict[str, object]]:
    context = Context(driver, settings.neo4j_database, max_cost=max_cost)
    result = await schema.execute(query, context_value=context)
    return Result(result.data, list(result.errors or []), context.reader.round_trips), dict(result.extensions or {})


def test_each_field_costs_one_and_a_page_multiplies_its_selection() -> None:
    assert cost("{ databaseServer { version edition } }") == 3
    assert cost("{ territories(first: 3) { totalCount edges { node { code name } } } }") == 1 + 3 * (1 + 1 + 1 + 2)
    assert cost("query($n: Int) { territories(first: $n) { edges { cursor } } }", n=7) == 1 + 7 * 2


def test_an_absent_or_null_first_counts_as_the_default_page_and_a_larger_one_as_the_cap() -> None:
    assert cost("{ territories { edges { cursor } } }") == 1 + 20 * 2
    assert cost("{ territories(first: null) { edges { cursor } } }") == 1 + 20 * 2
    assert cost("query($n: Int = 4) { territories(first: $n) { edges { cursor } } }") == 1 + 4 * 2
    assert cost("{ territories(first: 5000) { edges { cursor } } }") == 1 + 100 * 2


def test_a_territory_network_costs_its_limit_per_node_and_edge_as_a_network_does() -> None:
    network = '{ network(centerId: "x", limit: 50) { nodes { id } edges { id } } }'
    inside = '{ territoryNetwork(code: "83", limit: 50) { truncated nodes { id } edges { id } } }'
    assert cost(network) == 1 + (1 + 50 * 1) + (1 + 50 * 1) == cost(inside) - 1
    assert cost('{ territoryNetwork(code: "83") { nodes { id } } }') == 1 + (1 + 200 * 1)


def test_plain_lists_fragments_and_introspection() -> None:
    assert cost('{ territory(code: "03095") { parents { code } } }') == 1 + 1 + 5 * 1
    assert cost('{ organization(slug: "x") { sources { title } } }') == 1 + 1 + 10 * 1
    fragment = 'query { territory(code: "03095") { ...T } } fragment T on Territory { code name }'
    assert cost(fragment) == 1 + 2
    assert cost('{ nodes(ids: ["a", "b"]) { id ... on Territory { code } } }') == 1 + 2 * 2
    assert cost("{ __schema { types { name fields { name args { name } } } } }") == 1


def test_the_readme_queries_and_the_benchmark_questions_cost_a_tenth_of_the_limit_at_most() -> None:
    assert QUESTIONS
    costs = {" ".join(query.split())[:40]: cost(query) for query in readme_queries()}
    costs |= {path.name: cost(path.read_text(encoding="utf-8")) for path in QUESTIONS}
    assert max(costs.values()) <= DEFAULT_MAX_COST / 10, costs


@pytest.mark.parametrize("query", readme_queries(), ids=lambda q: " ".join(q.split())[:60])
async def test_the_readme_queries_answer_within_the_default_limit_and_report_their_cost(
        seeded: AsyncDriver, settings: Settings, query: str) -> None:
    result, extensions = await run_limited(seeded, settings, query)
    assert result.ok
    assert extensions["cost"] == cost(query)


async def test_the_thirty_dates_query_is_refused_before_any_neo4j_work(seeded: AsyncDriver,
                                                                       settings: Settings) -> None:
    assert cost(THIRTY_DATES) > 30 * DEFAULT_MAX_COST
    started = time.perf_counter()
    result, _ = await run_limited(seeded, settings, THIRTY_DATES)
    assert time.perf_counter() - started < 1.0
    assert result.round_trips == 0
    assert result.data is None
    error = result.error()
    assert error["extensions"] == {"code": TOO_COSTLY, "cost": cost(THIRTY_DATES), "limit": DEFAULT_MAX_COST}
    assert f"over the limit of {DEFAULT_MAX_COST}" in error["message"]


async def test_one_alias_of_it_is_refused_too_and_a_limit_of_zero_is_none(seeded: AsyncDriver,
                                                                          settings: Settings) -> None:
    one = "{" + THIRTY_DATES.splitlines()[1] + "}"
    refused, _ = await run_limited(seeded, settings, one)
    assert refused.error()["extensions"]["code"] == TOO_COSTLY
    small = '{ territory(code: "03095") { name } }'
    allowed, extensions = await run_limited(seeded, settings, small, max_cost=0)
    assert allowed.ok["territory"]["name"] and extensions["cost"] == 2


async def test_over_http_the_refusal_is_a_request_error_and_a_success_reports_its_cost(
        client: httpx.AsyncClient, seeded: AsyncDriver) -> None:
    refused = await client.post("/graphql", json={"query": THIRTY_DATES}, headers={"accept": "application/json"})
    assert refused.status_code == 200
    body = refused.json()
    assert body["errors"][0]["extensions"]["code"] == TOO_COSTLY and body.get("data") is None
    ok = await client.post("/graphql", json={"query": '{ territory(code: "03095") { name } }'})
    assert ok.status_code == 200 and ok.json()["extensions"] == {"cost": 2}


def test_the_limit_is_a_setting() -> None:
    base = {"NEO4J_URI": "bolt://localhost:7687", "NEO4J_PASSWORD": "x"}
    assert Settings.from_env(base).max_cost == DEFAULT_MAX_COST
    assert Settings.from_env({**base, "GRAPHDIR_MAX_COST": "0"}).max_cost == 0
    with pytest.raises(ConfigError, match="GRAPHDIR_MAX_COST"):
        Settings.from_env({**base, "GRAPHDIR_MAX_COST": "-3"})
