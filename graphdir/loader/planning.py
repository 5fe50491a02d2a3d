"""Turning checked records into the rows the graph should hold: nodes with their own relationships, and edges.

A node record owns some relationships (an organization its LOCATED_IN, COVERS and CITED_IN; a convention the
PARTY_TO that point at it; …): `OWNED` lists them per section. When a node changes, the relationships it owns are
replaced as a whole, so that a corrected commune does not leave the old LOCATED_IN behind. Roles and relations are
records of their own, keyed by (type, from, to) and, for roles, the title.

Stored values: text as written; a partial date `x` as written plus `xFrom` / `xTo` (Neo4j dates); a location as a
WGS-84 point; `searchText` and `sortName` folded by graphdir.text.fold. Absent values are left out, never null.
Everything here is pure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j.spatial import WGS84Point

from graphdir.loader.dates import PartialDate, bounds, parse_partial_date
from graphdir.loader.validation import (
    Checked,
    Location,
    commune_id,
    establishment_id,
    location_of,
    organization_slug,
    territory_id,
    unique_values,
)
from graphdir.text import fold
from graphdir.vocabulary import TerritoryLevel

# The label of the nodes of each node section (territories also get their level's label).
NODE_LABELS: Mapping[str, str] = {
    "sources": "Source",
    "territories": "Territory",
    "organizations": "Organization",
    "establishments": "Establishment",
    "people": "Person",
    "conventions": "Convention",
    "events": "Event",
    "statements": "Statement",
    "figures": "Figure",
}
LEVEL_LABELS: Mapping[str, str] = {level.value: level.label for level in TerritoryLevel}


@dataclass(frozen=True)
class Owned:
    """A relationship a node record owns: its type, whether it leaves the node, and the label at the other end."""

    type: str
    outgoing: bool
    other: str


OWNED: Mapping[str, tuple[Owned, ...]] = {
    "sources": (),
    "territories": (Owned("PART_OF", True, "Territory"), Owned("SUCCEEDED_BY", True, "Territory"),
                    Owned("CITED_IN", True, "Source")),
    "organizations": (Owned("LOCATED_IN", True, "Territory"), Owned("COVERS", True, "Territory"),
                      Owned("CITED_IN", True, "Source")),
    "establishments": (Owned("HAS_SITE", False, "Organization"), Owned("LOCATED_IN", True, "Territory"),
                       Owned("CITED_IN", True, "Source")),
    "people": (Owned("CITED_IN", True, "Source"),),
    "conventions": (Owned("PARTY_TO", False, "Organization"), Owned("SIGNED_IN", True, "Territory"),
                    Owned("SIGNED_DURING", True, "Event"), Owned("CITED_IN", True, "Source")),
    "events": (Owned("HELD_IN", True, "Territory"), Owned("ORGANISED", False, "Organization"),
               Owned("SPOKE_AT", False, "Person"), Owned("PART_OF", True, "Event"), Owned("FOLLOWS", True, "Event"),
               Owned("CITED_IN", True, "Source")),
    "statements": (Owned("HAS_STATEMENT", False, "Organization"), Owned("CITED_IN", True, "Source")),
    "figures": (Owned("PUBLISHED", False, "Organization"), Owned("FOR_TERRITORY", True, "Territory"),
                Owned("CITED_IN", True, "Source")),
}

# Edge sections: (label at the start, label at the end) and the properties that tell two edges of one type apart.
EDGE_ENDS: Mapping[str, tuple[str, str]] = {"roles": ("Person", "Organization"), "relations": ("Organization",
                                                                                             "Organization")}
EDGE_DISCRIMINATORS: Mapping[str, tuple[str, ...]] = {"roles": ("title",), "relations": ()}


@dataclass(frozen=True, slots=True)
class Rel:
    """One owned relationship of a node row."""

    type: str
    outgoing: bool
    other: str  # id of the node at the other end
    props: Mapping[str, Any]


@dataclass(slots=True)
class NodeRow:
    section: str
    label: str  # Source, Organization, … or, for territories, the level label (Commune, Region, …)
    id: str
    props: dict[str, Any]
    rels: list[Rel] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.id


@dataclass(slots=True)
class EdgeRow:
    section: str
    type: str
    start: str
    end: str
    props: dict[str, Any]

    @property
    def key(self) -> tuple[str, ...]:
        return (self.type, self.start, self.end,
                *(str(self.props.get(name, "")) for name in EDGE_DISCRIMINATORS[self.section]))


@dataclass
class Plan:
    nodes: dict[str, list[NodeRow]] = field(default_factory=dict)
    edges: dict[str, list[EdgeRow]] = field(default_factory=dict)

    def sections(self) -> list[str]:
        return [*self.nodes, *self.edges]


# --- Helpers ---------------------------------------------------------------------------------------------------------


class _Props(dict[str, Any]):
    __slots__ = ()

    def put(self, key: str, value: Any) -> None:
        if value is not None and value != []:
            self[key] = value

    def copy_fields(self, data: Mapping[str, Any], keys: Iterable[str]) -> None:
        for key in keys:
            self.put(key, data.get(key))

    def date(self, key: str, value: Any) -> None:
        """A partial date as written plus its bounds."""
        if value is None:
            return
        parsed = value if isinstance(value, PartialDate) else parse_partial_date(value, allow_time=True)
        self[key] = parsed.text
        self.update(bounds(key, parsed))

    def dates(self, data: Mapping[str, Any], keys: Iterable[str]) -> None:
        for key in keys:
            self.date(key, data.get(key))


def point(location: Location) -> WGS84Point:
    latitude, longitude = location
    return WGS84Point((float(longitude), float(latitude)))


def search_text(*parts: Any) -> str:
    return fold(" ".join(p for p in parts if isinstance(p, str)))


def cited(data: Mapping[str, Any]) -> list[Rel]:
    rels = []
    for item in data.get("cited") or []:
        props = _Props()
        props.put("excerpt", item.get("excerpt"))
        rels.append(Rel("CITED_IN", True, item["source"], props))
    return rels


def source_rel(data: Mapping[str, Any]) -> list[Rel]:
    """CITED_IN for records that name one `source` (and maybe an `excerpt`) at the top level."""
    if not data.get("source"):
        return []
    props = _Props()
    props.put("excerpt", data.get("excerpt"))
    return [Rel("CITED_IN", True, data["source"], props)]


def validity(item: Mapping[str, Any], extra: Iterable[str] = ()) -> _Props:
    props = _Props()
    props.copy_fields(item, extra)
    props.dates(item, ("since", "until"))
    return props


# What an object edited through the API carries through the plan (graphdir.loader.api_edits).
KEPT_WITH = ("version", "editedFields")


# --- Sections --------------------------------------------------------------------------------------------------------


def plan_source(data: Mapping[str, Any]) -> NodeRow:
    props = _Props(id=data["id"])
    props.copy_fields(data, ("document", "title", "url", "publishedOnInferred", "publishedOnNote"))
    props.date("publishedOn", data.get("publishedOn"))
    return NodeRow("sources", "Source", data["id"], props)


def plan_territory(data: Mapping[str, Any]) -> NodeRow:
    level, code = data["level"], data["code"]
    tid = territory_id(level, code)
    props = _Props(id=tid, code=code, name=data["name"], level=level)
    props.copy_fields(data, ("population", "postalCodes", "formerCodes", "formerNames", "source"))
    location = data.get("location")
    if location is not None:
        found = location_of(location)
        assert found is not None
        props["location"] = point(found)
        props["locationApproximate"] = bool(location.get("approximate", False))
        props.put("locationMethod", location.get("method"))
    props.dates(data, ("validFrom", "validUntil"))
    props["searchText"] = search_text(data["name"])
    rels = [Rel("PART_OF", True, link["territory"], validity(link)) for link in data.get("parents") or []]
    for link in data.get("successors") or []:
        on = _Props()
        on.date("on", link["on"])
        rels.append(Rel("SUCCEEDED_BY", True, link["territory"], on))
    rels += source_rel(data)
    return NodeRow("territories", LEVEL_LABELS[level], tid, props, rels)


def plan_organization(data: Mapping[str, Any], communes: Mapping[str, Location | None],
                      slug: tuple[str, str] | None = None) -> NodeRow:
    """`slug`: organization_slug(data) when the caller has it already (folding a name is the costly part)."""
    props = _Props(id=data["id"], name=data["name"])
    props.copy_fields(data, ("acronym", "kind", "family", "classifiedBy", "legalForm", "siren", "siret", "rna",
                             "website", "foundedOnInferred", "foundedOnNote", "description", "address", "synthetic",
                             "insertionMeasures", "describedBy", "ceased", "version", "editedFields"))
    props.dates(data, ("foundedOn", "ceasedOn"))
    slug = slug or organization_slug(data)
    assert slug is not None
    props["slug"] = slug[1]
    # fold() leaves no "-": a slug of the name is the folded name with its spaces turned to "-".
    props["sortName"] = slug[1].replace("-", " ") if slug[0] == "name" else fold(data["name"])
    props["searchText"] = search_text(data["name"], data.get("acronym"), data.get("description"), data.get("address"))
    rels = placed(data, props, communes)
    # A cover edited through the API also has its source and version (graphdir.loader.api_edits).
    rels += [Rel("COVERS", True, item["territory"], validity(item, ("source", "excerpt", "version")))
             for item in data.get("covers") or []]
    rels += cited(data)
    return NodeRow("organizations", "Organization", data["id"], props, rels)


def placed(data: Mapping[str, Any], props: _Props, communes: Mapping[str, Location | None]) -> list[Rel]:
    """LOCATED_IN its commune, and its location: its own, else its commune's centre (approximate)."""
    rels: list[Rel] = []
    commune = data.get("commune")
    if commune is not None:
        rels.append(Rel("LOCATED_IN", True, commune_id(commune), {}))
    location = data.get("location")
    if location is not None:
        found = location_of(location)
        assert found is not None
        props["location"] = point(found)
        props["locationApproximate"] = bool(location.get("approximate", False))
        props.put("locationMethod", location.get("method"))
    elif commune is not None and communes.get(commune_id(commune)) is not None:
        centre = communes[commune_id(commune)]
        assert centre is not None
        props["location"] = point(centre)
        props["locationApproximate"] = True
        props["locationMethod"] = "commune"
    return rels


def plan_establishment(data: Mapping[str, Any], communes: Mapping[str, Location | None]) -> NodeRow:
    eid = establishment_id(data["siret"])
    props = _Props(id=eid, siret=data["siret"], headOffice=bool(data.get("headOffice", False)))
    props.copy_fields(data, ("name", "address", "describedBy", "ceased"))
    props.dates(data, ("createdOn", "ceasedOn"))
    rels = [Rel("HAS_SITE", False, data["organization"], {}), *placed(data, props, communes), *cited(data)]
    return NodeRow("establishments", "Establishment", eid, props, rels)


def plan_person(data: Mapping[str, Any]) -> NodeRow:
    props = _Props(id=data["id"], name=data["name"], searchText=search_text(data["name"]))
    props.copy_fields(data, KEPT_WITH)
    return NodeRow("people", "Person", data["id"], props, cited(data))


def plan_convention(data: Mapping[str, Any]) -> NodeRow:
    props = _Props(id=data["id"], title=data["title"])
    props.copy_fields(data, ("kind", "status", "signedOnInferred", "signedOnNote", "signedAt", "place", "objectives",
                             *KEPT_WITH))
    props.dates(data, ("signedOn", "validFrom", "validUntil"))
    props["searchText"] = search_text(data["title"], data.get("place"))
    rels: list[Rel] = []
    for party in data.get("parties") or []:
        party_props = _Props()
        party_props.copy_fields(party, ("role", "source", "excerpt"))
        rels.append(Rel("PARTY_TO", False, party["organization"], party_props))
    if data.get("commune") is not None:
        rels.append(Rel("SIGNED_IN", True, commune_id(data["commune"]), {}))
    if data.get("event") is not None:
        rels.append(Rel("SIGNED_DURING", True, data["event"], {}))
    rels += cited(data)
    return NodeRow("conventions", "Convention", data["id"], props, rels)


def plan_event(data: Mapping[str, Any]) -> NodeRow:
    props = _Props(id=data["id"], title=data["title"])
    props.copy_fields(data, ("kind", "dateInferred", "dateNote", "place"))
    props.dates(data, ("startsAt", "endsAt"))
    props["searchText"] = search_text(data["title"], data.get("place"))
    rels: list[Rel] = []
    if data.get("commune") is not None:
        rels.append(Rel("HELD_IN", True, commune_id(data["commune"]), {}))
    rels += [Rel("ORGANISED", False, organiser, {}) for organiser in data.get("organisers") or []]
    for speaker in data.get("speakers") or []:
        speaker_props = _Props()
        speaker_props.copy_fields(speaker, ("title", "source", "excerpt"))
        rels.append(Rel("SPOKE_AT", False, speaker["person"], speaker_props))
    if data.get("partOf") is not None:
        rels.append(Rel("PART_OF", True, data["partOf"], {}))
    if data.get("follows") is not None:
        rels.append(Rel("FOLLOWS", True, data["follows"], {}))
    rels += cited(data)
    return NodeRow("events", "Event", data["id"], props, rels)


def plan_statement(data: Mapping[str, Any]) -> NodeRow:
    props = _Props(id=data["id"])
    props.copy_fields(data, ("kind", "position", "text", "adoptedOnInferred", "adoptedOnNote"))
    props.date("adoptedOn", data.get("adoptedOn"))
    rels = [Rel("HAS_STATEMENT", False, data["organization"], {}), *source_rel(data)]
    return NodeRow("statements", "Statement", data["id"], props, rels)


def plan_figure(data: Mapping[str, Any]) -> NodeRow:
    props = _Props(id=data["id"])
    props.copy_fields(data, ("measure", "value", "unit", "yearInferred", "yearNote", "scope", "approximate",
                             *KEPT_WITH))
    props.date("year", data.get("year"))
    rels = [Rel("PUBLISHED", False, data["publisher"], {})]
    if data.get("territory") is not None:
        rels.append(Rel("FOR_TERRITORY", True, data["territory"], {}))
    rels += source_rel(data)
    return NodeRow("figures", "Figure", data["id"], props, rels)


def plan_role(data: Mapping[str, Any]) -> EdgeRow:
    props = validity(data, ("title", "portfolio", "inferred", "note", "source", "excerpt", *KEPT_WITH,
                            "formerTitles"))
    return EdgeRow("roles", "HOLDS_ROLE", data["person"], data["organization"], props)


def plan_relation(data: Mapping[str, Any]) -> EdgeRow:
    props = validity(data, ("role", "inferred", "note", "source", "excerpt", *KEPT_WITH))
    return EdgeRow("relations", data["type"], data["from"], data["to"], props)


def build_plan(checked: Sequence[Checked], communes: Mapping[str, Location | None]) -> Plan:
    """Rows for every checked record, sections in write order. `communes`: territory id -> location."""
    plan = Plan()
    for section in NODE_LABELS:
        plan.nodes[section] = []
    for section in EDGE_ENDS:
        plan.edges[section] = []
    for item in checked:
        data, section = item.data, item.record.section
        if section == "sources":
            plan.nodes[section].append(plan_source(data))
        elif section == "territories":
            plan.nodes[section].append(plan_territory(data))
        elif section == "organizations":
            plan.nodes[section].append(plan_organization(data, communes, unique_values(item.record).get("slug")))
        elif section == "establishments":
            plan.nodes[section].append(plan_establishment(data, communes))
        elif section == "people":
            plan.nodes[section].append(plan_person(data))
        elif section == "conventions":
            plan.nodes[section].append(plan_convention(data))
        elif section == "events":
            plan.nodes[section].append(plan_event(data))
        elif section == "statements":
            plan.nodes[section].append(plan_statement(data))
        elif section == "figures":
            plan.nodes[section].append(plan_figure(data))
        elif section == "roles":
            plan.edges[section].append(plan_role(data))
        elif section == "relations":
            plan.edges[section].append(plan_relation(data))
        else:
            raise AssertionError(section)
    return plan
