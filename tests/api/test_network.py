"""`network`: breadth-first map around a node, over the seeded founding documents (and test-net- data for dates)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from neo4j import AsyncDriver

from graphdir.api.context import Context
from graphdir.api.ids import encode
from graphdir.api.schema import schema
from graphdir.config import Settings
from tests.seeds.founding import AUVERGNE_DOC, is_verbatim

NETWORK = """
query($center: ID!, $depth: Int, $types: [NetworkRelation!], $on: Date, $limit: Int) {
  network(centerId: $center, depth: $depth, relationTypes: $types, on: $on, limit: $limit) {
    truncated
    center { id type label depth }
    nodes { id type label depth }
    edges { id type source target since until excerpt excerptFromCitation inferred note
            sourceDocument { id document title } }
  }
}
"""

PAYS = encode("Organization", "pays-vichy-auvergne")
CRES = encode("Organization", "cres-auvergne")
COUNCIL = encode("Organization", "conseil-regional-auvergne")
FOUNDERS = {encode("Organization", f"federations-{family}-auvergne")
            for family in ("associatives", "cooperatives", "mutuelles")}


async def run(driver: AsyncDriver, settings: Settings, query: str,
              **variables: Any) -> tuple[dict[str, Any] | None, list[Any], int]:
    context = Context(driver, settings.neo4j_database)
    result = await schema.execute(query, variable_values=variables, context_value=context)
    return result.data, list(result.errors or []), context.reader.round_trips


async def network(driver: AsyncDriver, settings: Settings, center: str, **variables: Any) -> dict[str, Any]:
    data, errors, _ = await run(driver, settings, NETWORK, center=center, **variables)
    assert not errors, errors
    assert data is not None
    result: dict[str, Any] = data["network"]
    return result


def graph_ids(nodes: list[dict[str, Any]], depth: int | None = None) -> set[str]:
    """Global ids of the nodes (at `depth` if given), leaving out test data other tests may be writing meanwhile."""
    from graphdir.api.ids import decode

    return {n["id"] for n in nodes if (depth is None or n["depth"] == depth)
            and not decode(n["id"], "id")[1].startswith("test-")}


def bad_argument(errors: list[Any]) -> str:
    assert len(errors) == 1, errors
    assert errors[0].extensions["code"] == "BAD_USER_INPUT"
    return str(errors[0].extensions["argument"])


async def test_depth_1_around_the_pays_is_its_partner_its_convention_and_its_first_action(
        seeded: AsyncDriver, settings: Settings) -> None:
    result = await network(seeded, settings, PAYS, depth=1)
    assert result["center"] == {"id": PAYS, "type": "Organization", "label": "Pays Vichy-Auvergne", "depth": 0}
    assert result["nodes"][0] == result["center"]
    assert graph_ids(result["nodes"], 1) == {
        CRES,
        encode("Convention", "convention-pays-vichy-auvergne-cres-2012"),
        encode("Event", "theatre-forum-pays-vichy-auvergne-2011"),
    }
    assert graph_ids(result["nodes"]) == {PAYS} | graph_ids(result["nodes"], 1)
    assert result["truncated"] is False
    types = {n["id"]: n["type"] for n in result["nodes"]}
    assert types[CRES] == "Organization"
    assert "Territory" not in types.values(), "territories are left out unless asked for"

    edges = {e["id"]: e for e in result["edges"]}
    partner = edges["PARTNER_OF:pays-vichy-auvergne:cres-auvergne"]
    assert (partner["type"], partner["source"], partner["target"]) == ("PARTNER_OF", PAYS, CRES)
    assert "en partenariat avec la CRES" in partner["excerpt"]
    assert is_verbatim(partner["excerpt"], AUVERGNE_DOC)
    assert partner["sourceDocument"] == {"id": encode("Source", "src-cres-auvergne-2012"), "document": AUVERGNE_DOC,
                                         "title": partner["sourceDocument"]["title"]}
    assert partner["excerptFromCitation"] is False
    # Both parties of the convention are on the map: the edges among depth-1 nodes are there too.
    assert {"PARTY_TO:pays-vichy-auvergne:convention-pays-vichy-auvergne-cres-2012",
            "PARTY_TO:cres-auvergne:convention-pays-vichy-auvergne-cres-2012",
            "ORGANISED:pays-vichy-auvergne:theatre-forum-pays-vichy-auvergne-2011",
            "ORGANISED:cres-auvergne:theatre-forum-pays-vichy-auvergne-2011"} <= set(edges)
    # Every edge joins two nodes of the map.
    ids = {n["id"] for n in result["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in result["edges"])


async def test_a_party_to_a_convention_cites_the_convention(seeded: AsyncDriver, settings: Settings) -> None:
    result = await network(seeded, settings, PAYS, depth=1)
    edges = {e["id"]: e for e in result["edges"]}
    party = edges["PARTY_TO:pays-vichy-auvergne:convention-pays-vichy-auvergne-cres-2012"]
    assert party["excerptFromCitation"] is True
    assert "Pays Vichy" in party["excerpt"] and is_verbatim(party["excerpt"], AUVERGNE_DOC)
    assert party["sourceDocument"]["document"] == AUVERGNE_DOC


async def test_depth_2_reaches_the_council_and_the_founding_federations_through_the_cres(
        seeded: AsyncDriver, settings: Settings) -> None:
    result = await network(seeded, settings, PAYS, depth=2)
    depth_of = {n["id"]: n["depth"] for n in result["nodes"]}
    assert depth_of[COUNCIL] == 2
    assert all(depth_of[f] == 2 for f in FOUNDERS)
    assert depth_of[encode("Person", "gerard-courtadon")] == 2
    assert depth_of[encode("Organization", "prefecture-region-auvergne")] == 2
    edges = {e["id"]: e for e in result["edges"]}
    assert "FOUNDED:federations-associatives-auvergne:cres-auvergne" in edges
    member = edges["MEMBER_OF:federations-mutuelles-auvergne:cres-auvergne"]
    assert member["inferred"] is True and member["note"]
    assert {"RECOGNISES:conseil-regional-auvergne:cres-auvergne", "SUPPORTS:conseil-regional-auvergne:cres-auvergne",
            "INTERLOCUTOR_OF:cres-auvergne:conseil-regional-auvergne"} <= set(edges)
    # Depth 1 is the same as the depth-1 map, in breadth-first order.
    depths = [n["depth"] for n in result["nodes"]]
    assert depths == sorted(depths)
    ids = {n["id"] for n in result["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in result["edges"])
    assert len(edges) == len(result["edges"]), "edge ids are unique"
    assert result["truncated"] is False


async def test_limit_cuts_the_map_and_says_so(seeded: AsyncDriver, settings: Settings) -> None:
    result = await network(seeded, settings, PAYS, depth=2, limit=2)
    assert len(result["nodes"]) == 2
    assert result["nodes"][0]["id"] == PAYS
    assert result["truncated"] is True
    ids = {n["id"] for n in result["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in result["edges"])
    assert len(result["edges"]) >= 1

    # The depth-1 map holds 4 nodes: a limit of 4 is not a cut at depth 1, but is one at depth 2.
    assert (await network(seeded, settings, PAYS, depth=1, limit=4))["truncated"] is False
    assert (await network(seeded, settings, PAYS, depth=2, limit=4))["truncated"] is True
    alone = await network(seeded, settings, PAYS, depth=1, limit=1)
    assert [n["id"] for n in alone["nodes"]] == [PAYS] and alone["edges"] == [] and alone["truncated"] is True


async def test_territories_only_when_asked_for(seeded: AsyncDriver, settings: Settings) -> None:
    result = await network(seeded, settings, PAYS, depth=1, types=["COVERS"])
    assert graph_ids(result["nodes"], 1) == {encode("Territory", "pays:vichy-auvergne")}
    assert [e["id"] for e in result["edges"]] == ["COVERS:pays-vichy-auvergne:pays:vichy-auvergne"]
    # A map centred on a territory follows the links to territories by default.
    cusset = await network(seeded, settings, encode("Territory", "pays:vichy-auvergne"), depth=1)
    assert PAYS in graph_ids(cusset["nodes"], 1)


async def test_on_keeps_the_relationships_valid_that_day(seeded: AsyncDriver, settings: Settings) -> None:
    # The council covered the région Auvergne (83) until 2015-12-31, the day before the merger.
    region = encode("Territory", "region:83")
    in_2012 = await network(seeded, settings, COUNCIL, types=["COVERS"], on="2012-01-20")
    assert region in graph_ids(in_2012["nodes"], 1)
    cover = {e["id"]: e for e in in_2012["edges"]}["COVERS:conseil-regional-auvergne:region:83"]
    assert cover["until"] == "2015-12-31"
    in_2020 = await network(seeded, settings, COUNCIL, types=["COVERS"], on="2020-01-01")
    assert graph_ids(in_2020["nodes"], 1) == set()
    # The CRES's cover has no end, but the région itself ended on 2015-12-31: it is not on a 2020 map.
    cres_2020 = await network(seeded, settings, CRES, types=["COVERS"], on="2020-01-01")
    assert region not in graph_ids(cres_2020["nodes"])


async def delete_test_net(driver: AsyncDriver, settings: Settings) -> None:
    """Remove the nodes these tests write (ids `test-net-…`), also those a crashed run may have left."""
    await driver.execute_query("MATCH (n) WHERE n.id STARTS WITH 'test-net-' DETACH DELETE n",
                               database_=settings.neo4j_database)


@pytest.fixture
async def dated(driver: AsyncDriver, settings: Settings) -> AsyncIterator[None]:
    """test-net-a is a member of test-net-b from 2015, was a partner of test-net-c until 2010, and was founded by
    test-net-d in March 2005 (a partial date: it holds from the first day it may mean)."""
    await delete_test_net(driver, settings)
    await driver.execute_query("""
        CREATE (a:Organization {id: 'test-net-a', name: 'Test net A'}),
               (b:Organization {id: 'test-net-b', name: 'Test net B'}),
               (c:Organization {id: 'test-net-c', name: 'Test net C'}),
               (d:Organization {id: 'test-net-d', name: 'Test net D'}),
               (a)-[:MEMBER_OF {since: '2015', sinceFrom: date('2015-01-01'), sinceTo: date('2015-12-31')}]->(b),
               (a)-[:PARTNER_OF {until: '2010', untilFrom: date('2010-01-01'), untilTo: date('2010-12-31')}]->(c),
               (d)-[:FOUNDED {since: '2005-03', sinceFrom: date('2005-03-01'), sinceTo: date('2005-03-31')}]->(a)
        """, database_=settings.neo4j_database)
    try:
        yield
    finally:
        await delete_test_net(driver, settings)


@pytest.mark.parametrize(("on", "expected"), [
    (None, {"b", "c", "d"}),
    ("2005-02-28", {"c"}),
    ("2005-03-01", {"c", "d"}),
    ("2010-12-31", {"c", "d"}),
    ("2012-06-01", {"d"}),
    ("2015-01-01", {"b", "d"}),
])
async def test_on_filters_relationships_between_actors(dated: None, driver: AsyncDriver, settings: Settings,
                                                       on: str | None, expected: set[str]) -> None:
    result = await network(driver, settings, encode("Organization", "test-net-a"), on=on)
    assert {n["id"] for n in result["nodes"] if n["depth"] == 1} == {
        encode("Organization", f"test-net-{x}") for x in expected}
    assert len(result["edges"]) == len(expected)


async def test_parallel_relationships_get_distinct_stable_ids(driver: AsyncDriver, settings: Settings) -> None:
    await delete_test_net(driver, settings)
    await driver.execute_query("""
        CREATE (p:Person {id: 'test-net-p', name: 'Test net P'}), (o:Organization {id: 'test-net-o', name: 'O'}),
               (p)-[:HOLDS_ROLE {title: 'Trésorier', until: '2010'}]->(o),
               (p)-[:HOLDS_ROLE {title: 'Président', since: '2011'}]->(o)
        """, database_=settings.neo4j_database)
    try:
        first = await network(driver, settings, encode("Person", "test-net-p"))
        second = await network(driver, settings, encode("Person", "test-net-p"))
    finally:
        await delete_test_net(driver, settings)
    ids = [e["id"] for e in first["edges"]]
    assert len(set(ids)) == 2
    assert all(i.startswith("HOLDS_ROLE:test-net-p:test-net-o:") for i in ids)
    assert ids == [e["id"] for e in second["edges"]]


async def test_depth_3_stays_within_three_round_trips(seeded: AsyncDriver, settings: Settings) -> None:
    data, errors, round_trips = await run(seeded, settings, NETWORK, center=PAYS, depth=3)
    assert not errors and data is not None
    assert len(data["network"]["nodes"]) > 14
    assert round_trips <= 3
    everything = ["MEMBER_OF", "FOUNDED", "RECOGNISES", "SUPPORTS", "FUNDS", "INTERLOCUTOR_OF", "PARTNER_OF",
                  "PARTY_TO", "HOLDS_ROLE", "ORGANISED", "SPOKE_AT", "COVERS", "LOCATED_IN"]
    data, errors, round_trips = await run(seeded, settings, NETWORK, center=PAYS, depth=3, types=everything,
                                          limit=1000)
    assert not errors and data is not None
    assert round_trips <= 3


@pytest.mark.parametrize(("variables", "argument"), [
    ({"depth": 0}, "depth"),
    ({"depth": 4}, "depth"),
    ({"limit": 0}, "limit"),
    ({"limit": 1001}, "limit"),
    ({"center": "not an id"}, "centerId"),
    ({"center": encode("Source", "src-cres-auvergne-2012")}, "centerId"),
    ({"center": encode("Organization", "test-net-nobody")}, "centerId"),
])
async def test_bad_arguments(seeded: AsyncDriver, settings: Settings, variables: dict[str, Any],
                             argument: str) -> None:
    data, errors, _ = await run(seeded, settings, NETWORK, **{"center": PAYS, **variables})
    assert bad_argument(errors) == argument
    assert data is None


async def test_over_http(seeded: AsyncDriver, client: httpx.AsyncClient) -> None:
    response = await client.post("/graphql", json={"query": NETWORK, "variables": {"center": CRES, "depth": 1}})
    assert response.status_code == 200
    body = response.json()
    assert "errors" not in body, body
    assert COUNCIL in {n["id"] for n in body["data"]["network"]["nodes"]}
