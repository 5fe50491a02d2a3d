"""Edits of a node that a seed section describes (a convention, a person, a figure), with what it owns.

The node is read back as the seed-format record a load would hold (its properties and the relationships the loader
says it owns, graphdir.loader.planning.OWNED), the edit changes that record, the loader checks it (graphdir.domain.
editing.checks) and plans it, and the node is written as a load writes it (graphdir.loader.cypher: all its
properties, its owned relationships replaced), with its version one more and its Change, in the edit's transaction.
The node is locked before it is read, so that two edits of it run one after the other and a stale version is seen.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graphdir.db.writer import Writer, one, rows
from graphdir.domain.editing import names, sources
from graphdir.domain.editing.checks import Draft, check
from graphdir.domain.editing.records import Actor, EditRequest, Outcome
from graphdir.domain.editing.rejected import Rejected, reject
from graphdir.domain.editing.transaction import run_edit
from graphdir.domain.history.repository import record
from graphdir.domain.history.subjects import link_change
from graphdir.domain.organizations.editing import changes_between, conflict
from graphdir.loader import cypher as load_cypher
from graphdir.loader.owned_fields import decode, owned_rows
from graphdir.loader.planning import OWNED, NodeRow
from graphdir.loader.specs import SECTION_SPECS, Type
from graphdir.text import slugify

# What every edit changes (it cites its source): not a field the API set.
_CITING = ("cited", "source", "excerpt")
# The record after an edit, from the record before and the edit's source (it may raise Rejected).
Change = Callable[[dict[str, Any], sources.ResolvedSource], dict[str, Any]]


@dataclass(frozen=True)
class NodeKind:
    """`plan`: the loader's planning of the section;
    `fields`: what a Change lists; `organizations`: the organizations of a record (its Change is linked to them);
    `paths`: where the record's fields are in the input; `cites`: True when the record lists its sources (`cited`),
    False when it names one (`source`, `excerpt`)."""

    section: str
    label: str
    prefix: str
    plan: Callable[[Mapping[str, Any]], NodeRow]
    fields: tuple[str, ...]
    organizations: Callable[[Mapping[str, Any]], list[str]]
    paths: Mapping[str, str]
    cites: bool = True


def _stored(section: str) -> tuple[str, ...]:
    """The section's fields stored as node properties under their own name (not references, not nested)."""
    return tuple(name for name, spec in SECTION_SPECS[section].fields.items()
                 if spec.ref is None and spec.type not in (Type.OBJECT, Type.OBJECTS))


def _read(label: str, section: str) -> str:
    return f"""
MATCH (n:{names.label(label)} {{id: $id}})
SET n._lock = true REMOVE n._lock
RETURN properties(n) AS props, {owned_rows(section)} AS owned
"""


async def node_data(tx: AsyncManagedTransaction, kind: NodeKind, graph_id: str
                    ) -> tuple[dict[str, Any], int, list[str]] | None:
    """The node as its section's seed-format record, its version and the fields edited through the API, locked;
    None: no such node."""
    row = await one(tx, _read(kind.label, kind.section), {"id": graph_id})
    if row is None:
        return None
    props = row["props"]
    data = {key: props[key] for key in _stored(kind.section) if props.get(key) is not None}
    data["id"] = graph_id
    data.update(decode(kind.section, [(t, bool(o), other, p) for t, o, other, p in row["owned"]]))
    return data, int(props.get("version") or 1), list(props.get("editedFields") or [])


async def write_node(tx: AsyncManagedTransaction, kind: NodeKind, row: NodeRow, version: int, *, create: bool,
                     edited: list[str]) -> None:
    """Write the planned node as a load does: its properties, then its owned relationships replaced. `edited`: the
    fields edited through the API (seed-format names), kept by a later load (graphdir.loader.api_edits)."""
    props = {**row.props, "version": version, "editedFields": edited}
    query = load_cypher.create_nodes(kind.label) if create else load_cypher.merge_nodes(kind.label)
    await rows(tx, query, {"rows": [{"id": row.id, "props": props}]})
    if not create:
        for outgoing in (True, False):
            types = tuple(sorted({o.type for o in OWNED[kind.section] if o.outgoing == outgoing}))
            if types:
                await rows(tx, load_cypher.delete_owned(kind.label, types, outgoing), {"ids": [row.id]})
    others = {o.type: o.other for o in OWNED[kind.section]}
    for rel in row.rels:
        await rows(tx, load_cypher.create_owned(kind.label, rel.type, rel.outgoing, others[rel.type]),
                   {"rows": [{"id": row.id, "other": rel.other, "props": dict(rel.props)}]})


async def delete_node(tx: AsyncManagedTransaction, kind: NodeKind, graph_id: str) -> None:
    await rows(tx, f"MATCH (n:{names.label(kind.label)} {{id: $id}}) DETACH DELETE n", {"id": graph_id})


def with_source(kind: NodeKind, data: Mapping[str, Any], source: sources.ResolvedSource) -> dict[str, Any]:
    """The record citing the edit's source: added to its sources (once), or made its one source."""
    if not kind.cites:
        return {**data, "source": source.id, "excerpt": source.excerpt}
    cited = [c for c in data.get("cited") or [] if c.get("source") != source.id]
    return {**data, "cited": [*cited, {"source": source.id, "excerpt": source.excerpt}]}


class NodeEditing:
    """Create, change and delete the nodes of one kind; each method is one edit (graphdir.domain.editing)."""

    def __init__(self, writer: Writer, kind: NodeKind) -> None:
        self.writer = writer
        self.kind = kind

    async def create(self, actor: Actor, operation: str, fields: Mapping[str, Any], name: str | None,  # noqa: PLR0913
                     edit: EditRequest, request: Any, paths: Mapping[str, str] | None = None) -> Outcome:
        """A new node of these seed-format fields; its id from `name` (made unique). `paths`: more input paths."""
        async def work(tx: AsyncManagedTransaction) -> tuple[Mapping[str, str], str | None]:
            slug = slugify(name or "")[:60].strip("-")
            graph_id = "-".join(part for part in (self.kind.prefix, slug, secrets.token_hex(3)) if part)
            data = {key: value for key, value in fields.items() if value is not None}
            return await self._write(tx, actor, operation, {}, lambda _b, _s: {**data, "id": graph_id}, (0, []),
                                     edit,
                                     paths)

        return await run_edit(self.writer, actor, operation, edit.idempotency_key, request, work)

    async def change(self, actor: Actor, operation: str, graph_id: str, change: Change,  # noqa: PLR0913
                     edit: EditRequest, request: Any, paths: Mapping[str, str] | None = None) -> Outcome:
        async def work(tx: AsyncManagedTransaction) -> tuple[Mapping[str, str], str | None]:
            before, version, edited = await self._current(tx, graph_id, edit)
            return await self._write(tx, actor, operation, before, change, (version, edited), edit, paths)

        return await run_edit(self.writer, actor, operation, edit.idempotency_key, request, work)

    async def delete(self, actor: Actor, operation: str, graph_id: str, edit: EditRequest, request: Any) -> Outcome:
        """Remove the node; its Change keeps every field it had, and the source of the removal."""
        async def work(tx: AsyncManagedTransaction) -> tuple[Mapping[str, str], str | None]:
            before, _, _ = await self._current(tx, graph_id, edit)
            source = await sources.resolve(tx, edit.source)
            if source.draft is not None:
                errors, _ = await check(tx, [source.draft])
                if errors:
                    raise Rejected(errors)
            await sources.write(tx, source)
            await delete_node(tx, self.kind, graph_id)
            change = await record(tx, actor, operation, self.kind.label,
                                  [graph_id, *self.kind.organizations(before)],
                                  changes_between(before, {}, self.kind.fields), source.id, source.excerpt, None)
            return {}, change

        return await run_edit(self.writer, actor, operation, edit.idempotency_key, request, work)

    async def _current(self, tx: AsyncManagedTransaction, graph_id: str, edit: EditRequest
                       ) -> tuple[dict[str, Any], int, list[str]]:
        ids = {self.kind.section: graph_id}
        found = await node_data(tx, self.kind, graph_id)
        if found is None:
            raise reject("input.id", f"unknown {self.kind.label.lower()} {graph_id!r}", "UNKNOWN_REFERENCE")
        before, version, edited = found
        if edit.version != version:
            raise conflict(self.kind.label.lower(), version, edit.version, ids)
        return before, version, edited

    async def _write(self, tx: AsyncManagedTransaction, actor: Actor, operation: str,  # noqa: PLR0913
                     before: Mapping[str, Any], change: Change, read: tuple[int, list[str]], edit: EditRequest,
                     paths: Mapping[str, str] | None) -> tuple[Mapping[str, str], str | None]:
        source = await sources.resolve(tx, edit.source)
        after = with_source(self.kind, change(dict(before), source), source)
        draft = Draft(self.kind.section, after, {**self.kind.paths, **(paths or {})})
        errors, _ = await check(tx, [draft, *([source.draft] if source.draft else [])])
        if errors:
            raise Rejected(errors)
        version, edited = read
        graph_id = after["id"]
        ids = {self.kind.section: graph_id}
        diff = changes_between(before, after, self.kind.fields)
        if not diff:
            return ids, None
        await sources.write(tx, source)
        await write_node(tx, self.kind, self.kind.plan(after), version + 1, create=version == 0,
                         edited=sorted({*edited, *(c.field for c in diff if c.field not in _CITING)}))
        organizations = sorted(set(self.kind.organizations(before)) | set(self.kind.organizations(after)))
        change_id = await record(tx, actor, operation, self.kind.label, [graph_id, *organizations], diff, source.id,
                                 source.excerpt, version + 1)
        await link_change(tx, change_id, self.kind.label, graph_id)
        return ids, change_id
