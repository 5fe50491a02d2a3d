"""People, events, figures, statements and sources, and Relay node lookups of every type."""

from __future__ import annotations

import pytest
from neo4j import AsyncDriver

from graphdir.config import Settings
from tests.api.helpers import gid, run


async def test_a_person_their_roles_and_talks(seeded: AsyncDriver, settings: Settings) -> None:
    query = """query($id: ID!) { person(id: $id) { name
      roles { title portfolio organization { name } source { document } }
      talks { title event { title kind } }
      sources { excerpt } } }"""
    semet = (await run(seeded, settings, query, id=gid("Person", "pascale-semet"))).ok["person"]
    assert semet["name"] == "Pascale Semet"
    (role,) = semet["roles"]
    assert (role["title"], role["organization"]["name"]) == ("Vice-Présidente", "Conseil régional d'Auvergne")
    assert role["portfolio"].startswith("politique de la ville")
    assert {talk["event"]["kind"] for talk in semet["talks"]} == {"SEMINAR", "ROUND_TABLE"}
    assert len(semet["sources"]) == 2


async def test_the_seminar_and_its_round_table(seeded: AsyncDriver, settings: Settings) -> None:
    query = """query($id: ID!) { event(id: $id) {
      title kind startsAt endsAt dateInferred dateNote place commune { name }
      organisers { name } speakers { title person { name } }
      parts { kind speakers { title person { name } } partOf { title } }
      follows { kind startsAt } followedBy { kind } partOf { title }
      conventions { title } sources { excerpt } } }"""
    seminar = (await run(seeded, settings, query, id=gid("Event", "seminaire-cres-auvergne-cusset-2012"))).ok["event"]
    assert (seminar["startsAt"], seminar["endsAt"], seminar["dateInferred"]) == (
        "2012-01-20T14:00", "2012-01-20T21:30", True)
    assert seminar["commune"] == {"name": "Cusset"} and seminar["place"] is None
    assert seminar["organisers"] == [{"name": "Chambre régionale de l'Économie sociale d'Auvergne"}]
    assert {s["person"]["name"] for s in seminar["speakers"]} == {"Gérard Courtadon", "Pascale Semet"}
    (table,) = seminar["parts"]
    assert table["kind"] == "ROUND_TABLE" and table["partOf"]["title"] == seminar["title"]
    assert len(table["speakers"]) == 5
    assert {"title": "géographe", "person": {"name": "Laetitia Guillard"}} in table["speakers"]
    assert {"title": None, "person": {"name": "Pierre Petitbout"}} in table["speakers"]
    assert seminar["follows"] == {"kind": "THEATRE_FORUM", "startsAt": "2011-11"}
    assert seminar["partOf"] is None and seminar["followedBy"] == []
    assert seminar["conventions"] == [{"title": "Convention entre le Pays Vichy-Auvergne et la CRES Auvergne"}]


@pytest.mark.parametrize(("type_name", "graph_id", "field", "value"), [
    ("Organization", "cres-auvergne", "name", "Chambre régionale de l'Économie sociale d'Auvergne"),
    ("Territory", "commune:03095", "name", "Cusset"),
    ("Person", "gerard-courtadon", "name", "Gérard Courtadon"),
    ("Convention", "convention-pays-vichy-auvergne-cres-2012", "title",
     "Convention entre le Pays Vichy-Auvergne et la CRES Auvergne"),
    ("Event", "assemblee-generale-cres-auvergne-2008-06-09", "title",
     "Assemblée générale de la CRES Auvergne du 9 juin 2008"),
    ("Source", "src-cres-auvergne-2012", "document", "000_aa2f730318502228.txt"),
    ("Figure", "auvergne-2012-ess-jobs", "measure", "ess_jobs"),
    ("Statement", "cres-auvergne-principle-4", "text", "Solidarité"),
])
async def test_node_fetches_every_type_again(seeded: AsyncDriver, settings: Settings, type_name: str, graph_id: str,
                                            field: str, value: str) -> None:
    query = f"""query($id: ID!) {{ node(id: $id) {{ __typename id ... on {type_name} {{ {field} }} }} }}"""
    node = (await run(seeded, settings, query, id=gid(type_name, graph_id))).ok["node"]
    assert node == {"__typename": type_name, "id": gid(type_name, graph_id), field: value}


async def test_nodes_and_unknown_ids(seeded: AsyncDriver, settings: Settings) -> None:
    query = """query($ids: [ID!]!) { nodes(ids: $ids) { id } }"""
    ids = [gid("Organization", "cpca"), gid("Organization", "no-such"), gid("Nothing", "x"),
           gid("Territory", "region:83")]
    result = await run(seeded, settings, query, ids=ids)
    assert result.ok["nodes"] == [{"id": ids[0]}, None, None, {"id": ids[3]}]
    assert result.round_trips == 1  # one per type, whatever the number of ids, sent together
    unknown = """{ organization(id: "T3JnYW5pemF0aW9uOm5vLXN1Y2g=") { id } node(id: "UGVyc29uOm5vYm9keQ==") { id }
                   territory(code: "99999") { id } }"""
    assert (await run(seeded, settings, unknown)).ok == {"organization": None, "node": None, "territory": None}


async def test_figures_and_statements(seeded: AsyncDriver, settings: Settings) -> None:
    query = """{ organization(slug: "cress-paca") {
      figures { measure value unit year approximate territory { code name } publisher { acronym } sources { excerpt } }
      ambitions: statements(kinds: [AMBITION]) { kind position text organization { name } sources { document } }
      statements { kind } } }"""
    paca = (await run(seeded, settings, query)).ok["organization"]
    establishments = {f["measure"]: f for f in paca["figures"]}["ess_employer_establishments"]
    assert establishments["value"] == 16600 and establishments["year"] is None
    assert establishments["territory"]["code"] == "93"
    assert establishments["publisher"]["acronym"] == "CRESS PACA"
    assert [s["position"] for s in paca["ambitions"]] == [1, 2, 3, 4]
    assert {s["kind"] for s in paca["statements"]} == {"MISSION", "AMBITION"}
    assert paca["ambitions"][0]["sources"] == [{"document": "002_a9554c46d04d2755.txt"}]
