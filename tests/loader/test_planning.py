"""Planning: what each record becomes in the graph (pure, no database)."""

from datetime import date
from pathlib import Path
from textwrap import dedent

from neo4j.spatial import WGS84Point

from graphdir.loader.planning import EdgeRow, NodeRow, Plan, Rel, build_plan
from graphdir.loader.reading import read_file
from graphdir.loader.validation import Validation, check_record


def plan_of(tmp_path: Path, text: str, communes: dict[str, tuple[float, float] | None] | None = None) -> Plan:
    path = tmp_path / "p.yaml"
    path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
    records, errors = read_file(path)
    assert errors == []
    out = Validation()
    for record in records:
        check_record(record, out)
    assert out.errors == []
    return build_plan(out.checked, communes or {})


def test_territory_row(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, """
        territories:
          - level: COMMUNE
            code: "03095"
            name: Cusset
            population: 12913
            postalCodes: ["03300"]
            location: {latitude: 46.13, longitude: 3.45, approximate: false, method: geonames}
            parents:
              - {territory: "departement:03"}
              - {territory: "region:83", until: "2015-12-31"}
            successors: [{territory: "commune:03999", on: "2030"}]
            source: src-cog
            excerpt: Cusset
        """)
    [row] = plan.nodes["territories"]
    assert (row.label, row.id) == ("Commune", "commune:03095")
    assert row.props == {
        "id": "commune:03095", "code": "03095", "name": "Cusset", "level": "COMMUNE", "population": 12913,
        "postalCodes": ["03300"], "source": "src-cog", "location": WGS84Point((3.45, 46.13)),
        "locationApproximate": False, "locationMethod": "geonames", "searchText": "cusset",
    }
    assert row.rels == [
        Rel("PART_OF", True, "departement:03", {}),
        Rel("PART_OF", True, "region:83", {"until": "2015-12-31", "untilFrom": date(2015, 12, 31),
                                           "untilTo": date(2015, 12, 31)}),
        Rel("SUCCEEDED_BY", True, "commune:03999", {"on": "2030", "onFrom": date(2030, 1, 1),
                                                    "onTo": date(2030, 12, 31)}),
        Rel("CITED_IN", True, "src-cog", {"excerpt": "Cusset"}),
    ]


def test_organization_row_takes_its_communes_location_when_it_has_none(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, """
        organizations:
          - id: cres-auvergne
            name: Chambre régionale de l'Économie sociale d'Auvergne
            acronym: CRES Auvergne
            kind: REGIONAL_CHAMBER
            description: L'ESS en Auvergne
            foundedOn: "2008-06"
            commune: "03095"
            covers: [{territory: "region:83", since: "2008"}]
            cited: [{source: s1, excerpt: "la CRES"}, {source: s2}]
          - {id: placed, name: Placed, kind: OTHER, commune: "03095", location: {latitude: 46, longitude: 3}}
          - {id: nowhere, name: Nowhere, kind: OTHER, commune: "98901"}
        """, communes={"commune:03095": (46.13, 3.45), "commune:98901": None})
    cres, placed, nowhere = plan.nodes["organizations"]
    assert cres.props == {
        "id": "cres-auvergne", "name": "Chambre régionale de l'Économie sociale d'Auvergne", "acronym": "CRES Auvergne",
        "kind": "REGIONAL_CHAMBER", "description": "L'ESS en Auvergne", "foundedOn": "2008-06",
        "foundedOnFrom": date(2008, 6, 1), "foundedOnTo": date(2008, 6, 30), "slug": "cres-auvergne",
        "sortName": "chambre regionale de economie sociale auvergne",
        "searchText": "chambre regionale de economie sociale auvergne cres auvergne ess en auvergne",
        "location": WGS84Point((3.45, 46.13)), "locationApproximate": True, "locationMethod": "commune",
    }
    assert cres.rels == [
        Rel("LOCATED_IN", True, "commune:03095", {}),
        Rel("COVERS", True, "region:83", {"since": "2008", "sinceFrom": date(2008, 1, 1),
                                          "sinceTo": date(2008, 12, 31)}),
        Rel("CITED_IN", True, "s1", {"excerpt": "la CRES"}),
        Rel("CITED_IN", True, "s2", {}),
    ]
    assert (placed.props["location"], placed.props["locationApproximate"]) == (WGS84Point((3.0, 46.0)), False)
    assert "locationMethod" not in placed.props
    assert "location" not in nowhere.props and "locationApproximate" not in nowhere.props
    assert nowhere.props["slug"] == "nowhere"


def test_event_convention_and_edge_rows(tmp_path: Path) -> None:
    plan = plan_of(tmp_path, """
        events:
          - id: seminar
            title: Séminaire
            kind: SEMINAR
            startsAt: "2012-01-20T14:00"
            dateInferred: true
            dateNote: Friday
            commune: "03095"
            organisers: [cres]
            speakers: [{person: gc, title: Président}]
            partOf: forum
        conventions:
          - id: conv
            title: Convention
            kind: PARTNERSHIP
            signedOn: "2012-01-20"
            signedAt: "18:30"
            objectives: [a, b]
            parties: [{organization: cres, role: signatory}]
            event: seminar
        roles:
          - {person: gc, organization: cres, title: Président, since: "2012", source: s}
        relations:
          - {type: MEMBER_OF, from: fed, to: cres, role: founder, inferred: true, note: why, source: s, excerpt: e}
        """)
    [event] = plan.nodes["events"]
    assert event.props == {
        "id": "seminar", "title": "Séminaire", "kind": "SEMINAR", "dateInferred": True, "dateNote": "Friday",
        "startsAt": "2012-01-20T14:00", "startsAtFrom": date(2012, 1, 20), "startsAtTo": date(2012, 1, 20),
        "searchText": "seminaire",
    }
    assert event.rels == [
        Rel("HELD_IN", True, "commune:03095", {}),
        Rel("ORGANISED", False, "cres", {}),
        Rel("SPOKE_AT", False, "gc", {"title": "Président"}),
        Rel("PART_OF", True, "forum", {}),
    ]
    [convention] = plan.nodes["conventions"]
    assert convention.props["objectives"] == ["a", "b"] and convention.props["signedAt"] == "18:30"
    assert convention.props["signedOnFrom"] == convention.props["signedOnTo"] == date(2012, 1, 20)
    assert convention.rels == [Rel("PARTY_TO", False, "cres", {"role": "signatory"}),
                               Rel("SIGNED_DURING", True, "seminar", {})]
    assert plan.edges["roles"] == [EdgeRow("roles", "HOLDS_ROLE", "gc", "cres", {
        "title": "Président", "source": "s", "since": "2012", "sinceFrom": date(2012, 1, 1),
        "sinceTo": date(2012, 12, 31)})]
    assert plan.edges["roles"][0].key == ("HOLDS_ROLE", "gc", "cres", "Président")
    [relation] = plan.edges["relations"]
    assert relation.props == {"role": "founder", "inferred": True, "note": "why", "source": "s", "excerpt": "e"}
    assert relation.key == ("MEMBER_OF", "fed", "cres")
    assert isinstance(event, NodeRow)
