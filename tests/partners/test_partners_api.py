"""partnersNear, partnersIn and suggestedPartners through GraphQL, on the seeds plus a few TEST organizations."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from neo4j import AsyncDriver

from graphdir.api.context import Context
from graphdir.api.ids import encode
from graphdir.api.schema import schema
from graphdir.config import Settings
from graphdir.loader import load_paths

FIXTURE = Path(__file__).parent / "fixtures" / "nearby.yaml"


@pytest.fixture(scope="module")
async def nearby(driver: AsyncDriver, settings: Settings) -> AsyncIterator[AsyncDriver]:
    from tests.conftest import SEEDS, _seeded

    if not _seeded.get("done"):
        await load_paths(driver, settings.neo4j_database, [Path(SEEDS)])
        _seeded["done"] = True
    await load_paths(driver, settings.neo4j_database, [FIXTURE])
    yield driver
    await driver.execute_query("MATCH (n) WHERE n.id STARTS WITH 'test-partners-' DETACH DELETE n",
                               database_=settings.neo4j_database)


async def run(driver: AsyncDriver, settings: Settings, query: str, **variables: Any) -> tuple[dict[str, Any], Context]:
    context = Context(driver=driver, database=settings.neo4j_database)
    result = await schema.execute(query, variable_values=variables, context_value=context)
    body: dict[str, Any] = {"data": result.data}
    if result.errors:
        body["errors"] = [{"message": e.message, "extensions": e.extensions} for e in result.errors]
    return body, context


NEAR = """
query($near: NearInput!, $radius: Float!, $filter: OrganizationFilter, $first: Int = 20, $after: String) {
  partnersNear(near: $near, radiusKm: $radius, filter: $filter, first: $first, after: $after) {
    totalCount
    originCommuneCode
    pageInfo { hasNextPage endCursor }
    edges { cursor distanceKm approximate sharedTerritories { code level } node { name family } }
  }
}"""


def names_of(edges: list[dict[str, Any]]) -> list[str]:
    return [e["node"]["name"] for e in edges if e["node"]["name"].startswith("Test ")]


async def test_near_a_commune_nearest_first_with_shared_territories(nearby: AsyncDriver, settings: Settings) -> None:
    body, context = await run(nearby, settings, NEAR, near={"communeCode": "03095"}, radius=20.0)
    assert "errors" not in body, body
    result = body["data"]["partnersNear"]
    names = names_of(result["edges"])
    assert names == ["Test Association de Cusset", "Test Coopérative de Vichy", "Test Mutuelle de Bellerive"]
    distances = [e["distanceKm"] for e in result["edges"]]
    assert distances == sorted(distances) and distances[-1] <= 20.0
    by_name = {e["node"]["name"]: e for e in result["edges"]}
    vichy = by_name["Test Coopérative de Vichy"]
    assert 2.0 < vichy["distanceKm"] < 3.0
    shared = {(t["level"], t["code"]) for t in vichy["sharedTerritories"]}
    assert {("DEPARTMENT", "03"), ("REGION", "84")} <= shared
    assert ("COMMUNE", "03095") not in shared
    assert any(level == "EPCI" for level, _ in shared)
    cusset = by_name["Test Association de Cusset"]
    assert ("COMMUNE", "03095") in {(t["level"], t["code"]) for t in cusset["sharedTerritories"]}
    assert by_name["Test Mutuelle de Bellerive"]["approximate"] is True
    assert vichy["approximate"] is False
    assert result["originCommuneCode"] == "03095"
    assert result["totalCount"] == len(result["edges"])
    # One query for the origin, one for the page with its organizations and total.
    assert context.reader.round_trips == 2


async def test_radius_and_filter(nearby: AsyncDriver, settings: Settings) -> None:
    body, _ = await run(nearby, settings, NEAR, near={"communeCode": "03095"}, radius=60.0,
                        filter={"families": ["COOPERATIVE"]})
    names = names_of(body["data"]["partnersNear"]["edges"])
    assert names == ["Test Coopérative de Vichy", "Test Coopérative de Clermont",
                     "Test Fédération des coopératives de l'Allier"]
    assert body["data"]["partnersNear"]["totalCount"] == 3  # the filter applies to the count too


async def test_near_a_point_and_an_organization(nearby: AsyncDriver, settings: Settings) -> None:
    body, _ = await run(nearby, settings, NEAR, near={"point": {"latitude": 48.86, "longitude": 2.35}}, radius=5.0)
    assert names_of(body["data"]["partnersNear"]["edges"]) == ["Test Association de Paris"]
    assert body["data"]["partnersNear"]["originCommuneCode"] == "75056"
    origin = encode("Organization", "test-partners-coop-vichy")
    body, _ = await run(nearby, settings, NEAR, near={"organizationId": origin}, radius=20.0)
    names = names_of(body["data"]["partnersNear"]["edges"])
    # From Vichy, Bellerive's centre (2.1 km) is nearer than Cusset (2.5 km); the origin itself is left out.
    assert names[:2] == ["Test Mutuelle de Bellerive", "Test Association de Cusset"]
    assert "Test Coopérative de Vichy" not in names
    # The origin is left out of the count as well.
    assert body["data"]["partnersNear"]["totalCount"] == len(names)


async def test_pages_follow_each_other(nearby: AsyncDriver, settings: Settings) -> None:
    seen: list[str] = []
    after = None
    for _ in range(10):
        body, _ = await run(nearby, settings, NEAR, near={"communeCode": "03095"}, radius=200.0, first=2, after=after)
        page = body["data"]["partnersNear"]
        seen += [e["node"]["name"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen))
    assert names_of([{"node": {"name": n}} for n in seen]) == [
        "Test Association de Cusset", "Test Coopérative de Vichy", "Test Mutuelle de Bellerive",
        "Test Coopérative de Clermont", "Test Fédération des coopératives de l'Allier"]


@pytest.mark.parametrize(
    ("variables", "argument"),
    [
        ({"near": {}, "radius": 10.0}, "near"),
        ({"near": {"communeCode": "03095", "point": {"latitude": 46.0, "longitude": 3.0}}, "radius": 10.0}, "near"),
        ({"near": {"communeCode": "99999"}, "radius": 10.0}, "near.communeCode"),
        ({"near": {"organizationId": encode("Organization", "nobody")}, "radius": 10.0}, "near.organizationId"),
        ({"near": {"organizationId": "not-an-id"}, "radius": 10.0}, "near.organizationId"),
        ({"near": {"communeCode": "03095"}, "radius": 0.0}, "radiusKm"),
        ({"near": {"communeCode": "03095"}, "radius": -5.0}, "radiusKm"),
        ({"near": {"communeCode": "03095"}, "radius": 200.5}, "radiusKm"),
        ({"near": {"point": {"latitude": 91.0, "longitude": 3.0}}, "radius": 10.0}, "near.point.latitude"),
        ({"near": {"point": {"latitude": 46.0, "longitude": -181.0}}, "radius": 10.0}, "near.point.longitude"),
        ({"near": {"communeCode": "03095"}, "radius": 10.0, "first": 101}, "first"),
        ({"near": {"communeCode": "03095"}, "radius": 10.0, "first": -1}, "first"),
        ({"near": {"communeCode": "03095"}, "radius": 10.0, "after": "garbage"}, "after"),
        # A cursor of another list (organizations by name) is not one of partnersNear.
        ({"near": {"communeCode": "03095"}, "radius": 10.0, "after": "WyJvcmc6TkFNRSIsImNyZXMiLCJjcmVzIl0"}, "after"),
    ],
)
async def test_bad_input_names_the_argument(nearby: AsyncDriver, settings: Settings, variables: dict[str, Any],
                                            argument: str) -> None:
    body, _ = await run(nearby, settings, NEAR, **variables)
    assert body["data"] is None
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["argument"] == argument


async def test_first_null_is_the_default_page(nearby: AsyncDriver, settings: Settings) -> None:
    body, _ = await run(nearby, settings, NEAR, near={"communeCode": "03095"}, radius=200.0, first=None)
    page = body["data"]["partnersNear"]
    # Fewer than the default 20 are located on the seeds: one page holds them all.
    assert "errors" not in body and 0 < len(page["edges"]) == page["totalCount"] < 20
    assert not page["pageInfo"]["hasNextPage"]


async def test_a_partners_near_cursor_is_refused_by_partners_in(nearby: AsyncDriver, settings: Settings) -> None:
    body, _ = await run(nearby, settings, NEAR, near={"communeCode": "03095"}, radius=200.0, first=1)
    cursor = body["data"]["partnersNear"]["pageInfo"]["endCursor"]
    body, _ = await run(nearby, settings, IN, code="03", level="DEPARTMENT", after=cursor)
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "after"}


async def test_a_latitude_that_is_not_a_number_is_bad_user_input(nearby: AsyncDriver, settings: Settings) -> None:
    body, _ = await run(nearby, settings, NEAR, near={"point": {"latitude": "north", "longitude": 3.0}}, radius=10.0)
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "latitude" in error["message"]


IN = """
query($code: String!, $level: TerritoryLevel, $after: String) {
  partnersIn(territoryCode: $code, level: $level, first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id } }
  }
}"""


async def all_in(driver: AsyncDriver, settings: Settings, code: str, level: str) -> set[str]:
    ids: list[str] = []
    after = None
    while True:
        body, _ = await run(driver, settings, IN, code=code, level=level, after=after)
        assert "errors" not in body, body
        page = body["data"]["partnersIn"]
        ids += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return set(ids)
        after = page["pageInfo"]["endCursor"]


async def test_partners_in_a_region_is_the_union_over_its_departements(nearby: AsyncDriver,
                                                                       settings: Settings) -> None:
    region = await all_in(nearby, settings, "84", "REGION")
    records, _, _ = await nearby.execute_query(
        "MATCH (d:Departement)-[r:PART_OF]->(:Region {code: '84'}) WHERE r.untilTo IS NULL RETURN d.code AS code",
        database_=settings.neo4j_database)
    departements = await asyncio.gather(*(all_in(nearby, settings, r["code"], "DEPARTMENT") for r in records))
    union = set().union(*departements)
    assert len(records) == 12
    assert {encode("Organization", "test-partners-coop-vichy"),
            encode("Organization", "test-partners-coop-clermont")} <= region
    # Organizations covering the whole région (not located in one département) are only in the région's list.
    covering, _, _ = await nearby.execute_query(
        "MATCH (o:Organization)-[:COVERS]->(:Region {code: '84'}) RETURN o.id AS id", database_=settings.neo4j_database)
    region_wide = {encode("Organization", r["id"]) for r in covering}
    assert region - region_wide == union - region_wide
    assert union <= region


async def test_partners_in_unknown_territory(nearby: AsyncDriver, settings: Settings) -> None:
    body, _ = await run(nearby, settings, IN, code="00", level="REGION")
    assert body["errors"][0]["extensions"]["argument"] == "territoryCode"


SUGGEST = """
query($id: ID!, $radius: Float = 30) {
  suggestedPartners(organizationId: $id, radiusKm: $radius, first: 5) {
    score distanceKm reasons organization { name }
  }
}"""


async def test_suggestions_rank_shared_networks_and_complementary_families(nearby: AsyncDriver,
                                                                           settings: Settings) -> None:
    body, _ = await run(nearby, settings, SUGGEST, id=encode("Organization", "test-partners-coop-vichy"))
    assert "errors" not in body, body
    suggestions = body["data"]["suggestedPartners"]
    first = suggestions[0]
    assert first["organization"]["name"] == "Test Association de Cusset"
    assert any("same network" in r and "Allier" in r for r in first["reasons"])
    assert any("complementary family" in r for r in first["reasons"])
    scores = [s["score"] for s in suggestions]
    assert scores == sorted(scores, reverse=True)
    body, _ = await run(nearby, settings, SUGGEST, id=encode("Organization", "test-partners-coop-vichy"), radius=0)
    assert body["errors"][0]["extensions"]["argument"] == "radiusKm"


SUGGEST_FIRST = """
query($id: ID!, $first: Int) {
  suggestedPartners(organizationId: $id, first: $first) { organization { name } }
}"""


@pytest.mark.parametrize(("first", "error"), [(None, None), (1, None), (0, None), (101, "first"), (-1, "first")])
async def test_suggestions_take_first_as_every_list_does(nearby: AsyncDriver, settings: Settings, first: int | None,
                                                         error: str | None) -> None:
    body, _ = await run(nearby, settings, SUGGEST_FIRST, id=encode("Organization", "test-partners-coop-vichy"),
                        first=first)
    if error is not None:
        assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "argument": error}
        return
    assert "errors" not in body, body
    found = body["data"]["suggestedPartners"]
    assert len(found) <= (20 if first is None else first)
    if first:
        assert len(found) == first
