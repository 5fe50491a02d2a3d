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
from graphdir.loader.owned_fields import decode, own_location, owned_rows
from graphdir.loader.planning import EdgeRow, NodeRow
from graphdir.loader.reading import Record
from graphdir.loader.specs import SECTION_SPECS
from graphdir.loader.validation import Location, commune_id

BATCH = 10_000
# Stored with the object, carried through the plan (graphdir.loader.planning.KEPT_WITH).
VERSION, EDITED_FIELDS = "version", "editedFields"
COVER_DATES = ("since", "until")

EDITED: Final = """
UNWIND $ids AS id
MATCH (o:Organization {id: id})
WITH id, o, [(o)-[r:COVERS]->(t) WHERE r.version IS NOT NULL | [t.id, properties(r)]] AS covers
WHERE o.editedFields IS NOT NULL OR o.version IS NOT NULL OR covers <> []
RETURN collect({id: id, props: properties(o), commune: [(o)-[:LOCATED_IN]->(c:Commune) | [c.code, c.location]][0],
                covers: covers, cited: [(o)-[c:CITED_IN]->(s) | [s.id, c.excerpt]]}) AS found
"""

# The other sections the API edits: their label and how a report names one of their records.
NODES: Final = {"people": ("Person", "person"), "conventions": ("Convention", "convention"),
                "figures": ("Figure", "figure")}
# The relationship's key properties beyond its ends: a role is keyed by its title, or by a title it had before the
# API renamed it (`formerTitles`), which is how the files still name it.
EDGES: Final = {"relations": "", "roles": " AND (r.title = key.title OR key.title IN coalesce(r.formerTitles, []))"}
# A record of these sections names one source (`source`, `excerpt`); the others list theirs (`cited`).
ONE_SOURCE: Final = ("relations", "roles", "figures")
# What a role renamed through the API carries through the plan, so that the files' title still finds it.
FORMER_TITLES = "formerTitles"


def _edited_nodes(section: str) -> str:
    return f"""
UNWIND $keys AS key
MATCH (n:{NODES[section][0]} {{id: key.id}})
WHERE n.editedFields IS NOT NULL OR n.version IS NOT NULL
RETURN collect({{key: key.id, props: properties(n), owned: {owned_rows(section)}}}) AS found
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


def _same(now: Any, given: Any) -> bool:
    """Whether two values of a field are the same: a list of objects (parties) in any order."""
    if isinstance(now, list) and isinstance(given, list) and any(isinstance(item, dict) for item in now + given):
        return sorted(map(repr, now)) == sorted(map(repr, given))
    return bool(now == given)


def _with_citations(data: dict[str, Any], graph: Sequence[tuple[str, str | None]]) -> None:
    """The record cites, besides the file's sources, those the graph has that the file lacks: the ones the API's
    edits cited, which a load must not take from the facts they state. A source both cite keeps the graph's excerpt
    when the file gives none."""
    excerpts = dict(graph)
    cited = [{**item, "excerpt": excerpts[item["source"]]} if item.get("excerpt") is None
             and excerpts.get(item["source"]) is not None else item for item in data.get("cited") or []]
    named = {item["source"] for item in cited}
    cited += [{"source": source, "excerpt": excerpt} for source, excerpt in graph if source not in named]
    if cited:
        data["cited"] = cited


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
        query = _edited_nodes(section) if section in NODES else _edited_edges(section)
        keys = [_params(r) for r in records]
        found: dict[Any, Mapping[str, Any]] = {}
        for start in range(0, len(keys), BATCH):
            rows, _, _ = await driver.execute_query(query, {"keys": keys[start:start + BATCH]}, database_=database,
                                                    routing_="r")
            found.update((row["key"], row) for row in rows[0]["found"])
        for record, key in zip(records, keys, strict=True):
            row = found.get(key.get("key", key.get("id")))
            if row is not None:
                self._keep(record, row["props"], decode(section, row.get("owned") or []))

    def _keep(self, record: Record, props: Mapping[str, Any], owned: Mapping[str, Any]) -> None:
        """The record takes the graph's value of each field the API set: a stored one from the node or edge, one of
        its relationships (a convention's parties, a figure's territory) from `owned`; and what the API cited."""
        section, data = record.section, record.data
        edited = list(props.get(EDITED_FIELDS) or [])
        fields = SECTION_SPECS[section].fields
        names = [name for name in edited if name in fields]
        if edited and section in ONE_SOURCE:
            names.append("source")  # the edited facts keep the source the edit named
        graph = {**props, **owned}
        for name in names:
            self._take(record, name, graph.get(name))
        if edited and section in ONE_SOURCE:
            _put(data, "excerpt", graph.get("excerpt"))
        if "cited" in owned:
            _with_citations(data, [(item["source"], item.get("excerpt")) for item in owned["cited"]])
        if props.get(FORMER_TITLES):
            data[FORMER_TITLES] = props[FORMER_TITLES]
        self._versioned(section, data, props, edited)

    def _take(self, record: Record, name: str, now: Any, subject: str | None = None) -> None:
        given = record.data.get(name)
        if not _same(now, given):
            self.kept.append(Kept(record.file, record.line, subject or _key(record), name, now, given))
        _put(record.data, name, now)

    def _versioned(self, section: str, data: dict[str, Any], props: Mapping[str, Any], edited: list[str]) -> None:
        """The record carries the object's version and edited fields (the plan then compares them unchanged)."""
        version = int(props.get(VERSION) or 1)
        self.versions.setdefault(section, {})[_row_key(section, data)] = version
        data[VERSION] = version
        if edited:
            data[EDITED_FIELDS] = edited

    def _apply(self, record: Record, state: Mapping[str, Any]) -> None:
        props = state["props"]
        subject = f"organization {record.data['id']!r}"
        commune = state["commune"] or [None, None]
        for name in props.get(EDITED_FIELDS) or []:
            now = {"commune": commune[0], "location": own_location(props)}.get(name, props.get(name))
            if name == "commune" and now is not None:
                self.communes[commune_id(now)] = as_location(commune[1])
            self._take(record, name, now, subject)
        self._keep_covers(record, state["covers"], subject)
        _with_citations(record.data, state["cited"])
        if props.get(VERSION) is not None or props.get(EDITED_FIELDS):
            self._versioned("organizations", record.data, props, list(props.get(EDITED_FIELDS) or []))

    def _keep_covers(self, record: Record, covers: Sequence[tuple[str, Mapping[str, Any]]], subject: str) -> None:
        """Each cover the API edited (it has a version) stands as the graph has it, with its source and version."""
        if not covers:
            return
        given = {item["territory"]: item for item in record.data.get("covers") or []}
        for territory, props in covers:
            dates = _present(props, COVER_DATES)
            before = given.get(territory)
            said = None if before is None else _present(before, COVER_DATES)
            if said != dates:
                self.kept.append(Kept(record.file, record.line, subject, f"covers {territory!r}", dates, said))
            given[territory] = {"territory": territory, **dates, **_present(props, ("source", "excerpt", VERSION))}
        record.data["covers"] = list(given.values())

    def bump(self, updated: Sequence[NodeRow | EdgeRow]) -> None:
        """The objects edited through the API that this load updates are one version further."""
        for row in updated:
            version = self.versions.get(row.section, {}).get(row.key)
            if version is not None:
                row.props[VERSION] = version + 1


def _present(props: Mapping[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    return {key: props[key] for key in keys if props.get(key) is not None}


def _put(data: dict[str, Any], name: str, value: Any) -> None:
    """A value the API cleared stays clear."""
    if value is None:
        data.pop(name, None)
    else:
        data[name] = value


def _row_key(section: str, data: Mapping[str, Any]) -> Any:
    if section == "relations":
        return (data["type"], data["from"], data["to"])
    if section == "roles":
        return ("HOLDS_ROLE", data["person"], data["organization"], str(data["title"]))
    return str(data["id"])
