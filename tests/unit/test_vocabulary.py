"""graphdir.vocabulary is the one declaration of the graph's words: the GraphQL enums, the loader, the Cypher lists and
the synthetic generator take exactly its values."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest
from graphql import GraphQLEnumType

from graphdir import vocabulary as v
from graphdir.api.schema import schema
from graphdir.db.schema import CONSTRAINTS_FILE
from graphdir.domain.network.relations import NODE_TYPES
from graphdir.domain.territories.cypher import BY_CODE
from graphdir.loader import cypher as loader_cypher
from graphdir.loader.planning import LEVEL_LABELS, OWNED
from graphdir.loader.specs import SECTION_SPECS, Field
from graphdir.loader.validation import commune_id, parse_territory_ref, territory_id
from tests.loader.test_validation import check

REPO = Path(__file__).resolve().parents[2]

GRAPHQL_ENUMS: Mapping[str, type[v.Term]] = {
    "TerritoryLevel": v.TerritoryLevel,
    "OrganizationKind": v.OrganizationKind,
    "OrganizationFamily": v.OrganizationFamily,
    "PartnershipKind": v.PartnershipKind,
    "Direction": v.Direction,
    "OrganizationOrder": v.OrganizationOrder,
    "ConventionKind": v.ConventionKind,
    "ConventionStatus": v.ConventionStatus,
    "StatementKind": v.StatementKind,
    "NetworkRelation": v.NetworkRelation,
    "SearchKind": v.NodeType,
    "InsertionMeasure": v.InsertionMeasure,
}

# (section, field) -> the vocabulary its values come from.
LOADER_ENUMS: Mapping[tuple[str, str], Iterable[v.Term]] = {
    ("territories", "level"): v.TerritoryLevel,
    ("organizations", "kind"): v.OrganizationKind,
    ("organizations", "family"): v.OrganizationFamily,
    ("relations", "type"): v.ORGANIZATION_RELATIONS,
    ("conventions", "kind"): v.ConventionKind,
    ("conventions", "status"): v.ConventionStatus,
    ("events", "kind"): v.EventKind,
    ("statements", "kind"): v.StatementKind,
    ("figures", "unit"): v.FigureUnit,
    ("organizations", "insertionMeasures"): v.InsertionMeasure,
}


def test_every_graphql_enum_is_a_vocabulary() -> None:
    enums = {name for name, t in schema._schema.type_map.items()
             if isinstance(t, GraphQLEnumType) and not name.startswith("__")}
    assert enums == set(GRAPHQL_ENUMS)


@pytest.mark.parametrize(("name", "terms"), GRAPHQL_ENUMS.items())
def test_a_graphql_enum_has_exactly_the_vocabulary_s_terms(name: str, terms: type[v.Term]) -> None:
    enum = schema._schema.type_map[name]
    assert isinstance(enum, GraphQLEnumType)
    assert list(enum.values) == [term.name for term in terms]
    assert [value.description for value in enum.values.values()] == [term.description for term in terms]
    assert all(term.description for term in terms)
    if name != "SearchKind":  # its description says what it is for
        assert enum.description == terms.__doc__
    for term in terms:
        # What a client sends is the vocabulary's member, and the member is what it reads back.
        assert enum.parse_value(term.name) is term
        assert enum.serialize(term) == term.name
    with pytest.raises(Exception, match="NOT_A_TERM"):
        enum.parse_value("NOT_A_TERM")


def _enumerated(fields: Mapping[str, Field], prefix: str = "") -> Iterable[tuple[str, tuple[str, ...]]]:
    for name, spec in fields.items():
        if spec.values:
            yield prefix + name, spec.values
        yield from _enumerated(spec.fields, f"{prefix}{name}.")


def test_every_enumerated_loader_field_comes_from_the_vocabulary() -> None:
    found = {(section, name): allowed for section, spec in SECTION_SPECS.items()
             for name, allowed in _enumerated(spec.fields)}
    assert found == {key: tuple(term.value for term in terms) for key, terms in LOADER_ENUMS.items()}


def _errors(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    return [(field, message) for _, _, field, message in check(tmp_path, text)]


def test_the_loader_accepts_every_kind_and_family_and_nothing_else(tmp_path: Path) -> None:
    organizations = "".join(
        f"  - {{id: o{i}, name: O{i}, kind: {kind.value}, family: {family.value}}}\n"
        for i, (kind, family) in enumerate((k, f) for k in v.OrganizationKind for f in v.OrganizationFamily))
    assert _errors(tmp_path, "organizations:\n" + organizations) == []
    assert [field for field, _ in _errors(tmp_path, """
        organizations:
          - {id: a, name: A, kind: DEPARTMENT_COUNCIL}
          - {id: b, name: B, kind: OTHER, family: mixed}
        """)] == ["kind", "family"]


def test_the_loader_accepts_every_level_and_relation_type(tmp_path: Path) -> None:
    codes = {v.TerritoryLevel.REGION: "84", v.TerritoryLevel.DEPARTMENT: "03", v.TerritoryLevel.EPCI: "200071363",
             v.TerritoryLevel.PAYS: "vichy", v.TerritoryLevel.COMMUNE: "03095", v.TerritoryLevel.COLLECTIVITE: "975"}
    territories = "".join(f"  - {{level: {level.value}, code: \"{code}\", name: T, source: s}}\n"
                          for level, code in codes.items())
    relations = "".join(f"  - {{type: {r.value}, from: a, to: b, source: s}}\n" for r in v.ORGANIZATION_RELATIONS)
    assert _errors(tmp_path, f"territories:\n{territories}relations:\n{relations}") == []
    assert _errors(tmp_path, "relations:\n  - {type: COVERS, from: a, to: b, source: s}\n")[0][0] == "type"
    for level, code in codes.items():
        assert parse_territory_ref(f"{level.id_prefix}:{code}") == (level.value, code)
        assert territory_id(level.value, code) == level.territory_id(code)
    assert commune_id("03095") == "commune:03095"


def test_levels_have_the_labels_ids_and_constraints_the_graph_uses() -> None:
    assert {level.label for level in v.TerritoryLevel} == {"Region", "Departement", "Epci", "Pays", "Commune",
                                                           "Collectivite"}
    assert v.TerritoryLevel.DEPARTMENT.territory_id("2A") == "departement:2A"
    assert {level.value: level.label for level in v.TerritoryLevel} == LEVEL_LABELS
    constraints = CONSTRAINTS_FILE.read_text(encoding="utf-8")
    for level in v.TerritoryLevel:
        # BY_CODE looks a code up through each level's label: its unique constraint is the index it seeks.
        assert f"FOR (n:{level.label}) REQUIRE n.code IS UNIQUE" in constraints
        assert f"MATCH (t:{level.label} {{code: $code}})" in BY_CODE


def test_relationship_types_are_those_the_loader_writes() -> None:
    written = {owned.type for section in OWNED.values() for owned in section}
    written |= {relation.value for relation in v.ORGANIZATION_RELATIONS} | {v.Relationship.HOLDS_ROLE.value}
    assert written == set(v.values(v.Relationship)) == loader_cypher.REL_TYPES
    assert {level.label for level in v.TerritoryLevel} <= loader_cypher.LABELS
    assert set(v.values(v.NetworkRelation)) <= set(v.values(v.Relationship))
    assert set(v.values(v.PartnershipKind)) <= set(v.values(v.Relationship))
    assert tuple(v.values(v.NodeType)) == NODE_TYPES
    assert v.node_type_of(["Commune", "Territory"]) == "Territory"
    assert v.node_type_of(["Source"]) is None


def _generator() -> object:
    spec = importlib.util.spec_from_file_location("generate_synthetic", REPO / "scripts" / "generate_synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_generator_writes_only_vocabulary_values(tmp_path: Path) -> None:
    generator = _generator()
    shares = dict(generator.FAMILY_SHARES)  # type: ignore[attr-defined]
    assert set(shares) == set(generator.FAMILY_WORDS)  # type: ignore[attr-defined]
    assert set(shares) == {f.value for f in v.OrganizationFamily if f is not v.OrganizationFamily.MIXED}
    assert sum(shares.values()) == pytest.approx(1.0)
    generator.generate(tmp_path, organizations=300, seed=7, federations=12, conventions=5,  # type: ignore[attr-defined]
                       people=3)
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for path in sorted(tmp_path.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            for field in ("kind", "family", "type", "status"):
                if field in record:
                    seen[(record["$kind"], field)].add(record[field])
    assert seen, "the generator wrote nothing"
    for (section, field), written in seen.items():
        assert written <= set(SECTION_SPECS[section].fields[field].values), (section, field)
    assert seen[("organizations", "family")] == set(shares) | {v.OrganizationFamily.MIXED.value}


def test_the_model_lists_the_vocabulary_s_kinds_and_families() -> None:
    model = (REPO / "schema" / "MODEL.md").read_text()
    kinds = model[model.index("`Organization.kind`:"):model.index("`Organization.family`:")]
    families = model[model.index("`Organization.family`:"):model.index("or absent for public bodies")]
    assert re.findall(r"`([A-Z_]+)`", kinds) == list(v.values(v.OrganizationKind))
    assert re.findall(r"`([A-Z_]+)`", families) == list(v.values(v.OrganizationFamily))
