"""partnersNear against brute force on 100,000 synthetic organizations (precision and recall 1.0, distance order)."""

from __future__ import annotations

import math
import random
from typing import Any

import pytest
from neo4j import AsyncDriver
from neo4j.spatial import WGS84Point

from graphdir.db.reader import Reader
from graphdir.domain.common.paging import PageRequest
from graphdir.domain.organizations.filters import OrganizationCriteria
from graphdir.domain.partners import cypher
from graphdir.domain.partners.records import Origin
from graphdir.domain.partners.repository import reaches
from graphdir.domain.partners.service import PartnersService

# Neo4j measures WGS-84 distances with the haversine formula on a sphere of this radius (metres).
NEO4J_EARTH_RADIUS_M = 6378140.0


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * NEO4J_EARTH_RADIUS_M * math.asin(math.sqrt(a))


async def everything(driver: AsyncDriver) -> list[dict[str, Any]]:
    records, _, _ = await driver.execute_query(
        "MATCH (o:Organization) WHERE o.location IS NOT NULL "
        "RETURN o.id AS id, o.sortName AS sortName, o.location.latitude AS lat, o.location.longitude AS lon",
        database_="neo4j")
    return [r.data() for r in records]


async def test_near_matches_brute_force_haversine(scale_driver: AsyncDriver) -> None:
    organizations = await everything(scale_driver)
    assert len(organizations) >= 100_000
    by_id = {o["id"]: o for o in organizations}
    communes, _, _ = await scale_driver.execute_query(
        "MATCH (c:Commune) RETURN c.code AS code ORDER BY c.code", database_="neo4j")
    rng = random.Random(7)
    service = PartnersService(Reader(scale_driver, "neo4j"))
    repository = service.repository
    checked = 0
    for n in range(50):
        if n % 3 == 0:
            origin = Origin(commune_code=rng.choice(communes)["code"])
        elif n % 3 == 1:
            origin = Origin(latitude=rng.uniform(42.5, 50.5), longitude=rng.uniform(-4.0, 7.5))
        else:
            origin = Origin(organization_id=rng.choice(organizations)["id"])
        radius_km = rng.choice([0.5, 2.0, 5.0, 10.0, 20.0, 50.0]) * rng.uniform(0.5, 1.0)
        resolved = await service.resolve(origin)
        rows = await repository.near_page(resolved.point, radius_km * 1000, resolved.exclude, "true", {}, None,
                                          1_000_000, resolved.territory_ids)
        lat0, lon0 = resolved.point.latitude, resolved.point.longitude
        expected = sorted(
            ((haversine_m(lat0, lon0, o["lat"], o["lon"]), o["sortName"], o["id"]) for o in organizations
             if o["id"] not in resolved.exclude),
        )
        expected_ids = {oid for d, _, oid in expected if d <= radius_km * 1000}
        got_ids = [row["id"] for row in rows]
        assert set(got_ids) == expected_ids, f"origin {origin}, radius {radius_km:.2f} km"
        assert len(got_ids) == len(set(got_ids))
        distances = [row["distance"] for row in rows]
        assert distances == sorted(distances)
        for row in rows:
            o = by_id[row["id"]]
            assert row["distance"] == pytest.approx(haversine_m(lat0, lon0, o["lat"], o["lon"]), abs=0.01)
        checked += len(got_ids)
    assert checked > 1000, "the origins and radii should reach a substantial number of organizations"


async def test_pages_concatenate_to_the_full_list(scale_driver: AsyncDriver) -> None:
    service = PartnersService(Reader(scale_driver, "neo4j"))
    origin = Origin(commune_code="69123")  # Lyon
    resolved = await service.resolve(origin)
    full = await service.repository.near_page(resolved.point, 3000, [], "true", {}, None, 100_000, [])
    walked: list[str] = []
    after: tuple[Any, ...] | None = None
    while True:
        page = (await service.near(origin, 3.0, OrganizationCriteria(), PageRequest(size=37, key=after))).page
        walked += [hit.organization_id for hit in page.rows]
        if not page.has_next:
            break
        after = page.keys[-1]
    assert walked == [row["id"] for row in full]
    assert len(walked) > 100


@pytest.mark.parametrize("name", ["NEAR_PAGE", "NEAR_PAGE_WITH_TOTAL", "NEAR_PAGE_TEMPLATE", "NEAR_COUNT_TEMPLATE",
                                  "POINT_ORIGIN"])
async def test_the_plan_seeks_the_point_index(scale_driver: AsyncDriver, name: str) -> None:
    query: str = getattr(cypher, name).replace("$filterWhere", "o.kind IN $f_kinds")
    records = await scale_driver.execute_query(
        "EXPLAIN " + query,
        {"origin": WGS84Point((3.45, 46.13)), "radius": 20000.0, "reaches": reaches(20000.0), "exclude": [],
         "after": None, "limit": 21, "originTerritories": [], "countCap": 1001, "f_kinds": ["ENTERPRISE"]},
        database_="neo4j")
    operators: list[tuple[str, str]] = []

    def walk(plan: dict[str, Any]) -> None:
        operators.append((plan["operatorType"].split("@")[0], str(plan.get("args", {}).get("Details", ""))))
        for child in plan.get("children", []):
            walk(child)

    walk(records.summary.plan)
    point_index = [(op, details) for op, details in operators if "POINT INDEX" in details]
    assert point_index, operators
    # Every use of the point index is a distance seek, and nothing scans a whole label or index.
    assert all(op == "NodeIndexSeekByRange" and "point.distance" in details for op, details in point_index), operators
    assert not any(op in {"NodeByLabelScan", "AllNodesScan", "NodeIndexScan"} for op, _ in operators), operators
