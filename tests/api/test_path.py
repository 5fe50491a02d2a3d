"""`path`: the shortest path between two nodes of the seeded founding documents, with each edge's evidence."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import AsyncDriver

from graphdir.api.context import Context
from graphdir.api.ids import encode
from graphdir.api.schema import schema
from graphdir.config import Settings
from tests.seeds.founding import AUVERGNE_DOC, is_verbatim

PATH = """
query($from: ID!, $to: ID!, $max: Int, $types: [NetworkRelation!]) {
  path(fromId: $from, toId: $to, maxLength: $max, relationTypes: $types) {
    length
    nodes { id type label depth }
    edges { id type source target excerpt excerptFromCitation sourceDocument { id document } }
  }
}
"""

PAYS = encode("Organization", "pays-vichy-auvergne")
CRES = encode("Organization", "cres-auvergne")
COUNCIL = encode("Organization", "conseil-regional-auvergne")
PACA = encode("Organization", "cress-paca")
# The CRES and the council are joined three ways, all stated by the document.
CRES_COUNCIL_TYPES = {"RECOGNISES", "SUPPORTS", "INTERLOCUTOR_OF"}


async def run(driver: AsyncDriver, settings: Settings, **variables: Any) -> tuple[Any, list[Any], int]:
    context = Context(driver, settings.neo4j_database)
    result = await schema.execute(PATH, variable_values=variables, context_value=context)
    data = result.data["path"] if result.data else None
    return data, list(result.errors or []), context.reader.round_trips


async def path(driver: AsyncDriver, settings: Settings, **variables: Any) -> Any:
    data, errors, _ = await run(driver, settings, **variables)
    assert not errors, errors
    return data


async def test_the_cres_and_the_council_are_one_step_apart(seeded: AsyncDriver, settings: Settings) -> None:
    data, errors, round_trips = await run(seeded, settings, **{"from": CRES, "to": COUNCIL})
    assert not errors
    assert round_trips == 1
    assert data["length"] == 1
    assert [n["id"] for n in data["nodes"]] == [CRES, COUNCIL]
    assert [n["depth"] for n in data["nodes"]] == [0, 1]
    assert data["nodes"][1]["label"] == "Conseil régional d'Auvergne"
    (edge,) = data["edges"]
    assert edge["type"] in CRES_COUNCIL_TYPES
    assert {edge["source"], edge["target"]} == {CRES, COUNCIL}
    assert edge["id"].startswith(edge["type"] + ":")
    assert is_verbatim(edge["excerpt"], AUVERGNE_DOC)
    assert edge["excerptFromCitation"] is False
    assert edge["sourceDocument"] == {"id": encode("Source", "src-cres-auvergne-2012"), "document": AUVERGNE_DOC}


async def test_the_pays_reaches_the_council_through_the_cres(seeded: AsyncDriver, settings: Settings) -> None:
    data = await path(seeded, settings, **{"from": PAYS, "to": COUNCIL})
    assert data["length"] == 2
    assert [n["id"] for n in data["nodes"]] == [PAYS, CRES, COUNCIL]
    first, second = data["edges"]
    assert first["id"] == "PARTNER_OF:pays-vichy-auvergne:cres-auvergne"
    assert (first["source"], first["target"]) == (PAYS, CRES)
    assert second["type"] in CRES_COUNCIL_TYPES
    for edge in data["edges"]:
        assert is_verbatim(edge["excerpt"], AUVERGNE_DOC)
        assert edge["sourceDocument"]["document"] == AUVERGNE_DOC
    # Reversed, the same path backwards; edges keep their stored direction.
    back = await path(seeded, settings, **{"from": COUNCIL, "to": PAYS})
    assert [n["id"] for n in back["nodes"]] == [COUNCIL, CRES, PAYS]
    assert back["edges"][-1]["source"] == PAYS


async def test_a_speaker_reaches_the_council_with_the_event_as_evidence(seeded: AsyncDriver,
                                                                        settings: Settings) -> None:
    data = await path(seeded, settings, **{"from": encode("Person", "laetitia-guillard"), "to": COUNCIL})
    assert data["length"] == 3  # she spoke at the round table, where Jean-Michel Guerre (or Pascale Semet) spoke
    spoke = data["edges"][0]
    assert spoke["type"] == "SPOKE_AT" and spoke["excerptFromCitation"] is True
    assert "Laetitia Guillard" in spoke["excerpt"] and is_verbatim(spoke["excerpt"], AUVERGNE_DOC)


async def test_max_length_and_relation_types_bound_the_search(seeded: AsyncDriver, settings: Settings) -> None:
    assert await path(seeded, settings, **{"from": PAYS, "to": COUNCIL, "max": 1}) is None
    assert await path(seeded, settings, **{"from": CRES, "to": COUNCIL, "types": ["PARTNER_OF"]}) is None
    only = await path(seeded, settings, **{"from": CRES, "to": COUNCIL, "types": ["SUPPORTS"]})
    assert [e["id"] for e in only["edges"]] == ["SUPPORTS:conseil-regional-auvergne:cres-auvergne"]


async def test_links_to_territories_are_followed_when_an_end_is_a_territory(seeded: AsyncDriver,
                                                                           settings: Settings) -> None:
    region = encode("Territory", "region:83")
    data = await path(seeded, settings, **{"from": COUNCIL, "to": region})
    assert data["length"] == 1
    assert data["edges"][0]["id"] == "COVERS:conseil-regional-auvergne:region:83"
    assert data["nodes"][1] == {"id": region, "type": "Territory", "label": "Auvergne", "depth": 1}
    # Types given explicitly are kept as given.
    assert await path(seeded, settings, **{"from": COUNCIL, "to": region, "types": ["SUPPORTS"]}) is None


async def test_no_path_is_null(seeded: AsyncDriver, settings: Settings) -> None:
    # The two founding documents share no actor: Auvergne and PACA are not linked.
    assert await path(seeded, settings, **{"from": CRES, "to": PACA, "max": 10}) is None


async def test_unknown_ids_are_null(seeded: AsyncDriver, settings: Settings) -> None:
    nobody = encode("Organization", "test-net-nobody")
    assert await path(seeded, settings, **{"from": CRES, "to": nobody}) is None
    assert await path(seeded, settings, **{"from": nobody, "to": CRES}) is None
    assert await path(seeded, settings, **{"from": nobody, "to": nobody}) is None


async def test_a_node_to_itself_is_a_path_of_length_0(seeded: AsyncDriver, settings: Settings) -> None:
    data = await path(seeded, settings, **{"from": CRES, "to": CRES})
    assert data == {"length": 0, "edges": [],
                    "nodes": [{"id": CRES, "type": "Organization", "depth": 0,
                               "label": "Chambre régionale de l'Économie sociale d'Auvergne"}]}


@pytest.mark.parametrize(("variables", "argument"), [
    ({"max": 0}, "maxLength"),
    ({"max": 11}, "maxLength"),
    ({"from": "not an id"}, "fromId"),
    ({"to": "bm9jb2xvbg=="}, "toId"),  # base64 of "nocolon"
    ({"to": encode("Source", "src-cres-auvergne-2012")}, "toId"),
    ({"from": encode("Statement", "cres-auvergne-mission-1")}, "fromId"),
])
async def test_bad_arguments(seeded: AsyncDriver, settings: Settings, variables: dict[str, Any],
                             argument: str) -> None:
    data, errors, _ = await run(seeded, settings, **{"from": CRES, "to": COUNCIL, **variables})
    assert data is None
    assert len(errors) == 1, errors
    assert errors[0].extensions == {"code": "BAD_USER_INPUT", "argument": argument}
