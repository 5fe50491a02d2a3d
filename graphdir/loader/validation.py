"""Checking records: each one against its section's spec, then the load as a whole, then against the graph.

Three passes, each collecting every error it finds (nothing stops at the first):

1. `check_record`: types, required fields, allowed values, unknown fields, fields given twice, shapes (SIREN, codes,
   URLs), partial dates that are real calendar dates, date order (since <= until), inferred values with their note.
   It also lists the references the record makes.
2. `check_keys`: natural keys given twice in the load (an id, a territory, a role, a relation) and organization
   fields the graph keeps unique (slug, SIREN, SIRET, RNA).
3. `check_against_graph`: references that the load does not define must exist in the graph (one batched read per
   kind, through a `GraphLookup`), and the unique organization fields must not belong to another organization there.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from graphdir.loader import errors as codes
from graphdir.loader.dates import DateError, PartialDate, may_precede, parse_partial_date, parse_time
from graphdir.loader.errors import LoadError
from graphdir.loader.france import in_france
from graphdir.loader.reading import LineDict, Record
from graphdir.loader.specs import LEVEL_CODES, LEVELS, SECTION_SPECS, Field, Ref, Type
from graphdir.text import slugify
from graphdir.vocabulary import TerritoryLevel

Location = tuple[float, float]  # (latitude, longitude)


@dataclass(frozen=True, slots=True)
class Reference:
    kind: Ref
    value: str  # as the graph knows it: an id, or a territory id "commune:03095" for a bare commune code
    record: Record
    field: str
    line: int


@dataclass(slots=True)
class Checked:
    """A record that passed pass 1 (its references are not resolved yet)."""

    record: Record
    dates: dict[str, PartialDate] = field(default_factory=dict)  # top-level date fields, parsed

    @property
    def data(self) -> LineDict:
        return self.record.data


@dataclass
class Validation:
    checked: list[Checked] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    errors: list[LoadError] = field(default_factory=list)


def territory_id(level: str, code: str) -> str:
    return TerritoryLevel(level).territory_id(code)


def commune_id(code: str) -> str:
    return TerritoryLevel.COMMUNE.territory_id(code)


def establishment_id(siret: str) -> str:
    """The graph id of an establishment: from its SIRET, which never changes."""
    return f"siret-{siret}"


def describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


# --- Pass 1: one record ----------------------------------------------------------------------------------------------


_RULES: dict[int, tuple[tuple[str, ...], tuple[tuple[str, str], ...]]] = {}


def _rules(spec: Mapping[str, Field]) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """The required fields of a spec, and its (xInferred, xNote) pairs: an inferred value needs its note."""
    found = _RULES.get(id(spec))
    if found is None:
        required = tuple(key for key, f in spec.items() if f.required)
        inferred = []
        for key in spec:
            note = "note" if key == "inferred" else key[: -len("Inferred")] + "Note"
            if (key == "inferred" or key.endswith("Inferred")) and note in spec:
                inferred.append((key, note))
        found = _RULES[id(spec)] = (required, tuple(inferred))
    return found


class _RecordCheck:
    def __init__(self, record: Record, out: Validation) -> None:
        self.record = record
        self.out = out
        self.failed = False

    def error(self, path: str, line: int, message: str, code: str = codes.INVALID_VALUE) -> None:
        self.failed = True
        self.out.errors.append(LoadError(self.record.file, line or self.record.line, self.record.label, path, message,
                                         code))

    def reference(self, kind: Ref, value: str, path: str, line: int) -> None:
        self.out.references.append(Reference(kind, value, self.record, path, line or self.record.line))

    def mapping(
        self,
        data: LineDict,
        spec: Mapping[str, Field],
        order: Iterable[tuple[str, str]],
        prefix: str,
    ) -> dict[str, PartialDate]:
        """Check a mapping against its fields; return its date fields, parsed."""
        dates: dict[str, PartialDate] = {}
        for key, line in data.duplicate_keys:
            self.error(prefix + key, line, "given twice", codes.DUPLICATE)
        for key, value in data.items():
            path = prefix + key
            line = data.line_of(key)
            if key not in spec:
                self.error(path, line, f"unknown field (expected one of: {', '.join(spec)})", codes.UNKNOWN_FIELD)
                continue
            if value is None:
                if spec[key].required:
                    self.error(path, line, "required, must not be null", codes.REQUIRED)
                continue
            parsed = self.value(spec[key], value, path, line)
            if isinstance(parsed, PartialDate):
                dates[key] = parsed
        required, inferred = _rules(spec)
        for key in required:
            if key not in data:
                self.error(prefix + key, data.line, "required field missing", codes.REQUIRED)
        for earlier, later in order:
            if earlier in dates and later in dates and not may_precede(dates[earlier], dates[later]):
                self.error(prefix + later, data.line_of(later),
                           f"{later} {dates[later].text} is before {earlier} {dates[earlier].text}", codes.DATE_ORDER)
        for key, note in inferred:
            if data.get(key) is True and not data.get(note):
                self.error(prefix + note, data.line_of(key), f"required when {key} is true: say what it is "
                           "inferred from", codes.REQUIRED)
        return dates

    def value(self, spec: Field, value: Any, path: str, line: int) -> Any:
        """Check one value; return it parsed (dates) or as given, or None when it is wrong."""
        kind = spec.type
        if kind in (Type.STRING, Type.ID):
            return self.string(spec, value, path, line)
        if kind in (Type.INT, Type.NUMBER):
            ok = isinstance(value, int) and not isinstance(value, bool)
            if kind is Type.NUMBER and isinstance(value, float):
                ok = math.isfinite(value)
            if not ok:
                return self.wrong(spec, value, path, line)
            if spec.minimum is not None and value < spec.minimum:
                self.error(path, line, f"{value} is below the minimum {spec.minimum:g}", codes.OUT_OF_RANGE)
                return None
            if spec.maximum is not None and value > spec.maximum:
                self.error(path, line, f"{value} is above the maximum {spec.maximum:g}", codes.OUT_OF_RANGE)
                return None
            return value
        if kind is Type.BOOL:
            return value if isinstance(value, bool) else self.wrong(spec, value, path, line)
        if kind in (Type.DATE, Type.DATETIME, Type.TIME):
            if not isinstance(value, str):
                return self.wrong(spec, value, path, line)
            try:
                if kind is Type.TIME:
                    return parse_time(value)
                return parse_partial_date(value, allow_time=kind is Type.DATETIME)
            except DateError as exc:
                self.error(path, line, str(exc), codes.INVALID_DATE)
                return None
        if kind in (Type.STRINGS, Type.IDS):
            if not isinstance(value, list):
                return self.wrong(spec, value, path, line)
            item_spec = Field(Type.STRING, values=spec.values, pattern=spec.pattern, pattern_hint=spec.pattern_hint,
                              ref=spec.ref)
            for index, item in enumerate(value):
                self.string(item_spec, item, f"{path}[{index}]", line)
            return value
        if kind is Type.OBJECT:
            if not isinstance(value, LineDict):
                return self.wrong(spec, value, path, line)
            self.mapping(value, spec.fields, spec.order, path + ".")
            return value
        if kind is Type.OBJECTS:
            if not isinstance(value, list):
                return self.wrong(spec, value, path, line)
            for index, item in enumerate(value):
                item_path = f"{path}[{index}]"
                if not isinstance(item, LineDict):
                    self.error(item_path, line, f"expected a mapping, got {describe(item)}")
                    continue
                self.mapping(item, spec.fields, spec.order, item_path + ".")
            return value
        raise AssertionError(kind)

    def wrong(self, spec: Field, value: Any, path: str, line: int) -> Any:
        """Report a value of the wrong type; returns None."""
        hint = ""
        if spec.type in (Type.STRING, Type.ID, Type.DATE, Type.DATETIME, Type.TIME) and isinstance(value, int | float):
            hint = " (quote it)"
        self.error(path, line, f"expected {spec.type.value}, got {describe(value)}{hint}")
        return None

    def string(self, spec: Field, value: Any, path: str, line: int) -> str | None:
        if not isinstance(value, str):
            self.wrong(Field(Type.STRING) if spec.type is not Type.ID else spec, value, path, line)
            return None
        if not value.strip():
            self.error(path, line, "must not be empty", codes.REQUIRED)
            return None
        if spec.values and value not in spec.values:
            self.error(path, line, f"{value!r} is not one of {', '.join(spec.values)}")
            return None
        if spec.pattern is not None and not spec.pattern.fullmatch(value):
            self.error(path, line, f"{value!r} is not valid: expected {spec.pattern_hint}", codes.INVALID_FORMAT)
            return None
        if spec.ref is Ref.TERRITORY:
            parsed = parse_territory_ref(value)
            if isinstance(parsed, str):
                self.error(path, line, parsed, codes.INVALID_FORMAT)
                return None
            self.reference(Ref.TERRITORY, territory_id(*parsed), path, line)
        elif spec.ref is Ref.COMMUNE:
            self.reference(Ref.COMMUNE, commune_id(value), path, line)
        elif spec.ref is not None:
            self.reference(spec.ref, value, path, line)
        return value


def parse_territory_ref(value: str) -> tuple[str, str] | str:
    """("COMMUNE", "03095") from "commune:03095", or the error message."""
    level, sep, code = value.partition(":")
    shape = 'expected "<level>:<code>" such as "commune:03095" or "region:84"'
    if not sep or level.upper() not in LEVELS or level != level.lower():
        return f"{value!r} is not a territory id: {shape}"
    pattern, hint = LEVEL_CODES[level.upper()]
    if not pattern.fullmatch(code):
        return f"{value!r} is not a territory id: a {level} code is {hint}"
    return level.upper(), code


def check_record(record: Record, out: Validation) -> None:
    spec = SECTION_SPECS[record.section]
    check = _RecordCheck(record, out)
    dates = check.mapping(record.data, spec.fields, spec.order, "")
    data = record.data
    section = record.section
    if section == "territories":
        level, code = data.get("level"), data.get("code")
        if isinstance(level, str) and level in LEVEL_CODES and isinstance(code, str) and code.strip():
            pattern, hint = LEVEL_CODES[level]
            if not pattern.fullmatch(code):
                check.error("code", data.line_of("code"), f"{code!r} is not a {level.lower()} code: expected {hint}",
                            codes.INVALID_FORMAT)
            else:
                own = territory_id(level, code)
                for key in ("parents", "successors"):
                    for index, link in enumerate(data.get(key) or []):
                        if isinstance(link, LineDict) and link.get("territory") == own:
                            check.error(f"{key}[{index}].territory", link.line_of("territory"),
                                        "a territory cannot refer to itself")
    elif section == "organizations":
        siren, siret = data.get("siren"), data.get("siret")
        if isinstance(siren, str) and isinstance(siret, str) and not siret.startswith(siren):
            check.error("siret", data.line_of("siret"), f"SIRET {siret} does not start with the SIREN {siren}")
    elif section == "relations":
        if isinstance(data.get("from"), str) and data.get("from") == data.get("to"):
            check.error("to", data.line_of("to"), "an organization cannot be related to itself")
    elif section == "events":
        for key in ("partOf", "follows"):
            if isinstance(data.get(key), str) and data.get(key) == data.get("id"):
                check.error(key, data.line_of(key), "an event cannot refer to itself")
    if section in ("organizations", "establishments") and not check.failed:
        point = location_of(data.get("location"))
        if point is not None and not in_france(*point):
            check.error("location", data.line_of("location"), f"({point[0]:g}, {point[1]:g}) is not in France: "
                        "latitude and longitude swapped, or a sign lost?", codes.OUT_OF_RANGE)
    if not check.failed:
        out.checked.append(Checked(record, dates))


# --- Pass 2: keys across the load -----------------------------------------------------------------------------------


def record_key(record: Record) -> tuple[str, str] | None:
    """(field to blame, natural key) of a record, or None when its key fields are not usable."""
    data, section = record.data, record.section
    if section == "territories":
        level, code = data.get("level"), data.get("code")
        if isinstance(level, str) and level in LEVELS and isinstance(code, str):
            return "code", territory_id(level, code)
        return None
    if section == "roles":
        parts = (data.get("person"), data.get("organization"), data.get("title"))
        return ("title", "\x1f".join(parts)) if all(isinstance(p, str) for p in parts) else None  # type: ignore[arg-type]
    if section == "relations":
        parts = (data.get("type"), data.get("from"), data.get("to"))
        return ("to", "\x1f".join(parts)) if all(isinstance(p, str) for p in parts) else None  # type: ignore[arg-type]
    if section == "establishments":
        siret = data.get("siret")
        return ("siret", siret) if isinstance(siret, str) else None
    value = data.get("id")
    return ("id", value) if isinstance(value, str) else None


def describe_key(section: str, key: str) -> str:
    if section == "territories":
        return f"territory {key}"
    if section == "roles":
        person, organization, title = key.split("\x1f")
        return f"role {title!r} of {person} in {organization}"
    if section == "relations":
        kind, source, target = key.split("\x1f")
        return f"relation {source} {kind} {target}"
    if section == "establishments":
        return f"establishment SIRET {key}"
    return f"id {key!r}"


def where(record: Record) -> str:
    return f"{record.file}:{record.line} ({record.label})"


def organization_slug(data: Mapping[str, Any]) -> tuple[str, str] | None:
    """(field it comes from, slug) of an organization: its `slug`, else the slug of its acronym, else of its name."""
    if isinstance(data.get("slug"), str):
        return "slug", data["slug"]
    for key in ("acronym", "name"):
        value = data.get(key)
        if isinstance(value, str):
            slug = slugify(value)
            if slug:
                return key, slug
    return None


UNIQUE_ORGANIZATION_FIELDS = ("slug", "siren", "siret", "rna")


def unique_values(record: Record) -> dict[str, tuple[str, str]]:
    """The values an organization must not share: {property: (field to blame, value)}; computed once per record."""
    if record.derived is not None:
        cached: dict[str, tuple[str, str]] = record.derived["unique"]
        return cached
    values: dict[str, tuple[str, str]] = {}
    slug = organization_slug(record.data)
    if slug is not None:
        values["slug"] = slug
    for key in ("siren", "siret", "rna"):
        value = record.data.get(key)
        if isinstance(value, str):
            values[key] = (key, value)
    record.derived = {"unique": values}
    return values


def check_keys(records: Sequence[Record], out: Validation) -> None:
    first: dict[tuple[str, str], Record] = {}
    for record in records:
        found = record_key(record)
        if found is None:
            continue
        blame, key = found
        seen = first.setdefault((record.section, key), record)
        if seen is not record:
            out.errors.append(LoadError(record.file, record.data.line_of(blame), record.label, blame,
                                        f"duplicate {describe_key(record.section, key)}: also at {where(seen)}",
                                        codes.DUPLICATE))
    holders: dict[tuple[str, str], Record] = {}
    for record in records:
        if record.section != "organizations":
            continue
        for prop, (blame, value) in unique_values(record).items():
            seen = holders.setdefault((prop, value), record)
            if seen is not record and seen.data.get("id") != record.data.get("id"):
                what = f"slug {value!r} (from the {blame})" if prop == "slug" else f"{prop} {value}"
                out.errors.append(LoadError(record.file, record.data.line_of(blame), record.label, blame,
                                            f"{what} is also that of organization {seen.data.get('id')!r} at "
                                            f"{where(seen)}; it must be unique", codes.NOT_UNIQUE))


# --- Pass 3: against the graph ---------------------------------------------------------------------------------------


class GraphLookup(Protocol):
    async def existing(self, kind: Ref, ids: Sequence[str]) -> Mapping[str, Location | None]:
        """Of `ids`, those the graph holds (for communes, with their location)."""
        ...

    async def holders(self, prop: str, pairs: Sequence[tuple[str, str]]) -> Sequence[tuple[str, str]]:
        """For (value, id) pairs: the (value, other id) of organizations other than `id` holding that value."""
        ...


@dataclass(frozen=True)
class Defined:
    """What the load itself defines, by reference kind."""

    ids: Mapping[Ref, frozenset[str]]
    commune_locations: Mapping[str, Location | None]  # territory id -> location, communes of the load


def defined_in_load(records: Iterable[Record], known: Mapping[Ref, Iterable[str]] | None = None) -> Defined:
    """`known`: ids defined elsewhere than in the graph or these records (earlier batches of a dry run)."""
    ids: dict[Ref, set[str]] = defaultdict(set)
    for kind, values in (known or {}).items():
        ids[kind].update(values)
    commune_locations: dict[str, Location | None] = {}
    section_ref = {"sources": Ref.SOURCE, "organizations": Ref.ORGANIZATION, "people": Ref.PERSON,
                   "events": Ref.EVENT}
    for record in records:
        data = record.data
        if record.section in section_ref and isinstance(data.get("id"), str):
            ids[section_ref[record.section]].add(data["id"])
        elif record.section == "territories":
            key = record_key(record)
            if key is None:
                continue
            ids[Ref.TERRITORY].add(key[1])
            if data.get("level") == TerritoryLevel.COMMUNE.value:
                ids[Ref.COMMUNE].add(key[1])
                commune_locations[key[1]] = location_of(data.get("location"))
    return Defined({kind: frozenset(values) for kind, values in ids.items()}, commune_locations)


def location_of(value: Any) -> Location | None:
    """(latitude, longitude) of a record's `location` mapping, when it holds two numbers."""
    if not isinstance(value, dict):
        return None
    lat, lon = value.get("latitude"), value.get("longitude")
    if isinstance(lat, bool) or isinstance(lon, bool):
        return None
    if isinstance(lat, int | float) and isinstance(lon, int | float):
        return (float(lat), float(lon))
    return None


KIND_NAMES = {
    Ref.SOURCE: "source", Ref.ORGANIZATION: "organization", Ref.PERSON: "person", Ref.EVENT: "event",
    Ref.TERRITORY: "territory", Ref.COMMUNE: "commune",
}


async def check_against_graph(
    references: Sequence[Reference],
    organizations: Sequence[Record],
    defined: Defined,
    graph: GraphLookup,
    out: Validation,
) -> dict[str, Location | None]:
    """Report references found neither in the load nor in the graph; return the graph communes' locations."""
    wanted: dict[Ref, set[str]] = defaultdict(set)
    for ref in references:
        if ref.value not in defined.ids.get(ref.kind, frozenset()):
            wanted[ref.kind].add(ref.value)
    found: dict[Ref, Mapping[str, Location | None]] = {}
    for kind in Ref:
        found[kind] = await graph.existing(kind, sorted(wanted[kind])) if wanted[kind] else {}
    for ref in references:
        if ref.value in defined.ids.get(ref.kind, frozenset()) or ref.value in found[ref.kind]:
            continue
        shown = ref.value.removeprefix("commune:") if ref.kind is Ref.COMMUNE else ref.value
        hint = " (no commune has this code)" if ref.kind is Ref.COMMUNE else ""
        out.errors.append(LoadError(ref.record.file, ref.line, ref.record.label, ref.field,
                                    f"unknown {KIND_NAMES[ref.kind]} {shown!r}: not in this load nor in the "
                                    f"graph{hint}", codes.UNKNOWN_REFERENCE))
    load_ids = {r.data.get("id") for r in organizations}
    by_prop: dict[str, dict[tuple[str, str], Record]] = {prop: {} for prop in UNIQUE_ORGANIZATION_FIELDS}
    for record in organizations:
        oid = record.data.get("id")
        if isinstance(oid, str):
            for prop, (_, value) in unique_values(record).items():
                by_prop[prop][(value, oid)] = record
    for prop, by_pair in by_prop.items():
        if not by_pair:
            continue
        holding: dict[str, list[Record]] = defaultdict(list)
        for (value, _), record in by_pair.items():
            holding[value].append(record)
        for value, other in await graph.holders(prop, sorted(by_pair)):
            if other in load_ids:
                continue  # that organization is in this load: its new value is what counts (checked in pass 2)
            for record in holding[value]:
                blame = unique_values(record)[prop][0]
                what = f"slug {value!r} (from the {blame})" if prop == "slug" else f"{prop} {value}"
                out.errors.append(LoadError(record.file, record.data.line_of(blame), record.label, blame,
                                            f"{what} already belongs to organization {other!r} in the graph; it must "
                                            "be unique", codes.NOT_UNIQUE))
    return dict(found[Ref.COMMUNE])
