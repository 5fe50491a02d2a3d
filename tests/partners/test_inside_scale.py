"""'Inside a département' on 100,000 SYNTHETIC organizations: exactly those located in its communes.

The truth comes from the territory seed files (each commune's département as the COG gives it), not from the graph.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from neo4j import AsyncDriver

from graphdir.api.context import Context
from graphdir.api.schema import schema
from graphdir.domain.organizations.cypher import MATCH_IN_TERRITORY

COMMUNES = Path(__file__).resolve().parents[2] / "seeds" / "territories" / "communes.jsonl"

COUNT = """query($code: String!) {
  organizations(filter: {territoryCode: $code, territoryLevel: DEPARTMENT}) { totalCount } }"""


def departement_of_communes() -> dict[str, str]:
    found = {}
    with COMMUNES.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            for link in record["parents"]:
                if link["territory"].startswith("departement:"):
                    found[record["code"]] = link["territory"].split(":")[1]
    return found


@pytest.mark.slow
async def test_every_departement_holds_exactly_the_organizations_of_its_communes(scale_driver: AsyncDriver) -> None:
    departement_of = departement_of_communes()
    records, _, _ = await scale_driver.execute_query(
        "MATCH (o:Organization)-[:LOCATED_IN]->(c:Commune) RETURN o.id AS id, c.code AS commune", database_="neo4j")
    truth: dict[str, set[str]] = defaultdict(set)
    for record in records:
        if record["commune"] in departement_of:
            truth[departement_of[record["commune"]]].add(record["id"])
    assert sum(len(ids) for ids in truth.values()) > 90_000
    departements, _, _ = await scale_driver.execute_query(
        "MATCH (d:Departement) RETURN d.code AS code ORDER BY code", database_="neo4j")
    assert len(departements) == 101
    wrong = {}
    for row in departements:
        code = row["code"]
        found, _, _ = await scale_driver.execute_query(
            MATCH_IN_TERRITORY + " RETURN collect(o.id) AS ids",
            {"f_territory": f"departement:{code}", "f_on": None}, database_="neo4j")
        ids = set(found[0]["ids"])
        if ids != truth[code]:
            wrong[code] = (len(ids - truth[code]), len(truth[code] - ids))
    assert wrong == {}
    # The API's count follows the same rule (one département on each side of the Grand Avignon, and Paris).
    for code in ("30", "84", "75"):
        context = Context(scale_driver, "neo4j")
        result = await schema.execute(COUNT, variable_values={"code": code}, context_value=context)
        assert result.errors is None, result.errors
        assert result.data is not None
        assert result.data["organizations"]["totalCount"] == len(truth[code])
