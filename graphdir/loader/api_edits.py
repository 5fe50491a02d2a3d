"""A load (or an import) keeps what was edited through the API, as imports keep curated values.

An organization edited by a mutation records which of its fields the API set (`editedFields`, seed-format names) and
has a `version`. Before a load plans its records, each organization record that names such an organization takes the
graph's value of every edited field in place of the file's (a field the API cleared stays clear), and each value the
file gives differently is reported ("edited through the API, kept"). The record also carries the organization's
version and edited fields, so that a record saying nothing new compares unchanged; one that changes something else
writes version + 1 (`bump`), and its change is in the history (graphdir.loader.history).

    edits = await ApiEdits.read(driver, database, records)   # before planning: records take the edited values
    edits.bump(changes)                                      # after comparing: updated ones get version + 1
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from neo4j import AsyncDriver

from graphdir.loader.lookup import as_location
from graphdir.loader.planning import EdgeRow, NodeRow
from graphdir.loader.reading import Record
from graphdir.loader.specs import SECTION_SPECS, Type
from graphdir.loader.validation import Location, commune_id

BATCH = 10_000
# Stored with the object, carried through the plan (graphdir.loader.planning.KEPT_WITH).
VERSION, EDITED_FIELDS = "version", "editedFields"

EDITED: Final = """
UNWIND $ids AS id
MATCH (o:Organization {id: id})
WHERE o.editedFields IS NOT NULL OR o.version IS NOT NULL
RETURN collect({id: id, props: properties(o), commune: [(o)-[:LOCATED_IN]->(c:Commune) | [c.code, c.location]][0]})
       AS found
"""

# The other sections the API edits: their label and how a report names one of their records.
NODES: Final = {"people": ("Person", "person"), "conventions": ("Convention", "convention"),
                "figures": ("Figure", "figure")}
# The relationship's key properties beyond its ends: a role is keyed by its title (graphdir.loader.planning).
EDGES: Final = {"relations": "", "roles": " AND r.title = key.title"}


def _edited_nodes(label: str) -> str:
    return f"""
UNWIND $keys AS key
MATCH (n:{label} {{id: key.id}})
WHERE n.editedFields IS NOT NULL OR n.version IS NOT NULL
RETURN collect({{key: key.id, props: properties(n)}}) AS found
"""


def _edited_edges(section: str) -> str:
    return f"""
UNWIND $keys AS key
MATCH (:{"Person" if section == "roles" else "Organization"} {{id: key.start}})-[r]->(:Organization {{id: key.end}})
WHERE type(r) = key.type{EDGES[section]} AND (r.editedFields IS NOT NULL OR r.version IS NOT NULL)
RETURN collect({{key: key.key, props: properties(r)}}) AS found
"""


def _key(record: Record) -> str:
    """How the report names the record's object; for an edge, also its key in the read's answer."""
    data = record.data
    if record.section == "relations":
        return f"relation {data['type']} {data['from']!r} -> {data['to']!r}"
    if record.section == "roles":
        return f"role {data['title']!r} of {data['person']!r} at {data['organization']!r}"
    return f"{NODES[record.section][1]} {data['id']!r}"


def _params(record: Record) -> dict[str, Any]:
    data = record.data
    if record.section == "relations":
        return {"key": _key(record), "type": data["type"], "start": data["from"], "end": data["to"]}
    if record.section == "roles":
        return {"key": _key(record), "type": "HOLDS_ROLE", "start": data["person"], "end": data["organization"],
                "title": data["title"]}
    return {"id": data["id"]}


@dataclass(frozen=True, slots=True)
class Kept:
    """A value of a file that a load did not write: the API's edit of it stands."""

    file: str
    line: int
    subject: str  # "organization 'x'", "relation MEMBER_OF 'a' -> 'b'", …
    field: str
    kept: Any
    given: Any

    def __str__(self) -> str:
        return (f"{self.file}:{self.line}: edited through the API, kept: {self.subject} "
                f"{self.field} stays {self.kept!r} (the file says {self.given!r})")


@dataclass
class ApiEdits:
    # Per section: the version of each record's object (by the row's key, graphdir.loader.planning).
    versions: dict[str, dict[Any, int]] = field(default_factory=dict)
    kept: list[Kept] = field(default_factory=list)
    # The communes the kept values name, with their locations (the plan places an organization at its commune's).
    communes: dict[str, Location | None] = field(default_factory=dict)

    @classmethod
    async def read(cls, driver: AsyncDriver, database: str, records: Sequence[Record]) -> ApiEdits:
        out = cls()
        organizations = [r for r in records if r.section == "organizations"]
        ids = [str(r.data["id"]) for r in organizations]
        states: dict[str, Mapping[str, Any]] = {}
        for start in range(0, len(ids), BATCH):
            found, _, _ = await driver.execute_query(EDITED, {"ids": ids[start:start + BATCH]}, database_=database,
                                                     routing_="r")
            states.update((row["id"], row) for row in found[0]["found"])
        for record in organizations:
            state = states.get(str(record.data["id"]))
            if state is not None:
                out._apply(record, state)
        for section in (*NODES, *EDGES):
            await out._read_others(driver, database, [r for r in records if r.section == section])
        return out

    async def _read_others(self, driver: AsyncDriver, database: str, records: Sequence[Record]) -> None:
        if not records:
            return
        section = records[0].section
        query = _edited_nodes(NODES[section][0]) if section in NODES else _edited_edges(section)
        keys = [_params(r) for r in records]
        found: dict[Any, Mapping[str, Any]] = {}
        for start in range(0, len(keys), BATCH):
            rows, _, _ = await driver.execute_query(query, {"keys": keys[start:start + BATCH]}, database_=database,
                                                    routing_="r")
            found.update((row["key"], row["props"]) for row in rows[0]["found"])
        stored = _stored(section)
        for record, key in zip(records, keys, strict=True):
            props = found.get(key.get("key", key.get("id")))
            if props is None:
                continue
            data = record.data
            edited = [name for name in props.get(EDITED_FIELDS) or [] if name in stored]
            for name in edited:
                now, given = props.get(name), data.get(name)
                if given != now:
                    self.kept.append(Kept(record.file, record.line, _key(record), name, now, given))
                if now is None:
                    data.pop(name, None)
                else:
                    data[name] = now
            version = int(props.get(VERSION) or 1)
            self.versions.setdefault(section, {})[_row_key(section, data)] = version
            data[VERSION] = version
            if edited:
                data[EDITED_FIELDS] = edited

    def _apply(self, record: Record, state: Mapping[str, Any]) -> None:
        props = state["props"]
        data = record.data
        edited = list(props.get(EDITED_FIELDS) or [])
        commune = state["commune"] or [None, None]
        for name in edited:
            now = commune[0] if name == "commune" else props.get(name)
            if name == "commune" and now is not None:
                self.communes[commune_id(now)] = as_location(commune[1])
            given = data.get(name)
            if given != now:
                self.kept.append(Kept(record.file, record.line, f"organization {data['id']!r}", name, now,
                                      given))
            if now is None:
                data.pop(name, None)
            else:
                data[name] = now
        version = int(props.get(VERSION) or 1)
        self.versions.setdefault("organizations", {})[str(data["id"])] = version
        data[VERSION] = version
        if edited:
            data[EDITED_FIELDS] = edited

    def bump(self, updated: Sequence[NodeRow | EdgeRow]) -> None:
        """The objects edited through the API that this load updates are one version further."""
        for row in updated:
            version = self.versions.get(row.section, {}).get(row.key)
            if version is not None:
                row.props[VERSION] = version + 1


def _stored(section: str) -> set[str]:
    """The section's fields a load stores under their own name on the node or edge (not owned relationships)."""
    return {name for name, spec in SECTION_SPECS[section].fields.items()
            if spec.ref is None and spec.type not in (Type.OBJECT, Type.OBJECTS)}


def _row_key(section: str, data: Mapping[str, Any]) -> Any:
    if section == "relations":
        return (data["type"], data["from"], data["to"])
    if section == "roles":
        return ("HOLDS_ROLE", data["person"], data["organization"], str(data["title"]))
    return str(data["id"])
