"""Validation without a database: each record against its spec, keys across the load, references (fake graph)."""

from collections.abc import Mapping, Sequence
from pathlib import Path
from textwrap import dedent

import pytest

from graphdir.loader.reading import Record, read_file
from graphdir.loader.specs import Ref
from graphdir.loader.validation import (
    Location,
    Validation,
    check_against_graph,
    check_keys,
    check_record,
    defined_in_load,
)

Found = list[tuple[int, str, str, str]]  # (line, record, field, message)


def records_of(tmp_path: Path, text: str, name: str = "f.yaml") -> list[Record]:
    path = tmp_path / name
    path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
    records, errors = read_file(path)
    assert errors == []
    return records


def check(tmp_path: Path, text: str) -> Found:
    out = Validation()
    records = records_of(tmp_path, text)
    for record in records:
        check_record(record, out)
    check_keys(records, out)
    # The order a rejected load reports them in (graphdir.loader.load_paths sorts the same way).
    return sorted(((e.line, e.record, e.field, e.message) for e in out.errors), key=lambda e: e[:3])


def test_a_valid_record_has_no_error(tmp_path: Path) -> None:
    assert check(tmp_path, """
        organizations:
          - id: cres-x
            name: CRES X
            kind: REGIONAL_CHAMBER
            family: MIXED
            siren: "123456789"
            siret: "12345678900012"
            rna: W123456789
            website: https://example.org/x
            foundedOn: "1985"
            commune: "2A004"
            location: {latitude: -21.1, longitude: 55.5}
            covers: [{territory: "region:84", since: "2016-01-01"}]
            cited: [{source: src-x, excerpt: "..."}]
        """) == []


def test_unknown_missing_and_mistyped_fields(tmp_path: Path) -> None:
    found = check(tmp_path, """
        organizations:
          - id: cres-x
            nmae: CRES X
            kind: CHAMBER
            synthetic: "yes"
            covers: [{territory: "region:84", from: "2016"}]
        people:
          - id: Gérard Courtadon
            name: ""
        """)
    assert found == [
        (2, "organizations[0]", "name", "required field missing"),
        (3, "organizations[0]", "nmae", found[1][3]),
        (4, "organizations[0]", "kind", "'CHAMBER' is not one of REGIONAL_CHAMBER, NATIONAL_CHAMBER, FEDERATION, "
         "NETWORK, EMPLOYERS_UNION, ENTERPRISE, STATE_SERVICE, REGIONAL_COUNCIL, DEPARTMENTAL_COUNCIL, "
         "INTERCOMMUNALITY, MUNICIPALITY, PAYS, OTHER"),
        (5, "organizations[0]", "synthetic", "expected true or false, got the string 'yes'"),
        (6, "organizations[0]", "covers[0].from", "unknown field (expected one of: territory, since, until)"),
        (8, "people[0]", "id", "'Gérard Courtadon' is not valid: expected lower-case letters, digits, '-', '_' or '.'"),
        (9, "people[0]", "name", "must not be empty"),
    ]
    assert found[1][3].startswith("unknown field (expected one of: id, name, acronym, kind,")


def test_numbers_where_text_is_expected_say_to_quote_them(tmp_path: Path) -> None:
    assert check(tmp_path, """
        figures:
          - {id: f, publisher: o, measure: m, value: "50 000", unit: jobs, year: 2012, source: s}
        """) == [
        (2, "figures[0]", "value", "expected a number, got the string '50 000'"),
        (2, "figures[0]", "year", "expected a date, got the number 2012 (quote it)"),
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("siren", '"12345678"', "'12345678' is not valid: expected 9 digits"),
        ("siret", '"1234567890001"', "'1234567890001' is not valid: expected 14 digits"),
        ("rna", "W12345678", "'W12345678' is not valid: expected W followed by 9 digits or capitals"),
        ("rna", '"123456789"', "'123456789' is not valid: expected W followed by 9 digits or capitals"),
        ("rna", "W2b1000123", "'W2b1000123' is not valid: expected W followed by 9 digits or capitals"),
        ("rna", "123456789", "expected a string, got the number 123456789 (quote it)"),
        ("website", "www.example.org", "'www.example.org' is not valid: expected an http(s) URL"),
        ("commune", '"3095"', "'3095' is not valid: expected a commune code such as \"03095\""),
        ("foundedOn", '"2012-02-30"', "'2012-02-30': day 30 does not exist (2012-02 has 29 days)"),
        ("foundedOn", '"2012-13"', "'2012-13': month 13 does not exist (01-12)"),
        ("location", "{latitude: 91, longitude: 3}", "91 is above the maximum 90"),
        ("location", "{latitude: 46, longitude: -180.5}", "-180.5 is below the minimum -180"),
        ("location", "{latitude: 46}", "required field missing"),
    ],
)
def test_value_shapes(tmp_path: Path, field: str, value: str, message: str) -> None:
    found = check(tmp_path, f"""
        organizations:
          - id: o
            name: O
            kind: OTHER
            {field}: {value}
        """)
    assert [(line, f.split(".")[0], m) for line, _, f, m in found] == [(5, field, message)]


def test_siret_must_extend_the_siren(tmp_path: Path) -> None:
    assert check(tmp_path, """
        organizations:
          - {id: o, name: O, kind: OTHER, siren: "123456789", siret: "99999999900012"}
        """) == [(2, "organizations[0]", "siret", "SIRET 99999999900012 does not start with the SIREN 123456789")]


def test_a_location_must_be_in_france(tmp_path: Path) -> None:
    assert check(tmp_path, """
        organizations:
          - {id: cusset, name: Cusset, kind: OTHER, location: {latitude: 46.13, longitude: 3.43}}
          - {id: noumea, name: Nouméa, kind: OTHER, location: {latitude: -22.27, longitude: 166.44}}
          - {id: swapped, name: Swapped, kind: OTHER, location: {latitude: 3.43, longitude: 46.13}}
        establishments:
          - {siret: "77568142500016", organization: cusset, location: {latitude: -46.13, longitude: 3.43}}
        """) == [
        (4, "organizations[2]", "location",
         "(3.43, 46.13) is not in France: latitude and longitude swapped, or a sign lost?"),
        (6, "establishments[0]", "location",
         "(-46.13, 3.43) is not in France: latitude and longitude swapped, or a sign lost?")]


def test_date_order_and_inferred_notes(tmp_path: Path) -> None:
    assert check(tmp_path, """
        roles:
          - person: p
            organization: o
            title: Président
            since: "2014"
            until: "2012-06"
            source: s
        relations:
          - {type: MEMBER_OF, from: a, to: b, since: "2010", until: "2009-12-31", inferred: true, source: s}
          - {type: SUPPORTS, from: a, to: a, source: s}
        territories:
          - level: COMMUNE
            code: "99901"
            name: X
            validFrom: "2016"
            validUntil: "2015-12-31"
            parents: [{territory: "commune:99901"}, {territory: "epci:200071140", since: "2016-02", until: "2016-01"}]
            source: s
        events:
          - {id: e, title: E, kind: SEMINAR, startsAt: "2012-01-20T21:30", endsAt: "2012-01-20T14:00", partOf: e}
        conventions:
          - {id: c, title: C, kind: AGREMENT, signedOn: "2014", signedOnInferred: true, signedOnNote: "law of 2014"}
        """) == [
        (6, "roles[0]", "until", "until 2012-06 is before since 2014"),
        (9, "relations[0]", "note", "required when inferred is true: say what it is inferred from"),
        (9, "relations[0]", "until", "until 2009-12-31 is before since 2010"),
        (10, "relations[1]", "to", "an organization cannot be related to itself"),
        (16, "territories[0]", "validUntil", "validUntil 2015-12-31 is before validFrom 2016"),
        (17, "territories[0]", "parents[0].territory", "a territory cannot refer to itself"),
        (17, "territories[0]", "parents[1].until", "until 2016-01 is before since 2016-02"),
        (20, "events[0]", "endsAt", "endsAt 2012-01-20T14:00 is before startsAt 2012-01-20T21:30"),
        (20, "events[0]", "partOf", "an event cannot refer to itself"),
    ]


def test_territory_codes_and_references(tmp_path: Path) -> None:
    assert check(tmp_path, """
        territories:
          - {level: COMMUNE, code: "3095", name: X, source: s}
          - {level: REGION, code: "084", name: X, source: s}
          - {level: EPCI, code: "20007114", name: X, source: s}
          - {level: DEPARTEMENT, code: "2A", name: Corse-du-Sud, source: s}
          - {level: CANTON, code: "01", name: X, source: s}
        organizations:
          - id: o
            name: O
            kind: OTHER
            covers: [{territory: "Region:84"}, {territory: "region-84"}, {territory: "commune:3095"}]
        """) == [
        (2, "territories[0]", "code", "'3095' is not a commune code: expected 5 characters: 2 digits (or 2A/2B) and "
         "3 digits"),
        (3, "territories[1]", "code", "'084' is not a region code: expected 2 digits"),
        (4, "territories[2]", "code", "'20007114' is not a epci code: expected 9 digits (SIREN)"),
        (6, "territories[4]", "level", "'CANTON' is not one of REGION, DEPARTEMENT, EPCI, PAYS, COMMUNE, COLLECTIVITE"),
        (11, "organizations[0]", "covers[0].territory", "'Region:84' is not a territory id: expected "
         "\"<level>:<code>\" such as \"commune:03095\" or \"region:84\""),
        (11, "organizations[0]", "covers[1].territory", "'region-84' is not a territory id: expected "
         "\"<level>:<code>\" such as \"commune:03095\" or \"region:84\""),
        (11, "organizations[0]", "covers[2].territory", "'commune:3095' is not a territory id: a commune code is "
         "5 characters: 2 digits (or 2A/2B) and 3 digits"),
    ]


def test_keys_given_twice_in_one_load(tmp_path: Path) -> None:
    first = records_of(tmp_path, """
        organizations:
          - {id: o1, name: Alpha, kind: OTHER, siren: "123456789"}
          - {id: o2, name: Beta, acronym: ALPHA, kind: OTHER}
        roles:
          - {person: p, organization: o1, title: Président, source: s}
          - {person: p, organization: o1, title: Trésorier, source: s}
        territories:
          - {level: COMMUNE, code: "99901", name: X, source: s}
        """, "a.yaml")
    second = records_of(tmp_path, """
        organizations:
          - {id: o1, name: Gamma, kind: OTHER}
          - {id: o3, name: Delta, kind: OTHER, siren: "123456789"}
        roles:
          - {person: p, organization: o1, title: Président, source: s}
        territories:
          - {level: COMMUNE, code: "99901", name: Y, source: s}
          - {level: EPCI, code: "999999901", name: X, source: s}
        """, "b.yaml")
    out = Validation()
    check_keys([*first, *second], out)
    a, b = str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")
    assert [(e.file, e.line, e.record, e.field, e.message) for e in out.errors] == [
        (b, 2, "organizations[0]", "id", f"duplicate id 'o1': also at {a}:2 (organizations[0])"),
        (b, 5, "roles[0]", "title", f"duplicate role 'Président' of p in o1: also at {a}:5 (roles[0])"),
        (b, 7, "territories[0]", "code", f"duplicate territory commune:99901: also at {a}:8 (territories[0])"),
        (a, 3, "organizations[1]", "acronym", f"slug 'alpha' (from the acronym) is also that of organization 'o1' at "
         f"{a}:2 (organizations[0]); it must be unique"),
        (b, 3, "organizations[1]", "siren", f"siren 123456789 is also that of organization 'o1' at {a}:2 "
         "(organizations[0]); it must be unique"),
    ]


class FakeGraph:
    """A graph holding a few nodes; counts the queries it answers."""

    def __init__(self) -> None:
        self.nodes: dict[Ref, dict[str, Location | None]] = {
            Ref.SOURCE: {"src-db": None},
            Ref.COMMUNE: {"commune:03095": (46.13, 3.45)},
            Ref.TERRITORY: {"commune:03095": (46.13, 3.45), "region:84": None},
            Ref.ORGANIZATION: {"org-db": None},
        }
        # "beta" is o1's slug in the graph, but this load renames o1: o3 may take it.
        self.slugs = {"taken": "org-db", "mine": "o1", "beta": "o1"}
        self.calls: list[tuple[str, int]] = []

    async def existing(self, kind: Ref, ids: Sequence[str]) -> Mapping[str, Location | None]:
        self.calls.append((kind.value, len(ids)))
        known = self.nodes.get(kind, {})
        return {i: known[i] for i in ids if i in known}

    async def holders(self, prop: str, pairs: Sequence[tuple[str, str]]) -> Sequence[tuple[str, str]]:
        self.calls.append((prop, len(pairs)))
        if prop != "slug":
            return []
        return [(value, self.slugs[value]) for value, oid in pairs if value in self.slugs and self.slugs[value] != oid]


async def test_references_resolve_against_the_load_then_the_graph_in_one_query_per_kind(tmp_path: Path) -> None:
    records = records_of(tmp_path, """
        sources:
          - {id: src-load}
        organizations:
          - {id: o1, name: Mine, kind: OTHER, commune: "03095", cited: [{source: src-db}, {source: src-load}]}
          - id: o2
            name: O2
            acronym: Taken
            kind: OTHER
            commune: "99999"
            covers: [{territory: "region:84"}, {territory: "region:99"}]
            cited: [{source: src-missing}, {source: src-missing}]
          - {id: o3, name: Beta, kind: OTHER}
        relations:
          - {type: FUNDS, from: org-db, to: o1, source: src-load}
          - {type: FUNDS, from: org-missing, to: o2, source: src-load}
        roles:
          - {person: nobody, organization: o1, title: T, source: src-load}
        """)
    out = Validation()
    for record in records:
        check_record(record, out)
    assert out.errors == []
    graph = FakeGraph()
    organizations = [r for r in records if r.section == "organizations"]
    communes = await check_against_graph(out.references, organizations, defined_in_load(records), graph, out)
    assert communes == {"commune:03095": (46.13, 3.45)}
    assert [(e.line, e.record, e.field, e.message) for e in out.errors] == [
        (9, "organizations[1]", "commune", "unknown commune '99999': not in this load nor in the graph "
         "(no commune has this code)"),
        (10, "organizations[1]", "covers[1].territory", "unknown territory 'region:99': not in this load nor in the "
         "graph"),
        (11, "organizations[1]", "cited[0].source", "unknown source 'src-missing': not in this load nor in the graph"),
        (11, "organizations[1]", "cited[1].source", "unknown source 'src-missing': not in this load nor in the graph"),
        (15, "relations[1]", "from", "unknown organization 'org-missing': not in this load nor in the graph"),
        (17, "roles[0]", "person", "unknown person 'nobody': not in this load nor in the graph"),
        (7, "organizations[1]", "acronym", "slug 'taken' (from the acronym) already belongs to organization 'org-db' "
         "in the graph; it must be unique"),
    ]
    # One query per kind of reference that the load does not define itself, with only the missing ids.
    assert sorted(graph.calls) == sorted([
        ("source", 2), ("organization", 2), ("person", 1), ("territory", 2), ("commune", 2), ("slug", 3),
    ])


def test_a_field_given_twice_is_an_error(tmp_path: Path) -> None:
    assert check(tmp_path, """
        people:
          - id: p
            name: P
            name: Q
            cited:
              - {source: s, excerpt: a, excerpt: b}
        """) == [
        (4, "people[0]", "name", "given twice"),
        (6, "people[0]", "cited[0].excerpt", "given twice"),
    ]
