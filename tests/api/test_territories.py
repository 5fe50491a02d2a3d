"""Territories: lookups by code and level, the hierarchy as of a day, history, lists."""

from __future__ import annotations

from neo4j import AsyncDriver

from graphdir.config import Settings
from tests.api.helpers import gid, run


async def test_a_code_shared_by_several_levels_needs_the_level(seeded: AsyncDriver, settings: Settings) -> None:
    ambiguous = await run(seeded, settings, '{ territory(code: "01") { name } }')
    error = ambiguous.error()
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "argument": "level"}
    assert "DEPARTMENT" in error["message"] and "REGION" in error["message"]
    both = (await run(seeded, settings, """{
      ain: territory(code: "01", level: DEPARTMENT) { name level }
      guadeloupe: territory(code: "01", level: REGION) { name level }
      none: territory(code: "01", level: COMMUNE) { name } }""")).ok
    assert both == {"ain": {"name": "Ain", "level": "DEPARTMENT"},
                    "guadeloupe": {"name": "Guadeloupe", "level": "REGION"}, "none": None}


async def test_a_commune(seeded: AsyncDriver, settings: Settings) -> None:
    cusset = (await run(seeded, settings, """{ territory(code: "03095") {
      id code name level population postalCodes centroid { latitude longitude approximate } validFrom validUntil
      sources { document } } }""")).ok["territory"]
    assert cusset["id"] == gid("Territory", "commune:03095")
    assert (cusset["name"], cusset["level"], cusset["postalCodes"]) == ("Cusset", "COMMUNE", ["03300"])
    assert cusset["population"] > 10000
    assert 46.0 < cusset["centroid"]["latitude"] < 46.3 and 3.3 < cusset["centroid"]["longitude"] < 3.6
    assert cusset["sources"] == [{"document": "@etalab/decoupage-administratif@6.0.0"}]


async def test_auvergne_its_history_and_its_children_as_they_were(seeded: AsyncDriver, settings: Settings) -> None:
    data = (await run(seeded, settings, """{
      auvergne: territory(code: "83", level: REGION) {
        name validUntil successors { code name } predecessors { code }
        children { totalCount edges { node { code level } } }
        departements: children(level: DEPARTMENT) { edges { node { code } } }
        pays: children(level: PAYS) { edges { node { code } } }
        today: children(on: "2020-01-01") { totalCount }
        figures { measure value year }
        organizations(filter: {on: "2012-01-20", kinds: [REGIONAL_CHAMBER, REGIONAL_COUNCIL]}) {
          edges { node { name } } }
      }
      ara: territory(code: "84", level: REGION) {
        name validFrom predecessors { code name }
        departements: children(level: DEPARTMENT, first: 100) { totalCount edges { node { code } } }
        then: children(on: "2012-01-20", level: DEPARTMENT) { edges { node { code } } }
      } }""")).ok
    auvergne, ara = data["auvergne"], data["ara"]
    assert (auvergne["name"], auvergne["validUntil"]) == ("Auvergne", "2015-12-31")
    assert auvergne["successors"] == [{"code": "84", "name": "Auvergne-Rhône-Alpes"}]
    assert auvergne["predecessors"] == []
    # An ended territory shows its children as of its last day: the four départements (and the pays).
    assert [e["node"]["code"] for e in auvergne["departements"]["edges"]] == ["03", "15", "43", "63"]
    assert [e["node"]["code"] for e in auvergne["pays"]["edges"]] == ["vichy-auvergne"]
    # Its direct children: the four départements and the one EPCI over two of them (schema/MODEL.md); the pays and
    # the communes lie inside a département.
    assert auvergne["children"]["totalCount"] == 5
    assert sorted(e["node"]["level"] for e in auvergne["children"]["edges"]) == ["DEPARTMENT"] * 4 + ["EPCI"]
    assert auvergne["today"]["totalCount"] == 0
    assert {f["measure"] for f in auvergne["figures"]} >= {"ess_jobs"}
    assert {e["node"]["name"] for e in auvergne["organizations"]["edges"]} == {
        "Chambre régionale de l'Économie sociale d'Auvergne", "Conseil régional d'Auvergne"}

    assert (ara["name"], ara["validFrom"]) == ("Auvergne-Rhône-Alpes", "2016-01-01")
    assert ara["predecessors"] == [{"code": "83", "name": "Auvergne"}]
    codes = [e["node"]["code"] for e in ara["departements"]["edges"]]
    assert ara["departements"]["totalCount"] == 12 and {"03", "15", "43", "63", "69"} <= set(codes)
    # In 2012 the Allier, Cantal, Haute-Loire and Puy-de-Dôme were in Auvergne. (The seeds model that merger only:
    # the départements of Rhône-Alpes are linked to 84 without dates.)
    then = {e["node"]["code"] for e in ara["then"]["edges"]}
    assert "69" in then and not {"03", "15", "43", "63"} & then


async def test_listing_territories(seeded: AsyncDriver, settings: Settings) -> None:
    query = """query($after: String, $on: Date) {
      territories(level: REGION, first: 5, after: $after, on: $on) {
        totalCount edges { node { code } } pageInfo { hasNextPage endCursor } } }"""
    codes: list[str] = []
    after = None
    while True:
        page = (await run(seeded, settings, query, after=after)).ok["territories"]
        codes += [edge["node"]["code"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert codes == sorted(codes) and len(codes) == len(set(codes)) == page["totalCount"]
    assert {"83", "84", "93", "53"} <= set(codes)
    in_2012 = (await run(seeded, settings, query, on="2012-01-20")).ok["territories"]["totalCount"]
    today = (await run(seeded, settings, query, on="2024-01-01")).ok["territories"]["totalCount"]
    assert in_2012 == today  # 83 but not 84 in 2012, 84 but not 83 today (only that merger is modelled)

    allier = (await run(seeded, settings, """{
      territories(parentCode: "03", parentLevel: DEPARTMENT, level: COMMUNE, first: 3) {
        totalCount edges { node { code name } } } }""")).ok["territories"]
    assert allier["totalCount"] > 300
    assert [edge["node"]["code"] for edge in allier["edges"]] == ["03001", "03002", "03003"]
    ambiguous = await run(seeded, settings, '{ territories(parentCode: "03") { totalCount } }')
    assert ambiguous.error()["extensions"] == {"code": "BAD_USER_INPUT", "argument": "parentLevel"}


async def test_a_pays(seeded: AsyncDriver, settings: Settings) -> None:
    pays = (await run(seeded, settings, """{ territory(code: "vichy-auvergne") {
      name level then: parents(on: "2012-01-20") { code level } now: parents { code level }
      organizations { edges { node { name kind } } } sources { excerpt } } }""")).ok["territory"]
    assert (pays["name"], pays["level"]) == ("Pays Vichy-Auvergne", "PAYS")
    assert {(p["code"], p["level"]) for p in pays["then"]} == {("03", "DEPARTMENT"), ("83", "REGION")}
    assert pays["now"] == [{"code": "03", "level": "DEPARTMENT"}, {"code": "84", "level": "REGION"}]
    assert ("Pays Vichy-Auvergne", "PAYS") in {(e["node"]["name"], e["node"]["kind"])
                                              for e in pays["organizations"]["edges"]}
    assert pays["sources"][0]["excerpt"].startswith("Engagé dans une démarche")
