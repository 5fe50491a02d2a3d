"""'Inside a territory' on 100,000 SYNTHETIC organizations: exactly those located in its communes, and the INSIDE links
(containment as data, graphdir/domain/territories/inside_links.py) saying what the walk of the rule says, on several
days and at every level, also while a commune changes EPCI and département on a given date.

The truth of the first test comes from the territory seed files (each commune's département as the COG gives it), not
from the graph; that of the others from the rule walked in the graph (tests/inside_rule.py).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from neo4j import AsyncDriver

from graphdir.api.context import Context
from graphdir.api.schema import schema
from graphdir.domain.organizations.cypher import MATCH_IN_TERRITORY
from graphdir.domain.territories.cypher import INSIDE_ANY
from graphdir.loader import load_paths
from tests.inside_rule import BY_RULE, DAYS, mismatches

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


DATABASE = "neo4j"
# Villeneuve-lès-Avignon: Gard (30, Occitanie 76), in the Grand Avignon, an EPCI across the Gard / Vaucluse border.
# The test moves it, from 2020-01-01, to Vaucluse (84, PACA 93) and to the CA Ventoux-Comtat Venaissin (Carpentras's
# EPCI, wholly in Vaucluse), through the loader (a territory record, as a COG update would bring it), then puts it back.
MOVED = "30351"
OLD_EPCI, NEW_EPCI = "epci:248400251", "epci:248400053"
CHANGE = dt.date(2020, 1, 1)
EVE = CHANGE - dt.timedelta(days=1)
MOVE_DAYS: tuple[dt.date | None, ...] = (*DAYS, EVE, CHANGE)
# Every level the move touches, before and after it: the commune, both EPCI, both départements, both régions.
TOUCHED = (f"commune:{MOVED}", OLD_EPCI, NEW_EPCI, "departement:30", "departement:84", "region:76", "region:93")

# The organizations the rule may put inside $territory at some time: placed in it, or in a territory PART_OF it.
PLACED_UNDER = """
MATCH (t:Territory {id: $territory})
CALL (t) {
  MATCH (place:Territory) WHERE place = t OR (place)-[:PART_OF]->(t)
  RETURN place
}
CALL (place) {
  MATCH (place)<-[:LOCATED_IN|COVERS]-(o:Organization) RETURN o
  UNION
  MATCH (place)<-[:LOCATED_IN]-(:Establishment)<-[:HAS_SITE]-(o:Organization) RETURN o
}
RETURN collect(DISTINCT o.id) AS ids
"""


def commune_record(code: str) -> dict[str, Any]:
    with COMMUNES.open(encoding="utf-8") as lines:
        for line in lines:
            record: dict[str, Any] = json.loads(line)
            if record["code"] == code:
                return record
    raise AssertionError(code)


async def ids_of(driver: AsyncDriver, query: str, params: dict[str, Any]) -> set[str]:
    records, _, _ = await driver.execute_query(query, params, database_=DATABASE)
    return set(records[0]["ids"]) if records else set()


async def located_in_communes(driver: AsyncDriver, codes: list[str]) -> set[str]:
    return await ids_of(driver, "UNWIND $codes AS code MATCH (:Commune {code: code})<-[:LOCATED_IN]-(o:Organization) "
                                "RETURN collect(o.id) AS ids", {"codes": codes})


async def listed_by_links(driver: AsyncDriver, territory: str, day: dt.date | None) -> set[str]:
    """What every "inside a territory" question reads: the links of the territory holding on the day."""
    return await ids_of(driver, MATCH_IN_TERRITORY + " RETURN collect(o.id) AS ids",
                        {"f_territory": territory, "f_on": day})


async def listed_by_rule(driver: AsyncDriver, territory: str, day: dt.date | None) -> set[str]:
    candidates = await ids_of(driver, PLACED_UNDER, {"territory": territory})
    records, _, _ = await driver.execute_query(BY_RULE, {"ids": sorted(candidates), "on": day}, database_=DATABASE)
    return {r["id"] for r in records if territory in r["territories"]}


async def territory_side_mismatches(driver: AsyncDriver, territories: tuple[str, ...],
                                    days: tuple[dt.date | None, ...]) -> dict[tuple[str, str], tuple[int, int]]:
    """(territory, day) -> (listed by the links and not by the rule, by the rule and not by the links)."""
    wrong = {}
    for territory in territories:
        for day in days:
            links, rule = await listed_by_links(driver, territory, day), await listed_by_rule(driver, territory, day)
            if links != rule:
                wrong[(territory, str(day))] = (len(links - rule), len(rule - links))
    return wrong


async def inside_ids(driver: AsyncDriver, organization: str, day: dt.date | None) -> set[str]:
    records, _, _ = await driver.execute_query(BY_RULE, {"ids": [organization], "on": day}, database_=DATABASE)
    return set(records[0]["territories"]) if records else set()


@pytest.mark.slow
async def test_the_links_say_the_rule_on_every_day_and_level(scale_driver: AsyncDriver) -> None:
    records, _, _ = await scale_driver.execute_query("MATCH (o:Organization) RETURN o.id AS id ORDER BY id",
                                                     database_=DATABASE)
    everyone = [r["id"] for r in records]
    assert len(everyone) > 90_000
    # A sample over the whole instance, every organization of Allier (région 83 until 2015-12-31, 84 since) and of
    # the Grand Avignon's communes (an EPCI across a border), each compared territory by territory (every level).
    sample = set(random.Random(20121).sample(everyone, 5_000))
    allier = await ids_of(scale_driver, "MATCH (:Departement {code: '03'})<-[:PART_OF]-(c:Commune)"
                                        "<-[:LOCATED_IN]-(o:Organization) RETURN collect(o.id) AS ids", {})
    avignon = await ids_of(scale_driver, "MATCH (:Territory {id: $epci})<-[:PART_OF]-(c:Commune)"
                                         "<-[:LOCATED_IN]-(o:Organization) RETURN collect(o.id) AS ids",
                           {"epci": OLD_EPCI})
    assert len(allier) > 100 and len(avignon) > 100
    assert await mismatches(scale_driver, DATABASE, sample | allier | avignon) == {}
    # From the territory side, for a territory of each level: the organizations listed are the rule's, on each day.
    assert await territory_side_mismatches(scale_driver, ("commune:03310", "epci:200071363", "departement:03",
                                                          "region:83", "region:84"), DAYS) == {}


@pytest.mark.slow
async def test_a_commune_changing_epci_and_departement_on_a_date_moves_its_organizations_on_that_date(
        scale_driver: AsyncDriver, tmp_path: Path) -> None:
    movers = sorted(await located_in_communes(scale_driver, [MOVED]))
    assert len(movers) >= 5
    neighbours = await located_in_communes(scale_driver, ["84007", "84031", "30189"])  # Avignon, Carpentras, Nîmes
    checked = set(movers) | neighbours
    record = commune_record(MOVED)
    before = {oid: await inside_ids(scale_driver, oid, None) for oid in movers[:3]}
    moved = {**record, "parents": [
        {"territory": "departement:30", "until": "2019-12-31"}, {"territory": "departement:84", "since": "2020-01-01"},
        {"territory": "region:76", "until": "2019-12-31"}, {"territory": "region:93", "since": "2020-01-01"},
        {"territory": OLD_EPCI, "until": "2019-12-31"}, {"territory": NEW_EPCI, "since": "2020-01-01"}]}
    path = tmp_path / "moved.jsonl"
    path.write_text(json.dumps(moved, ensure_ascii=False) + "\n", encoding="utf-8")
    try:
        await load_paths(scale_driver, DATABASE, [path])
        mover = movers[0]
        assert {"departement:30", "region:76", OLD_EPCI} <= await inside_ids(scale_driver, mover, EVE)
        assert {"departement:84", "region:93", NEW_EPCI} <= await inside_ids(scale_driver, mover, CHANGE)
        assert not {"departement:30", "region:76", OLD_EPCI} & await inside_ids(scale_driver, mover, CHANGE)
        assert await mismatches(scale_driver, DATABASE, checked, MOVE_DAYS) == {}
        assert await territory_side_mismatches(scale_driver, TOUCHED, MOVE_DAYS) == {}
        listed = {day: await listed_by_links(scale_driver, "departement:84", day) for day in (EVE, CHANGE, None)}
        assert not set(movers) & listed[EVE]
        assert set(movers) <= listed[CHANGE] and set(movers) <= listed[None]
    finally:
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        await load_paths(scale_driver, DATABASE, [path])
    # Put back: the links are those of before, and still the rule's.
    assert {oid: await inside_ids(scale_driver, oid, None) for oid in movers[:3]} == before
    assert await mismatches(scale_driver, DATABASE, checked, MOVE_DAYS) == {}
    records, _, _ = await scale_driver.execute_query(
        "UNWIND $ids AS id MATCH (:Organization {id: id})-[l:" + INSIDE_ANY + "]->(t:Territory) "
        "WHERE t.id IN ['departement:84', $epci] RETURN count(l) AS n", {"ids": movers, "epci": NEW_EPCI},
        database_=DATABASE)
    assert records[0]["n"] == 0
