"""The history of loads and imports: a Change for every record a load creates or updates, written by the batch that
writes the record, in its transaction (one UNWIND per batch: graphdir.domain.history.cypher.RECORD_BATCH).

Each Change says who (`graphdir load` and its files, or `graphdir import <dataset>` and its file, edition in the
name), when, and the operation (`load.create`, `load.update`, `import.create`, `import.update`). An updated record's
Change lists each field that changed, before and after, in the seed format's names: properties as written (derived
ones left out: sortName, searchText, date bounds), and the relationships the record owns by type (an organization's
or an establishment's LOCATED_IN is `commune`, its INSEE code); so does a created relation's or role's (before: null).
The nodes a batch creates are one Change naming them all (`objectIds`, field `created`: how many), which keeps the
transaction of a bulk load (the COG's 36,000 territories) within Neo4j's memory limit; a reader takes their values
from the objects themselves. A Change cites the sources its records name, and is linked to the organizations it
concerns (an organization; the one an establishment is a site of; both ends of a relation; the organization of a
role), so that `Organization.history` shows what loads and imports did to it and `changes(since:)` lets another
directory follow.

    history = await LoadHistory.prepare(driver, database, changes, actor)   # reads the updated records' old state
    await writing.write(driver, database, steps, progress, history)          # each batch records its Changes
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction
from neo4j.spatial import Point

from graphdir.domain.editing.records import Actor
from graphdir.domain.history.cypher import LOCK_SEQUENCE, RECORD_BATCH
from graphdir.domain.history.records import encode
from graphdir.loader.planning import EDGE_DISCRIMINATORS, EDGE_ENDS, NODE_LABELS, OWNED, EdgeRow, NodeRow
from graphdir.loader.writing import Changes, Step

BATCH = 10_000
# Written by the loader from other fields, or bookkeeping: never listed as a change.
_DERIVED = frozenset({"id", "sortName", "searchText", "locationMethod", "locationApproximate", "version",
                      "editedFields"})
_OBJECT_TYPES = {"MEMBER_OF": "Membership"}


def load_actor(files: Sequence[str]) -> Actor:
    shown = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
    return Actor(id="load", name=f"graphdir load {shown}".strip(), request_id=str(uuid.uuid4()))


def import_actor(dataset: str, files: Sequence[str]) -> Actor:
    return Actor(id=f"import-{dataset}", name=f"graphdir import {dataset} {', '.join(files)}".strip(),
                 request_id=str(uuid.uuid4()))


def _bound(key: str, props: Mapping[str, Any]) -> bool:
    return any(key.endswith(suffix) and key[:-len(suffix)] in props for suffix in ("From", "To"))


def _value(value: Any) -> Any:
    if isinstance(value, Point):
        return {"latitude": value[1], "longitude": value[0]}
    if isinstance(value, dt.date | dt.datetime) or type(value).__module__.startswith("neo4j"):
        return str(value)
    if isinstance(value, list | tuple):
        return [_value(item) for item in value]
    return value


def _plain(props: Mapping[str, Any]) -> dict[str, Any]:
    return {key: _value(value) for key, value in props.items() if key not in _DERIVED and not _bound(key, props)}


def node_fields(props: Mapping[str, Any], rels: Iterable[tuple[str, bool, str, Mapping[str, Any]]]
                ) -> dict[str, Any]:
    """A node as the history lists it: its properties, and its owned relationships by type."""
    fields = _plain(props)
    grouped: dict[str, list[Any]] = {}
    for rel_type, outgoing, other, rel_props in rels:
        plain = _plain(rel_props)
        grouped.setdefault(rel_type if outgoing else f"{rel_type}<", []).append({"id": other, **plain} if plain
                                                                                 else other)
    for name, values in grouped.items():
        if name == "LOCATED_IN" and len(values) == 1 and isinstance(values[0], str):
            fields["commune"] = values[0].split(":", 1)[-1]
        else:
            fields[name] = sorted(values, key=encode)
    return fields


@cache
def _node_state(label: str, outgoing: tuple[str, ...], incoming: tuple[str, ...]) -> str:
    if label not in NODE_LABELS.values():
        raise ValueError(f"not a graphdir label: {label!r}")
    return f"""
UNWIND $ids AS id
MATCH (n:{label} {{id: id}})
RETURN collect([id, properties(n),
  [(n)-[r]->(m) WHERE type(r) IN $outgoing | [type(r), true, m.id, properties(r)]] +
  [(n)<-[r]-(m) WHERE type(r) IN $incoming | [type(r), false, m.id, properties(r)]]]) AS found
"""


@cache
def _edge_state(start: str, end: str) -> str:
    if start not in NODE_LABELS.values() or end not in NODE_LABELS.values():
        raise ValueError(f"not graphdir labels: {start!r}, {end!r}")
    return f"""
UNWIND $rows AS row
MATCH (a:{start} {{id: row.start}})-[r]->(b:{end} {{id: row.end}})
WHERE type(r) = row.type AND (row.keyName IS NULL OR r[row.keyName] = row.key)
RETURN collect([row.index, properties(r)]) AS found
"""


def _edge_key(section: str, rel_type: str, start: str, end: str, props: Mapping[str, Any]) -> tuple[str, ...]:
    return (rel_type, start, end, *(str(props.get(name, "")) for name in EDGE_DISCRIMINATORS[section]))


class LoadHistory:
    """The Changes of one load's batches (a writing.BatchRecorder)."""

    def __init__(self, actor: Actor) -> None:
        self.actor = actor
        self.kind = "import" if actor.id.startswith("import") else "load"
        self.nodes: dict[str, dict[str, NodeRow]] = {}
        self.edges: dict[str, dict[tuple[str, ...], EdgeRow]] = {}
        self.before: dict[tuple[str, Any], dict[str, Any]] = {}  # (section, id or edge key) -> fields

    @classmethod
    async def prepare(cls, driver: AsyncDriver, database: str, changes: Mapping[str, Changes], actor: Actor
                      ) -> LoadHistory:
        out = cls(actor)
        for section, change in changes.items():
            if section in NODE_LABELS:
                out.nodes[section] = {row.id: row for row in change.written if isinstance(row, NodeRow)}
                await out._read_nodes(driver, database, section, [r for r in change.updated if isinstance(r, NodeRow)])
            else:
                out.edges[section] = {_edge_key(section, r.type, r.start, r.end, r.props): r
                                      for r in change.written if isinstance(r, EdgeRow)}
                await out._read_edges(driver, database, section, [r for r in change.updated if isinstance(r, EdgeRow)])
        return out

    async def _read_nodes(self, driver: AsyncDriver, database: str, section: str, rows: Sequence[NodeRow]) -> None:
        outgoing = tuple(sorted({o.type for o in OWNED[section] if o.outgoing}))
        incoming = tuple(sorted({o.type for o in OWNED[section] if not o.outgoing}))
        query = _node_state(NODE_LABELS[section], outgoing, incoming)
        for start in range(0, len(rows), BATCH):
            ids = [row.id for row in rows[start:start + BATCH]]
            found, _, _ = await driver.execute_query(query, {"ids": ids, "outgoing": list(outgoing),
                                                             "incoming": list(incoming)},
                                                     database_=database, routing_="r")
            for graph_id, props, rels in found[0]["found"]:
                self.before[(section, graph_id)] = node_fields(props, (tuple(rel) for rel in rels))

    async def _read_edges(self, driver: AsyncDriver, database: str, section: str, rows: Sequence[EdgeRow]) -> None:
        query = _edge_state(*EDGE_ENDS[section])
        key_name = EDGE_DISCRIMINATORS[section][0] if EDGE_DISCRIMINATORS[section] else None
        for start in range(0, len(rows), BATCH):
            chunk = rows[start:start + BATCH]
            params = [{"index": i, "type": r.type, "start": r.start, "end": r.end, "keyName": key_name,
                       "key": r.props.get(key_name) if key_name else None} for i, r in enumerate(chunk)]
            found, _, _ = await driver.execute_query(query, {"rows": params}, database_=database, routing_="r")
            for index, props in found[0]["found"]:
                edge = chunk[index]
                key = _edge_key(section, edge.type, edge.start, edge.end, edge.props)
                self.before[(section, key)] = {"type": edge.type, **_plain(props)}

    async def record(self, tx: AsyncManagedTransaction, step: Step, rows: Sequence[Any]) -> None:
        assert step.section is not None
        section = step.section
        operation = f"{self.kind}.{'create' if step.created else 'update'}"
        if step.created and section in self.nodes:
            changes = [self._created_nodes(section, operation, [row["id"] for row in rows])]
        else:
            changes = [self._node_change(section, operation, row["id"]) if section in self.nodes else
                       self._edge_change(section, operation, row) for row in rows]
        written = [change for change in changes if change is not None]
        if written:
            await record_changes(tx, written, self.actor)

    def _created_nodes(self, section: str, operation: str, ids: list[str]) -> dict[str, Any] | None:
        return created_change(section, operation, [self.nodes[section][graph_id] for graph_id in ids])

    def _node_change(self, section: str, operation: str, graph_id: str) -> dict[str, Any] | None:
        row = self.nodes[section][graph_id]
        after = node_fields(row.props, ((r.type, r.outgoing, r.other, r.props) for r in row.rels))
        organizations = [graph_id] if section == "organizations" else \
            [r.other for r in row.rels if r.type == "HAS_SITE"]
        sources = [r.other for r in row.rels if r.type == "CITED_IN"]
        return _change(operation, NODE_LABELS[section], [graph_id], self.before.get((section, graph_id)), after,
                       organizations, sources, row.props.get("version"))

    def _edge_change(self, section: str, operation: str, row: Mapping[str, Any]) -> dict[str, Any] | None:
        key = _edge_key(section, row["type"], row["start"], row["end"], row["props"])
        edge = self.edges[section][key]
        organizations = [edge.start, edge.end] if section == "relations" else [edge.end]
        source = edge.props.get("source")
        return _change(operation, _OBJECT_TYPES.get(edge.type, edge.type), [edge.start, edge.end],
                       self.before.get((section, key)), {"type": edge.type, **_plain(edge.props)}, organizations,
                       [source] if source else [], edge.props.get("version"))


def created_change(section: str, operation: str, rows: Sequence[NodeRow]) -> dict[str, Any]:
    """The nodes a batch creates: one Change naming them all (a bulk load creates hundreds of thousands)."""
    ids = [row.id for row in rows]
    organizations = ids if section == "organizations" else \
        sorted({r.other for row in rows for r in row.rels if r.type == "HAS_SITE"})
    sources = sorted({r.other for row in rows for r in row.rels if r.type == "CITED_IN"})
    return {"id": str(uuid.uuid4()), "operation": operation, "objectType": NODE_LABELS[section],
            "objectIds": ids, "fields": ["created"], "before": [encode(None)], "after": [encode(len(ids))],
            "organizations": organizations, "sources": sources, "version": None}


async def record_changes(tx: AsyncManagedTransaction, changes: list[dict[str, Any]], actor: Actor) -> None:
    """Write `changes` in the transaction `tx` (which also writes what they describe)."""
    await (await tx.run(LOCK_SEQUENCE)).consume()
    await (await tx.run(RECORD_BATCH, {"changes": changes, "actorId": actor.id, "actor": actor.name,
                                       "requestId": actor.request_id})).consume()


def _change(operation: str, object_type: str, object_ids: list[str], before: Mapping[str, Any] | None,  # noqa: PLR0913
            after: Mapping[str, Any], organizations: list[str], sources: list[str], version: Any
            ) -> dict[str, Any] | None:
    old = before or {}
    names = [name for name in dict.fromkeys([*after, *old]) if old.get(name) != after.get(name)]
    if before is not None and not names:
        return None  # only derived values differ
    return {"id": str(uuid.uuid4()), "operation": operation, "objectType": object_type, "objectIds": object_ids,
            "fields": names, "before": [encode(old.get(name)) for name in names],
            "after": [encode(after.get(name)) for name in names], "organizations": organizations,
            "sources": sources, "version": version}
