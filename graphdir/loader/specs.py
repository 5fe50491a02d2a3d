"""What each section of a seed file may hold: field name -> type, required or not, allowed values, reference kind.

This is seeds/FORMAT.md as data. validation.py checks records against it; cross-field rules that a table cannot say
(since <= until, an inferred value needs its note, a SIRET starts with its SIREN) are declared here too, by name, and
implemented there. Fields not listed are errors. Allowed values come from graphdir.vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import Enum

from graphdir.vocabulary import (
    ORGANIZATION_RELATIONS,
    ConventionKind,
    ConventionStatus,
    EventKind,
    FigureUnit,
    InsertionMeasure,
    OrganizationFamily,
    OrganizationKind,
    StatementKind,
    Term,
    TerritoryLevel,
    values,
)


class Type(Enum):
    STRING = "a string"
    ID = "an id"
    INT = "an integer"
    NUMBER = "a number"
    BOOL = "true or false"
    DATE = "a date"  # partial ISO date: "2012", "2012-01", "2012-01-20"
    DATETIME = "a date or date-time"  # the above or "2012-01-20T14:00"
    TIME = "a time"  # "18:30"
    STRINGS = "a list of strings"
    OBJECT = "a mapping"
    OBJECTS = "a list of mappings"
    IDS = "a list of ids"


class Ref(Enum):
    """What a reference must resolve to, in the same load or in the graph."""

    SOURCE = "source"
    ORGANIZATION = "organization"
    PERSON = "person"
    EVENT = "event"
    TERRITORY = "territory"  # "<level>:<code>"
    COMMUNE = "commune"  # a bare commune code, "03095"


@dataclass(frozen=True)
class Field:
    type: Type
    required: bool = False
    values: tuple[str, ...] = ()  # allowed values (enumerations)
    pattern: re.Pattern[str] | None = None
    pattern_hint: str = ""
    ref: Ref | None = None
    minimum: float | None = None
    maximum: float | None = None
    # For OBJECT and OBJECTS: the fields of the nested mapping and its date-order rules.
    fields: Mapping[str, Field] = field(default_factory=dict)
    order: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Section:
    name: str
    fields: Mapping[str, Field]
    # (earlier, later) date fields: later must not fall before earlier.
    order: tuple[tuple[str, str], ...] = ()


# --- Value shapes ----------------------------------------------------------------------------------------------------

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9._-]*")
ID_HINT = "lower-case letters, digits, '-', '_' or '.'"
SIREN = re.compile(r"[0-9]{9}")
SIRET = re.compile(r"[0-9]{14}")
# W + 9 characters: digits, or a département code such as 2A / 2B / 9M in the older ones ("W2B1000123").
RNA = re.compile(r"W[0-9A-Z]{9}")
POSTAL_CODE = re.compile(r"[0-9]{5}")
URL = re.compile(r"https?://[^\s/]+\S*")
COMMUNE_CODE = re.compile(r"(?:[0-9]{2}|2[AB])[0-9]{3}")

LEVELS = values(TerritoryLevel)
# The code each territory level accepts (INSEE COG; a "pays" is not in the COG and takes a slug).
LEVEL_CODES: Mapping[str, tuple[re.Pattern[str], str]] = {
    TerritoryLevel.REGION.value: (re.compile(r"[0-9]{2}"), "2 digits"),
    TerritoryLevel.DEPARTMENT.value: (re.compile(r"[0-9]{2}|2[AB]|97[0-9]"), "2 digits, 2A, 2B or 97x"),
    TerritoryLevel.EPCI.value: (SIREN, "9 digits (SIREN)"),
    TerritoryLevel.COMMUNE.value: (COMMUNE_CODE, "5 characters: 2 digits (or 2A/2B) and 3 digits"),
    TerritoryLevel.PAYS.value: (re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*"), "letters, digits, '-' or '_'"),
    TerritoryLevel.COLLECTIVITE.value: (re.compile(r"9[78][0-9]"), "3 digits, 97x or 98x"),
}
assert set(LEVEL_CODES) == set(LEVELS)
INSERTION_MEASURES = values(InsertionMeasure)

# --- Field helpers ---------------------------------------------------------------------------------------------------

STR = Field(Type.STRING)
REQ_STR = Field(Type.STRING, required=True)
BOOL = Field(Type.BOOL)
DATE = Field(Type.DATE)
NODE_ID = Field(Type.ID, required=True, pattern=ID_PATTERN, pattern_hint=ID_HINT)


def ref(kind: Ref, *, required: bool = False) -> Field:
    if kind is Ref.COMMUNE:
        return Field(Type.STRING, required, pattern=COMMUNE_CODE, pattern_hint="a commune code such as \"03095\"",
                     ref=kind)
    if kind is Ref.TERRITORY:
        return Field(Type.STRING, required, ref=kind)
    return Field(Type.ID, required, pattern=ID_PATTERN, pattern_hint=ID_HINT, ref=kind)


def enum(terms: Iterable[Term], *, required: bool = False) -> Field:
    return Field(Type.STRING, required, values=tuple(term.value for term in terms))


def inferable(name: str, spec: Field) -> dict[str, Field]:
    """A value that may be inferred: `name`, `nameInferred: true` and `nameNote` (required when inferred)."""
    return {name: spec, f"{name}Inferred": BOOL, f"{name}Note": STR}


def objects(fields: Mapping[str, Field], *, order: tuple[tuple[str, str], ...] = ()) -> Field:
    return Field(Type.OBJECTS, fields=fields, order=order)


CITED = objects({"source": ref(Ref.SOURCE, required=True), "excerpt": STR})
SOURCED = {"source": ref(Ref.SOURCE, required=True), "excerpt": STR}
LATITUDE = Field(Type.NUMBER, required=True, minimum=-90, maximum=90)
LONGITUDE = Field(Type.NUMBER, required=True, minimum=-180, maximum=180)
LOCATION = Field(
    Type.OBJECT,
    fields={"latitude": LATITUDE, "longitude": LONGITUDE, "approximate": BOOL, "method": STR},
)
SINCE_UNTIL = (("since", "until"),)

# --- Sections --------------------------------------------------------------------------------------------------------

SOURCES = Section("sources", {
    "id": NODE_ID,
    "document": STR,
    "title": STR,
    "url": Field(Type.STRING, pattern=URL, pattern_hint="an http(s) URL"),
    **inferable("publishedOn", DATE),
})

TERRITORIES = Section("territories", {
    "level": enum(TerritoryLevel, required=True),
    "code": REQ_STR,  # checked against LEVEL_CODES[level]
    "name": REQ_STR,
    "population": Field(Type.INT, minimum=0),
    "postalCodes": Field(Type.STRINGS, pattern=POSTAL_CODE, pattern_hint="5 digits"),
    # A commune's history (seeds/territories/README.md): codes and names of the former communes now inside it.
    "formerCodes": Field(Type.STRINGS, pattern=COMMUNE_CODE, pattern_hint="an INSEE commune code"),
    "formerNames": Field(Type.STRINGS),
    "location": LOCATION,
    "validFrom": DATE,
    "validUntil": DATE,
    "parents": objects(
        {"territory": ref(Ref.TERRITORY, required=True), "since": DATE, "until": DATE}, order=SINCE_UNTIL
    ),
    "successors": objects({"territory": ref(Ref.TERRITORY, required=True), "on": Field(Type.DATE, required=True)}),
    **SOURCED,
}, order=(("validFrom", "validUntil"),))

ORGANIZATIONS = Section("organizations", {
    "id": NODE_ID,
    "name": REQ_STR,
    "acronym": STR,
    "kind": enum(OrganizationKind, required=True),
    "family": enum(OrganizationFamily),
    "legalForm": STR,
    "siren": Field(Type.STRING, pattern=SIREN, pattern_hint="9 digits"),
    "siret": Field(Type.STRING, pattern=SIRET, pattern_hint="14 digits"),
    "rna": Field(Type.STRING, pattern=RNA, pattern_hint="W followed by 9 digits or capitals"),
    "website": Field(Type.STRING, pattern=URL, pattern_hint="an http(s) URL"),
    **inferable("foundedOn", DATE),
    "description": STR,
    "address": STR,
    "commune": ref(Ref.COMMUNE),
    "location": LOCATION,
    "covers": objects(
        {"territory": ref(Ref.TERRITORY, required=True), "since": DATE, "until": DATE}, order=SINCE_UNTIL
    ),
    "synthetic": BOOL,
    # Given by importers: a stable slug for names that registers repeat (else the slug of the acronym or name), the
    # rule that gave kind and family, the SIAE list's insertion measures.
    "slug": Field(Type.STRING, pattern=ID_PATTERN, pattern_hint=ID_HINT),
    "classifiedBy": STR,
    "insertionMeasures": Field(Type.STRINGS, values=INSERTION_MEASURES),
    # A legal unit that has ceased (SIRENE etatAdministratif C, a dissolved association) stays, marked ceased, with
    # its end date when the source gives one.
    "ceased": BOOL,
    "ceasedOn": DATE,
    # The data set whose description (name, kind, family, legal form) an imported organization carries
    # (graphdir.importers.identity: a register ranks above a list); absent on curated organizations.
    "describedBy": STR,
    "cited": CITED,
}, order=(("foundedOn", "ceasedOn"),))

ESTABLISHMENTS = Section("establishments", {
    "siret": Field(Type.STRING, required=True, pattern=SIRET, pattern_hint="14 digits"),
    "organization": ref(Ref.ORGANIZATION, required=True),
    "name": STR,
    "headOffice": BOOL,
    "address": STR,
    "commune": ref(Ref.COMMUNE),
    "location": LOCATION,
    "createdOn": DATE,
    "ceased": BOOL,
    "ceasedOn": DATE,
    "describedBy": STR,
    "cited": CITED,
})

PEOPLE = Section("people", {"id": NODE_ID, "name": REQ_STR, "cited": CITED})

ROLES = Section("roles", {
    "person": ref(Ref.PERSON, required=True),
    "organization": ref(Ref.ORGANIZATION, required=True),
    "title": REQ_STR,
    "portfolio": STR,
    "since": DATE,
    "until": DATE,
    "inferred": BOOL,
    "note": STR,
    **SOURCED,
}, order=SINCE_UNTIL)

RELATIONS = Section("relations", {
    "type": enum(ORGANIZATION_RELATIONS, required=True),
    "from": ref(Ref.ORGANIZATION, required=True),
    "to": ref(Ref.ORGANIZATION, required=True),
    "role": STR,
    "since": DATE,
    "until": DATE,
    "inferred": BOOL,
    "note": STR,
    **SOURCED,
}, order=SINCE_UNTIL)

CONVENTIONS = Section("conventions", {
    "id": NODE_ID,
    "title": REQ_STR,
    "kind": enum(ConventionKind, required=True),
    "status": enum(ConventionStatus),
    **inferable("signedOn", DATE),
    "signedAt": Field(Type.TIME),
    "commune": ref(Ref.COMMUNE),
    "place": STR,
    "objectives": Field(Type.STRINGS),
    "parties": objects({"organization": ref(Ref.ORGANIZATION, required=True), "role": STR, "source": ref(Ref.SOURCE),
                        "excerpt": STR}),
    "event": ref(Ref.EVENT),
    "validFrom": DATE,
    "validUntil": DATE,
    "cited": CITED,
}, order=(("validFrom", "validUntil"),))

EVENTS = Section("events", {
    "id": NODE_ID,
    "title": REQ_STR,
    "kind": enum(EventKind, required=True),
    "startsAt": Field(Type.DATETIME),
    "endsAt": Field(Type.DATETIME),
    "dateInferred": BOOL,
    "dateNote": STR,
    "commune": ref(Ref.COMMUNE),
    "place": STR,
    "organisers": Field(Type.IDS, pattern=ID_PATTERN, pattern_hint=ID_HINT, ref=Ref.ORGANIZATION),
    "speakers": objects({"person": ref(Ref.PERSON, required=True), "title": STR, "source": ref(Ref.SOURCE),
                         "excerpt": STR}),
    "partOf": ref(Ref.EVENT),
    "follows": ref(Ref.EVENT),
    "cited": CITED,
}, order=(("startsAt", "endsAt"),))

STATEMENTS = Section("statements", {
    "id": NODE_ID,
    "organization": ref(Ref.ORGANIZATION, required=True),
    "kind": enum(StatementKind, required=True),
    "position": Field(Type.INT, minimum=1),
    "text": REQ_STR,
    **inferable("adoptedOn", DATE),
    **SOURCED,
})

FIGURES = Section("figures", {
    "id": NODE_ID,
    "publisher": ref(Ref.ORGANIZATION, required=True),
    "territory": ref(Ref.TERRITORY),
    "measure": REQ_STR,
    "value": Field(Type.NUMBER, required=True),
    "unit": enum(FigureUnit, required=True),
    **inferable("year", DATE),
    "scope": STR,
    "approximate": BOOL,
    **SOURCED,
})

# In the order they are written: what a record refers to is written before it.
SECTION_SPECS: Mapping[str, Section] = {
    s.name: s
    for s in (SOURCES, TERRITORIES, ORGANIZATIONS, ESTABLISHMENTS, PEOPLE, ROLES, RELATIONS, EVENTS, CONVENTIONS,
              STATEMENTS, FIGURES)
}
SECTIONS: tuple[str, ...] = (
    "sources", "territories", "organizations", "establishments", "people", "roles", "relations", "conventions",
    "events", "statements",
    "figures",
)
assert set(SECTIONS) == set(SECTION_SPECS)
