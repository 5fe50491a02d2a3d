"""Conventions: one by id, and the list filtered by party, territory, signing dates and validity."""

from __future__ import annotations

from typing import Any

from neo4j import AsyncDriver

from graphdir.config import Settings
from tests.api.helpers import gid, graph_id, run

VICHY = "convention-pays-vichy-auvergne-cres-2012"
PACA = "convention-agrement-cress-paca"


async def test_the_convention_of_the_pays_and_the_cres(seeded: AsyncDriver, settings: Settings) -> None:
    query = """query($id: ID!) { convention(id: $id) {
      id title kind status signedOn signedOnInferred signedOnNote signedAt place objectives validFrom validUntil
      commune { code name } parties { role organization { name } }
      event { title organisers { name } conventions { title } }
      sources { document excerpt } } }"""
    convention = (await run(seeded, settings, query, id=gid("Convention", VICHY))).ok["convention"]
    assert (convention["kind"], convention["status"], convention["signedOn"]) == ("PARTNERSHIP", "SIGNED", "2012-01-20")
    assert convention["commune"] == {"code": "03095", "name": "Cusset"}
    assert convention["objectives"][0] == (
        "Promouvoir et développer l'économie sociale et solidaire sur le Pays Vichy-Auvergne")
    assert {p["organization"]["name"] for p in convention["parties"]} == {
        "Pays Vichy-Auvergne", "Chambre régionale de l'Économie sociale d'Auvergne"}
    assert convention["event"]["title"] == "Séminaire de la CRES Auvergne à Cusset"
    assert convention["event"]["conventions"] == [{"title": convention["title"]}]
    assert len(convention["sources"]) == 7

    paca = (await run(seeded, settings, query, id=gid("Convention", PACA))).ok["convention"]
    assert (paca["kind"], paca["signedOn"], paca["commune"]) == ("AGREMENT", None, None)  # the date stays open


async def conventions(driver: AsyncDriver, settings: Settings, **criteria: Any) -> list[str]:
    query = """query($f: ConventionFilter) { conventions(filter: $f, first: 100) {
      totalCount edges { node { id signedOn } } } }"""
    data = (await run(driver, settings, query, f=criteria)).ok["conventions"]
    assert data["totalCount"] == len(data["edges"])
    return [key for key in (graph_id(e["node"]["id"]) for e in data["edges"]) if not key.startswith("test-")]


async def test_filters(seeded: AsyncDriver, settings: Settings) -> None:
    everything = await conventions(seeded, settings)
    assert {VICHY, PACA} <= set(everything)
    assert everything.index(VICHY) < everything.index(PACA)  # latest signed first, undated last

    assert await conventions(seeded, settings, partyId=gid("Organization", "cres-auvergne")) == [VICHY]
    assert await conventions(seeded, settings, partyId=gid("Organization", "cress-paca")) == [PACA]
    assert await conventions(seeded, settings, territoryCode="03095") == [VICHY]  # signed in Cusset
    assert VICHY in await conventions(seeded, settings, territoryCode="03", territoryLevel="DEPARTMENT")
    assert PACA in await conventions(seeded, settings, territoryCode="93", territoryLevel="REGION")  # parties
    assert VICHY in await conventions(seeded, settings, signedFrom="2012-01-01", signedTo="2012-12-31")
    assert VICHY not in await conventions(seeded, settings, signedFrom="2012-01-21")
    assert VICHY not in await conventions(seeded, settings, signedTo="2012-01-19")
    assert PACA not in await conventions(seeded, settings, signedFrom="1900-01-01")  # undated: not in a range
    assert VICHY in await conventions(seeded, settings, inForceOn="2012-02-01")
    assert VICHY not in await conventions(seeded, settings, inForceOn="2011-12-31")
