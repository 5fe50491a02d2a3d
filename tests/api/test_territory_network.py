"""`territoryNetwork`: the organizations inside a territory, what they are linked to, and the edges among them."""

from __future__ import annotations

from typing import Any

from neo4j import AsyncDriver

from graphdir.config import Settings
from tests.api.helpers import gid, graph_id, run

QUERY = """
query($code: String!, $level: TerritoryLevel, $types: [NetworkRelation!], $on: Date, $limit: Int) {
  territoryNetwork(code: $code, level: $level, relationTypes: $types, on: $on, limit: $limit) {
    territory { code name level }
    truncated organizationCount
    nodes { id type label depth }
    edges { id type source target since until excerpt sourceDocument { title } }
  }
}
"""
CRES = gid("Organization", "cres-auvergne")
PAYS = gid("Organization", "pays-vichy-auvergne")
PEOPLE = {gid("Person", person) for person in ("gerard-courtadon", "jean-michel-guerre", "pascale-semet")}
INSIDE_AUVERGNE = """{ organizations(filter: {territoryCode: "83", territoryLevel: REGION}, first: 100) {
  totalCount edges { node { id } } } }"""


async def territory_network(driver: AsyncDriver, settings: Settings, **variables: Any) -> dict[str, Any]:
    result = await run(driver, settings, QUERY, **variables)
    answer: dict[str, Any] = result.ok["territoryNetwork"]
    return answer


def seeded_ids(nodes: list[dict[str, Any]]) -> set[str]:
    """Leaving out test data other tests may be writing meanwhile."""
    return {node["id"] for node in nodes if not graph_id(node["id"]).startswith("test-")}


async def test_the_network_of_a_region_holds_the_organizations_inside_it(seeded: AsyncDriver,
                                                                        settings: Settings) -> None:
    found = await territory_network(seeded, settings, code="83", level="REGION", limit=1000)
    assert found["territory"] == {"code": "83", "name": "Auvergne", "level": "REGION"}
    # The same organizations as `organizations(filter: {territoryCode})`: one rule of "inside".
    inside = (await run(seeded, settings, INSIDE_AUVERGNE)).ok["organizations"]
    organizations = {node["id"] for node in found["nodes"] if node["depth"] == 0}
    assert organizations == {edge["node"]["id"] for edge in inside["edges"]}
    assert found["organizationCount"] == inside["totalCount"] and not found["truncated"]
    assert {node["type"] for node in found["nodes"] if node["depth"] == 0} == {"Organization"}
    assert {PAYS, CRES} <= organizations
    # What the organizations are linked to, one relationship away: their convention, events and people.
    linked = {node["id"]: node["type"] for node in found["nodes"] if node["depth"] == 1}
    assert set(linked) >= PEOPLE and {"Convention", "Event", "Person"} <= set(linked.values())
    # Every edge joins two nodes of the answer, each with its evidence where the source gives one.
    ids = {node["id"] for node in found["nodes"]}
    assert found["edges"] and all(edge["source"] in ids and edge["target"] in ids for edge in found["edges"])
    party = [edge for edge in found["edges"] if edge["type"] == "PARTY_TO" and edge["source"] == PAYS]
    assert party and party[0]["excerpt"]


async def test_three_round_trips_whatever_the_size(seeded: AsyncDriver, settings: Settings) -> None:
    """The territory, its nodes, the edges among them (none to look for when it holds no organization)."""
    for code, level in (("83", "REGION"), ("84", "REGION"), ("03", "DEPARTMENT")):
        assert (await run(seeded, settings, QUERY, code=code, level=level, limit=1000)).round_trips == 3
    empty = await run(seeded, settings, QUERY, code="63113", level="COMMUNE")
    assert empty.ok["territoryNetwork"]["nodes"] == [] and empty.round_trips == 2
    assert (await run(seeded, settings, QUERY, code="99999", level="COMMUNE")).round_trips == 1


async def test_limit_keeps_the_most_linked_and_says_it_truncated(seeded: AsyncDriver, settings: Settings) -> None:
    whole = await territory_network(seeded, settings, code="83", level="REGION")
    cut = await territory_network(seeded, settings, code="83", level="REGION", limit=3)
    assert len(cut["nodes"]) == 3 and cut["truncated"] and not whole["truncated"]
    assert cut["organizationCount"] == whole["organizationCount"] > 3
    # The CRES, the most linked of all, comes first; the edges are those among the nodes kept.
    assert cut["nodes"][0]["id"] == CRES and {node["depth"] for node in cut["nodes"]} == {0}
    ids = {node["id"] for node in cut["nodes"]}
    assert cut["edges"] == [edge for edge in whole["edges"] if {edge["source"], edge["target"]} <= ids]
    # Room left after the organizations goes to what they are linked to, and is cut there too.
    room = whole["organizationCount"] + 1
    some = await territory_network(seeded, settings, code="83", level="REGION", limit=room)
    assert some["truncated"] and [node["depth"] for node in some["nodes"]].count(1) == 1


async def test_relation_types_and_dates_narrow_it(seeded: AsyncDriver, settings: Settings) -> None:
    members = await territory_network(seeded, settings, code="83", level="REGION", types=["MEMBER_OF"])
    assert members["edges"] and {edge["type"] for edge in members["edges"]} == {"MEMBER_OF"}
    assert {node["type"] for node in members["nodes"]} == {"Organization"}
    # Allier's communes are inside Auvergne-Rhône-Alpes too (84), and so is the Pays Vichy-Auvergne.
    allier = await territory_network(seeded, settings, code="03", level="DEPARTMENT")
    assert PAYS in {node["id"] for node in allier["nodes"]} and CRES not in {node["id"] for node in allier["nodes"]}
    # The regional council covered Auvergne (83) until the merger, never Auvergne-Rhône-Alpes (84); the Pays
    # Vichy-Auvergne lies in 84 since 2016.
    council = gid("Organization", "conseil-regional-auvergne")
    in_2012 = await territory_network(seeded, settings, code="84", level="REGION", on="2012-01-20")
    in_2020 = await territory_network(seeded, settings, code="84", level="REGION", on="2020-01-01")
    assert council not in {node["id"] for node in in_2012["nodes"] + in_2020["nodes"]}
    assert PAYS in {node["id"] for node in in_2020["nodes"]} and PAYS not in {node["id"] for node in in_2012["nodes"]}


async def test_unknown_territories_and_bad_arguments(seeded: AsyncDriver, settings: Settings) -> None:
    assert (await run(seeded, settings, QUERY, code="99999", level="COMMUNE")).ok["territoryNetwork"] is None
    for variables, argument in (({"code": "03", "level": "DEPARTMENT", "limit": 0}, "limit"),
                                ({"code": "03", "level": "DEPARTMENT", "limit": 1001}, "limit"),
                                ({"code": "01"}, "level")):
        error = (await run(seeded, settings, QUERY, **variables)).error()
        assert error["extensions"]["code"] == "BAD_USER_INPUT" and error["extensions"]["argument"] == argument
