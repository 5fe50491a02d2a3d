"""Organizations: the page a front-end draws for the CRES Auvergne, lookups, filters, orders."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from neo4j import AsyncDriver

from graphdir.config import Settings
from tests.api.helpers import delete_prefixed, gid, graph_id, load, run, source

CRES = gid("Organization", "cres-auvergne")
FEDERATIONS = {"Fédérations associatives d'Auvergne", "Fédérations coopératives d'Auvergne",
               "Fédérations mutuelles d'Auvergne"}

CRES_PAGE = """
query($id: ID!) {
  organization(id: $id) {
    id name acronym slug kind family website foundedOn description location { latitude longitude approximate }
    region2012: territories(on: "2012-01-20") { code name level validUntil }
    coverage { territory { code } since until }
    members { totalCount edges { cursor role since until inferred note excerpt source { title url excerpt } node {
      name kind family } } }
    memberOf { totalCount }
    partners { totalCount edges { kind direction since until excerpt source { document } node { name kind } } }
    conventions { totalCount edges { node {
      title kind status signedOn signedOnInferred signedOnNote signedAt place objectives
      commune { code name
        parents2012: parents(on: "2012-01-20") { code name level }
        parentsToday: parents { code name level } }
      parties { role organization { name kind } }
      event { title kind startsAt endsAt }
      sources { document excerpt }
    } } }
    people { title portfolio since until excerpt source { title } person { id name roles { title } } }
    events { totalCount edges { node { title kind startsAt } } }
    figures { measure value unit year yearInferred approximate territory { code name } source { excerpt } }
    statements(kinds: [MISSION]) { kind position text adoptedOn }
    sources { document title excerpt }
  }
}
"""


def by_code(territories: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {t["level"] + ":" + t["code"]: t for t in territories}


async def test_the_cres_auvergne_page(seeded: AsyncDriver, settings: Settings) -> None:
    cres = (await run(seeded, settings, CRES_PAGE, id=CRES)).ok["organization"]
    assert cres["id"] == CRES
    assert (cres["acronym"], cres["kind"], cres["family"]) == ("CRES Auvergne", "REGIONAL_CHAMBER", "MIXED")
    assert cres["location"] is None  # the document gives no place for the chamber itself

    # Its region as it was in 2012: Auvergne (83), which ended on 2015-12-31.
    assert [(t["code"], t["name"], t["level"], t["validUntil"]) for t in cres["region2012"]] == [
        ("83", "Auvergne", "REGION", "2015-12-31")]

    # Its federations (members), inferred from the document, with the excerpt and the source.
    members = cres["members"]
    assert members["totalCount"] == 3
    assert {edge["node"]["name"] for edge in members["edges"]} == FEDERATIONS
    for edge in members["edges"]:
        assert edge["inferred"] is True and edge["note"]
        assert edge["source"]["url"] == "http://www.cres-auvergne.org/"
        assert edge["source"]["excerpt"] == edge["excerpt"]
        assert edge["excerpt"].startswith("Depuis sa création par les Fédérations")
    assert cres["memberOf"]["totalCount"] == 0

    # Its partners, each with the kind and direction of the link.
    partners = {(e["kind"], e["direction"], e["node"]["name"]) for e in cres["partners"]["edges"]}
    assert ("PARTNER_OF", "INCOMING", "Pays Vichy-Auvergne") in partners
    assert ("RECOGNISES", "INCOMING", "Conseil régional d'Auvergne") in partners
    assert ("SUPPORTS", "INCOMING", "État – Préfecture de la région Auvergne") in partners
    assert ("INTERLOCUTOR_OF", "OUTGOING", "Conseil régional d'Auvergne") in partners
    assert ("RECOGNISES", "INCOMING", "Conférence Permanente des Coordinations Associatives") in partners
    assert {name for kind, _, name in partners if kind == "FOUNDED"} == FEDERATIONS
    assert cres["partners"]["totalCount"] == len(cres["partners"]["edges"]) == 12
    assert all(edge["source"]["document"] == "000_aa2f730318502228.txt" for edge in cres["partners"]["edges"])

    # Its convention with the Pays Vichy-Auvergne, and the parties.
    (convention,) = [edge["node"] for edge in cres["conventions"]["edges"]]
    assert convention["title"] == "Convention entre le Pays Vichy-Auvergne et la CRES Auvergne"
    assert (convention["signedOn"], convention["signedOnInferred"], convention["signedAt"]) == (
        "2012-01-20", True, "18:30")
    assert "2012" in convention["signedOnNote"]
    assert convention["place"] == "Centre social de la Passerelle, Rue Pierre Boubet"
    assert len(convention["objectives"]) == 3
    assert {(p["organization"]["name"], p["role"]) for p in convention["parties"]} == {
        ("Pays Vichy-Auvergne", "signatory"), ("Chambre régionale de l'Économie sociale d'Auvergne", "signatory")}
    assert convention["event"]["kind"] == "SEMINAR"
    assert convention["sources"] and all(s["document"] == "000_aa2f730318502228.txt" for s in convention["sources"])

    # Signed in Cusset, whose région was Auvergne (83) in 2012 and is Auvergne-Rhône-Alpes (84) today.
    cusset = convention["commune"]
    assert (cusset["code"], cusset["name"]) == ("03095", "Cusset")
    then, now = by_code(cusset["parents2012"]), by_code(cusset["parentsToday"])
    assert then["REGION:83"]["name"] == "Auvergne" and "REGION:84" not in then
    assert now["REGION:84"]["name"] == "Auvergne-Rhône-Alpes" and "REGION:83" not in now
    assert then["DEPARTMENT:03"]["name"] == now["DEPARTMENT:03"]["name"] == "Allier"

    # Its people and their roles.
    assert [(r["person"]["name"], r["title"]) for r in cres["people"]] == [("Gérard Courtadon", "Président")]
    assert cres["people"][0]["person"]["roles"] == [{"title": "Président"}]
    assert cres["people"][0]["excerpt"] == "Gérard Courtadon, Président de la CRES Auvergne"

    # Events it organised (latest first), figures, missions, sources.
    events = [edge["node"]["kind"] for edge in cres["events"]["edges"]]
    assert events == ["SEMINAR", "THEATRE_FORUM", "GENERAL_ASSEMBLY"]
    jobs = {f["measure"]: f for f in cres["figures"]}["ess_jobs"]
    assert (jobs["value"], jobs["unit"], jobs["year"], jobs["yearInferred"]) == (50000, "jobs", "2012", True)
    assert jobs["territory"] == {"code": "83", "name": "Auvergne"}
    assert [s["position"] for s in cres["statements"]] == [1, 2, 3, 4, 5]
    assert {s["adoptedOn"] for s in cres["statements"]} == {"2008-06-09"}
    assert cres["sources"] and {s["document"] for s in cres["sources"]} == {"000_aa2f730318502228.txt"}


async def test_cusset_region_through_the_hierarchy(seeded: AsyncDriver, settings: Settings) -> None:
    query = """{
      territory(code: "03095") { name
        then: parents(on: "2012-01-20") { code level }
        now: parents { code level }
        later: parents(on: "2016-01-01") { code level } } }"""
    cusset = (await run(seeded, settings, query)).ok["territory"]
    assert cusset["name"] == "Cusset"
    region = {key: [p["code"] for p in cusset[key] if p["level"] == "REGION"] for key in ("then", "now", "later")}
    assert region == {"then": ["83"], "now": ["84"], "later": ["84"]}


@pytest.mark.parametrize(("arguments", "expected"), [
    ('id: "T3JnYW5pemF0aW9uOmNyZXMtYXV2ZXJnbmU="', "cres-auvergne"),
    ('slug: "cres-auvergne"', "cres-auvergne"),
    ('slug: "cpca"', "cpca"),
    ('id: "T3JnYW5pemF0aW9uOm5vLXN1Y2g="', None),
    ('slug: "no-such-organization"', None),
    ('siren: "000000000"', None),
])
async def test_organization_lookups(seeded: AsyncDriver, settings: Settings, arguments: str,
                                    expected: str | None) -> None:
    found = (await run(seeded, settings, f"{{ organization({arguments}) {{ slug }} }}")).ok["organization"]
    assert (found["slug"] if found else None) == expected


@pytest.fixture
async def registered(seeded: AsyncDriver, settings: Settings, tmp_path: Path) -> AsyncIterator[None]:
    prefix = "test-api-reg-"
    await delete_prefixed(seeded, settings, prefix)
    await load(seeded, settings, tmp_path, "registered", {
        "sources": [source(prefix)],
        "organizations": [
            {"id": f"{prefix}coop", "name": "Test API Coopérative Registered", "kind": "ENTERPRISE",
             "family": "COOPERATIVE", "siren": "999999991", "foundedOn": "1901-07", "commune": "03095"},
            {"id": f"{prefix}union", "name": "Test API Union Registered", "kind": "FEDERATION",
             "family": "COOPERATIVE", "commune": "03095"},
        ],
        "relations": [
            {"type": "MEMBER_OF", "from": f"{prefix}coop", "to": f"{prefix}union", "since": "2000",
             "until": "2010-06", "source": f"{prefix}src", "excerpt": "test"},
            {"type": "MEMBER_OF", "from": f"{prefix}union", "to": "cres-auvergne", "source": f"{prefix}src",
             "excerpt": "test"},
        ],
    })
    yield
    await delete_prefixed(seeded, settings, prefix)


async def test_lookup_by_siren_and_member_filters(registered: None, seeded: AsyncDriver, settings: Settings) -> None:
    found = (await run(seeded, settings, '{ organization(siren: "999999991") { name foundedOn } }')).ok
    assert found["organization"] == {"name": "Test API Coopérative Registered", "foundedOn": "1901-07"}

    query = """query($f: OrganizationFilter) { organizations(filter: $f, first: 100) {
                 totalCount edges { node { id } } } }"""

    async def slugs(**criteria: Any) -> set[str]:
        data = (await run(seeded, settings, query, f=criteria)).ok["organizations"]
        assert data["totalCount"] == len(data["edges"])
        return {graph_id(edge["node"]["id"]) for edge in data["edges"]}

    direct = await slugs(memberOf=CRES)
    assert {"test-api-reg-union"} | {
        "federations-associatives-auvergne", "federations-cooperatives-auvergne",
        "federations-mutuelles-auvergne"} <= direct
    assert "test-api-reg-coop" not in direct
    assert "test-api-reg-coop" in await slugs(memberOf=CRES, transitive=True)
    # The coop's membership of the union ended in June 2010.
    assert "test-api-reg-coop" in await slugs(memberOf=CRES, transitive=True, on="2005-01-01")
    assert "test-api-reg-coop" not in await slugs(memberOf=CRES, transitive=True, on="2011-01-01")
    assert await slugs(memberOf=CRES, families=["COOPERATIVE"]) == {
        "federations-cooperatives-auvergne", "test-api-reg-union"}
    assert await slugs(text="coopérative registered") == {"test-api-reg-coop"}


async def test_filters_on_kind_family_territory_and_text(seeded: AsyncDriver, settings: Settings) -> None:
    query = """query($f: OrganizationFilter) { organizations(filter: $f, first: 100) {
                 totalCount edges { node { id kind family } } } }"""

    async def slugs(**criteria: Any) -> set[str]:
        """Graph ids of the organizations found, other than test data other tests may be writing."""
        data = (await run(seeded, settings, query, f=criteria)).ok["organizations"]
        assert data["totalCount"] == len(data["edges"])
        found = {graph_id(edge["node"]["id"]) for edge in data["edges"]}
        return {key for key in found if not key.startswith("test-")}

    chambers = await slugs(kinds=["REGIONAL_CHAMBER"])
    assert {"cres-auvergne", "cress-paca", "cres-bretagne"} <= chambers
    assert await slugs(kinds=["REGIONAL_CHAMBER"], families=["ASSOCIATION"]) == set()
    assert "cpca" in await slugs(text="Coordinations ASSOCIATIVES")
    assert await slugs(text="coordinations associatives", kinds=["FEDERATION"]) == set()

    # Auvergne as it stood in 2012: the bodies covering it, and the pays (inside the Allier, inside Auvergne).
    auvergne_2012 = await slugs(territoryCode="83", territoryLevel="REGION", on="2012-01-20")
    assert {"cres-auvergne", "conseil-regional-auvergne", "prefecture-region-auvergne",
            "federations-associatives-auvergne", "pays-vichy-auvergne"} <= auvergne_2012
    assert not {"cress-paca", "cres-bretagne"} & auvergne_2012
    # In 2020 the council's coverage had ended.
    auvergne_2020 = await slugs(territoryCode="83", territoryLevel="REGION", on="2020-01-01")
    assert "cres-auvergne" in auvergne_2020 and "conseil-regional-auvergne" not in auvergne_2020
    # Today the pays lies in Auvergne-Rhône-Alpes (through the Allier).
    assert "pays-vichy-auvergne" in await slugs(territoryCode="84", territoryLevel="REGION", on="2024-01-01")
    assert "cres-bretagne" in await slugs(territoryCode="53", territoryLevel="REGION")
    # A code only one level has needs no level: Cusset, where the test data of other tests may sit.
    assert await slugs(territoryCode="03095", kinds=["REGIONAL_CHAMBER"]) == set()
    assert await slugs(territoryCode="no-such-code") == set()


async def test_order_by_foundation_date_and_backward_pages(seeded: AsyncDriver, settings: Settings) -> None:
    query = """query($order: OrganizationOrder, $first: Int, $last: Int, $before: String, $after: String) {
      organizations(orderBy: $order, first: $first, last: $last, before: $before, after: $after,
                    filter: {kinds: [REGIONAL_CHAMBER]}) {
        edges { cursor node { id foundedOn } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }"""
    founded = (await run(seeded, settings, query, order="FOUNDED_ON", first=1)).ok["organizations"]
    assert founded["edges"][0]["node"] == {"id": gid("Organization", "cress-paca"), "foundedOn": "1985"}

    forward = (await run(seeded, settings, query, first=100)).ok["organizations"]
    names = [edge["node"]["id"] for edge in forward["edges"]]
    assert len(names) >= 3
    last_two = (await run(seeded, settings, query, last=2)).ok["organizations"]
    assert [e["node"]["id"] for e in last_two["edges"]] == names[-2:]
    assert last_two["pageInfo"]["hasPreviousPage"] is True
    assert last_two["pageInfo"]["hasNextPage"] is False
    before = (await run(seeded, settings, query, last=1, before=last_two["pageInfo"]["startCursor"])).ok
    assert [e["node"]["id"] for e in before["organizations"]["edges"]] == names[-3:-2]
    after = (await run(seeded, settings, query, first=1, after=before["organizations"]["pageInfo"]["endCursor"])).ok
    assert [e["node"]["id"] for e in after["organizations"]["edges"]] == names[-2:-1]
