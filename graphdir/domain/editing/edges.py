"""Edits of a relationship that a seed section describes on its own (a relation between organizations, a person's
role): added, corrected, ended, each with its source (the edge's `source` and `excerpt`, as in the seed format), its
version and its Change, linked to the organizations at its ends.

The edge is keyed as the loader keys it (type, start, end, and for a role its title); the start node is locked
first, so that two edits of the same edge run one after the other. Its record goes through the loader's rules for its
section and its planning (graphdir.loader.planning.plan_relation, plan_role).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from neo4j import AsyncManagedTransaction

from graphdir.db.writer import Writer, one, rows
from graphdir.domain.editing import names, sources
from graphdir.domain.editing.checks import Draft, check
from graphdir.domain.editing.records import ALREADY_EXISTS, Actor, EditRequest, Outcome
from graphdir.domain.editing.rejected import Rejected, reject
from graphdir.domain.editing.transaction import run_edit
from graphdir.domain.history.repository import record
from graphdir.domain.history.subjects import link_change
from graphdir.domain.organizations.editing import changes_between, conflict, merged
from graphdir.loader.errors import INVALID_VALUE, REQUIRED, UNKNOWN_REFERENCE
from graphdir.loader.planning import EdgeRow
from graphdir.loader.specs import SECTION_SPECS


@dataclass(frozen=True)
class EdgeKind:
    """`start`/`end`: the labels at the ends and the record's fields naming them; `keys`: the record's fields
    (besides the ends) that tell two edges of one type apart; `fields`: what the edit may change and a Change lists;
    `paths`: where the record's fields are in the input; `organizations`: the organizations at its ends;
    `renames`: the keys an update may change (a role's title), each with the property that lists the values it had,
    by which the seed files still name the edge (graphdir.loader.api_edits)."""

    section: str
    object_type: str
    start: tuple[str, str]
    end: tuple[str, str]
    keys: tuple[str, ...]
    fields: tuple[str, ...]
    paths: Mapping[str, str]
    plan: Callable[[Mapping[str, Any]], EdgeRow]
    organizations: Callable[[Mapping[str, Any]], list[str]]
    renames: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EdgeChanges:
    """One edge: its type, its ends and keys (seed-format names), the fields the edit gives (None: cleared)."""

    type: str
    start: str
    end: str
    keys: Mapping[str, str]
    fields: Mapping[str, Any]
    edit: EditRequest


def _queries(kind: EdgeKind, rel_type: str) -> tuple[str, str, str, str]:
    return _statements(kind.start[0], kind.end[0], kind.keys, rel_type)


@cache
def _statements(start_label: str, end_label: str, keys: tuple[str, ...], rel_type: str) -> tuple[str, str, str, str]:
    """(lock the start node, read the edge, create it, write it): labels and type from the loader's whitelists."""
    start, end = names.label(start_label), names.label(end_label)
    rel = names.rel_type(rel_type)
    where = "".join(f" AND r.{key} = $keys.{key}" for key in keys)
    pattern = f"(a:{start} {{id: $start}})-[r:{rel}]->(b:{end} {{id: $end}})"
    return (f"MATCH (a:{start} {{id: $start}}) SET a._lock = true REMOVE a._lock RETURN a.id AS id",
            f"MATCH {pattern} WHERE true{where} RETURN properties(r) AS props",
            f"MATCH (a:{start} {{id: $start}}), (b:{end} {{id: $end}}) CREATE (a)-[r:{rel}]->(b) "
            "SET r = $props, r.editedFields = $edited",
            # The fields the edit set join `editedFields`, which a later load keeps (graphdir.loader.api_edits).
            f"MATCH {pattern} WHERE true{where} WITH r, coalesce(r.editedFields, []) AS edited SET r = $props "
            "SET r.editedFields = [name IN edited WHERE NOT name IN $edited] + $edited")


class EdgeEditing:
    def __init__(self, writer: Writer, kind: EdgeKind) -> None:
        self.writer = writer
        self.kind = kind

    def _ends(self, changes: EdgeChanges) -> dict[str, str]:
        """The record's key fields (a relation's record names its type; a role's is always HOLDS_ROLE)."""
        typed = {"type": changes.type} if "type" in SECTION_SPECS[self.kind.section].fields else {}
        return {**typed, self.kind.start[1]: changes.start, self.kind.end[1]: changes.end, **changes.keys}

    async def _found(self, tx: AsyncManagedTransaction, changes: EdgeChanges) -> tuple[dict[str, Any], int] | None:
        lock, read, _, _ = _queries(self.kind, changes.type)
        params = {"start": changes.start, "end": changes.end, "keys": dict(changes.keys)}
        if await one(tx, lock, params) is None:
            raise reject(self.kind.paths[self.kind.start[1]], f"unknown {self.kind.start[0].lower()} "
                         f"{changes.start!r}", UNKNOWN_REFERENCE)
        row = await one(tx, read, params)
        if row is None:
            return None
        props = row["props"]
        data = {key: props[key] for key in (*self.kind.fields, *self.kind.keys, *self.kind.renames.values(),
                                            "source", "excerpt") if props.get(key) is not None}
        return {**self._ends(changes), **data}, int(props.get("version") or 1)

    def ids(self, changes: EdgeChanges) -> dict[str, str]:
        return {"start": changes.start, "end": changes.end, "type": changes.type, **changes.keys}

    def _renamed(self, changes: EdgeChanges) -> dict[str, Any]:
        """The keys the edit gives new values."""
        return {key: changes.fields[key] for key in self.kind.renames
                if changes.fields.get(key) is not None and changes.fields[key] != changes.keys.get(key)}

    async def _renaming(self, tx: AsyncManagedTransaction, changes: EdgeChanges, before: Mapping[str, Any]
                        ) -> dict[str, Any]:
        """What a renaming update sets besides its fields: each renamed key's former values, with the one it had;
        an edge of the new key that exists already is refused."""
        renamed = self._renamed(changes)
        if not renamed:
            return {}
        if await self._found(tx, replace(changes, keys={**changes.keys, **renamed})) is not None:
            raise reject(self.kind.paths[f"new.{next(iter(renamed))}"], "this link exists already under that name",
                         ALREADY_EXISTS, self.ids(changes))
        out: dict[str, Any] = {}
        for key in renamed:
            former = self.kind.renames[key]
            out[former] = [*(value for value in before.get(former) or [] if value != renamed[key]),
                           changes.keys[key]]
        return out

    async def add(self, actor: Actor, operation: str, changes: EdgeChanges) -> Outcome:
        async def work(tx: AsyncManagedTransaction) -> tuple[Mapping[str, str], str | None]:
            renamed = self._renamed(changes)
            if renamed:
                raise reject(self.kind.paths[f"new.{next(iter(renamed))}"], "only an update renames a link",
                             INVALID_VALUE)
            if await self._found(tx, changes) is not None:
                raise reject(self.kind.paths[self.kind.end[1]], "this link exists already: correct it instead",
                             ALREADY_EXISTS, self.ids(changes))
            data = self._ends(changes)
            return await self._write(tx, actor, operation, changes, data, merged(data, changes.fields), 0)

        return await run_edit(self.writer, actor, operation, changes.edit.idempotency_key, changes, work)

    async def update(self, actor: Actor, operation: str, changes: EdgeChanges) -> Outcome:
        async def work(tx: AsyncManagedTransaction) -> tuple[Mapping[str, str], str | None]:
            found = await self._found(tx, changes)
            if found is None:
                raise reject(self.kind.paths[self.kind.end[1]], "no such link", UNKNOWN_REFERENCE)
            before, version = found
            if changes.edit.version != version:
                raise conflict(self.kind.object_type.lower(), version, changes.edit.version, self.ids(changes))
            after = {**merged(before, changes.fields), **await self._renaming(tx, changes, before)}
            return await self._write(tx, actor, operation, changes, before, after, version)

        return await run_edit(self.writer, actor, operation, changes.edit.idempotency_key, changes, work)

    async def end(self, actor: Actor, operation: str, changes: EdgeChanges) -> Outcome:
        """An update that gives the edge its end (`until`, required): it stays, with its dates."""
        if changes.fields.get("until") is None:
            return Outcome(errors=reject("input.until", "required: when it ended", REQUIRED).errors)
        return await self.update(actor, operation, changes)

    async def _write(self, tx: AsyncManagedTransaction, actor: Actor, operation: str,  # noqa: PLR0913
                     changes: EdgeChanges, before: Mapping[str, Any], after: dict[str, Any], version: int
                     ) -> tuple[Mapping[str, str], str | None]:
        source = await sources.resolve(tx, changes.edit.source)
        after = {**after, "source": source.id, "excerpt": source.excerpt}
        renamed = {key: self.kind.paths[f"new.{key}"] for key in self._renamed(changes)}
        # What the edge keeps of its former keys is not a field of the seed format.
        fields = {key: value for key, value in after.items() if key not in self.kind.renames.values()}
        draft = Draft(self.kind.section, fields, {**self.kind.paths, **renamed})
        errors, _ = await check(tx, [draft, *([source.draft] if source.draft else [])])
        if errors:
            raise Rejected(errors)
        ids = self.ids(changes)
        diff = changes_between(before, after, (*self.kind.fields, "source"))
        if not diff:
            return ids, None
        props = {**self.kind.plan(after).props, "version": version + 1}
        _, _, create, write = _queries(self.kind, changes.type)
        await sources.write(tx, source)
        await rows(tx, create if version == 0 else write, {"start": changes.start, "end": changes.end,
                                                            "keys": dict(changes.keys), "props": props,
                                                            "edited": [c.field for c in diff if c.field != "source"]})
        subject = [] if self.kind.start[0] == "Organization" else [changes.start]
        change = await record(tx, actor, operation, self.kind.object_type,
                              [*subject, *self.kind.organizations(after)], diff, source.id, source.excerpt,
                              version + 1)
        if subject:
            await link_change(tx, change, self.kind.start[0], changes.start)
        return ids, change
