"""Merging an organization into another (two records of one legal unit), in one transaction, nothing dropped.

- The survivor keeps every value it has and takes those it lacks from the merged one (identifiers included; its
  name, kind, family, slug, classification, end date and synthetic flag are its own); measures add up.
- Every relationship of the merged one, in both directions and of any type, moves to the survivor. One that the
  survivor already has (same type, direction, other end, and title for a role, role for a party) becomes one: the
  survivor's properties, dates combined as the union of both periods (the earlier start, the later end, no end
  winning), the merged one's source and excerpt added to `mergedSources` / `mergedExcerpts`, and `mergeNote` saying
  so. A link between the two (one was a member of the other) would become a loop: it is dropped, and the Change says
  so. The merged one's commune moves only when the survivor has none.
- The merged node becomes a `MergedOrganization` tombstone with all its properties and `MERGED_INTO` the survivor:
  its id, slug and SIREN still find the survivor (reads, exports, importers' identity resolution). Tombstones that
  pointed at the merged one point at the survivor (one hop always reaches a live organization).
- Its history (the Changes of it) becomes the survivor's, and the merge is a Change of the survivor naming both ids.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncManagedTransaction

from graphdir.db.writer import Writer, one, rows
from graphdir.domain.editing import sources
from graphdir.domain.editing.checks import check
from graphdir.domain.editing.records import CONFLICT, Actor, EditRequest, FieldChange, Outcome, UserError
from graphdir.domain.editing.rejected import Rejected, reject
from graphdir.domain.editing.transaction import run_edit
from graphdir.domain.history.repository import record
from graphdir.domain.organizations import merging_cypher as cypher
from graphdir.domain.organizations.edit_records import ORGANIZATION_FIELDS
from graphdir.domain.organizations.editing import conflict
from graphdir.domain.organizations.relationship_moves import Relationship, plan_moves
from graphdir.domain.territories import inside_links
from graphdir.loader.errors import INVALID_VALUE, UNKNOWN_REFERENCE
from graphdir.loader.planning import search_text

# What the survivor never takes from the merged one: how it is named, filed and classified, whether it ceased, and
# what the loader derives or the edit sets.
_OWN = frozenset({"id", "name", "kind", "family", "slug", "sortName", "searchText", "classifiedBy", "describedBy",
                  "ceased", "ceasedOn", "ceasedOnFrom", "ceasedOnTo", "synthetic", "version", "acronym"})
# Properties a Change lists (the others are derived from them).
_SHOWN = ("acronym", "legalForm", "siren", "siret", "rna", "website", "foundedOn", "description", "address",
          "insertionMeasures", "location")


@dataclass(frozen=True, slots=True)
class MergeRequest:
    survivor: str
    merged: str
    survivor_version: int
    merged_version: int
    edit: EditRequest


def filled(survivor: Mapping[str, Any], merged: Mapping[str, Any]) -> dict[str, Any]:
    """The properties the survivor takes: those it lacks, measures added up, its search text renewed."""
    out = {key: value for key, value in merged.items()
           if key not in _OWN and not key.startswith("_") and survivor.get(key) is None}
    if "location" not in out:  # how the survivor's own location was found stays with it
        for key in ("locationApproximate", "locationMethod"):
            out.pop(key, None)
    measures = sorted({*(survivor.get("insertionMeasures") or ()), *(merged.get("insertionMeasures") or ())})
    if measures and measures != list(survivor.get("insertionMeasures") or ()):
        out["insertionMeasures"] = measures
    after = {**survivor, **out}
    text = search_text(after.get("name"), after.get("acronym"), after.get("description"), after.get("address"))
    if text != survivor.get("searchText"):
        out["searchText"] = text
    return out


def shown(value: Any) -> Any:
    if hasattr(value, "latitude"):
        return {"latitude": value.latitude, "longitude": value.longitude}
    return value


class OrganizationMerging:
    def __init__(self, writer: Writer) -> None:
        self.writer = writer

    async def merge(self, actor: Actor, request: MergeRequest) -> Outcome:
        async def work(tx: AsyncManagedTransaction) -> tuple[Mapping[str, str], str | None]:
            ids = {"organization": request.survivor}
            if request.survivor == request.merged:
                raise reject("input.merged", "an organization cannot be merged into itself", INVALID_VALUE)
            # Locked in id order: two merges of the same pair wait for each other instead of deadlocking.
            found: dict[str, dict[str, Any]] = {}
            for graph_id in sorted((request.survivor, request.merged)):
                row = await one(tx, cypher.LOCK_AND_READ, {"id": graph_id})
                if row is None:
                    field = "input.survivor" if graph_id == request.survivor else "input.merged"
                    raise reject(field, await unknown_message(tx, graph_id), UNKNOWN_REFERENCE)
                found[graph_id] = row
            survivor, merged = found[request.survivor], found[request.merged]
            survivor_version = int(survivor["props"].get("version") or 1)
            merged_version = int(merged["props"].get("version") or 1)
            errors = [UserError(field, conflict(what, version, read, ids).errors[0].message, CONFLICT)
                      for field, what, version, read in (
                          ("input.survivorVersion", "organization", survivor_version, request.survivor_version),
                          ("input.mergedVersion", "merged organization", merged_version, request.merged_version))
                      if version != read]
            if errors:
                raise Rejected(errors, ids)
            source = await sources.resolve(tx, request.edit.source)
            await check_source(tx, source)
            theirs = [Relationship.of(r) for r in await rows(tx, cypher.RELATIONSHIPS, {"id": request.merged})]
            ours = [Relationship.of(r) for r in await rows(tx, cypher.RELATIONSHIPS, {"id": request.survivor})]
            plan = plan_moves(survivor["element"], merged["element"], request.merged, survivor["placed"], theirs, ours)
            params = {"survivor": request.survivor, "merged": request.merged}
            await rows(tx, cypher.MOVE, {**params, "rows": plan.moves})
            await rows(tx, cypher.SET_RELATIONSHIPS, {"rows": plan.combined})
            await rows(tx, cypher.RETIRE_MERGED, params)
            props = filled(survivor["props"], merged["props"])
            props["version"] = survivor_version + 1
            # What the survivor took is the merge's: a later load of the survivor's seed keeps it (loader.api_edits).
            taken = {key for key in props if key in ORGANIZATION_FIELDS}
            if merged["placed"] and not survivor["placed"]:
                taken.add("commune")
            props["editedFields"] = sorted({*(survivor["props"].get("editedFields") or ()), *taken})
            await sources.write(tx, source)
            await rows(tx, cypher.FILL_SURVIVOR, {**params, "props": props, "source": source.id,
                                                  "excerpt": source.excerpt})
            await inside_links.refresh(tx, [request.survivor])
            before = survivor["props"]
            changes = [FieldChange(key, shown(before.get(key)), shown(props[key])) for key in _SHOWN if key in props]
            mine = merged["props"]
            changes.append(FieldChange("merged", None, {
                "id": request.merged, "name": mine.get("name"), "version": merged_version,
                **{key: mine[key] for key in ("slug", "siren", "siret", "rna") if mine.get(key) is not None}}))
            changes.append(FieldChange("relationships", None, {"moved": plan.moved, "combined": plan.notes,
                                                               "dropped": plan.dropped}))
            change = await record(tx, actor, "mergeOrganizations", "Organization", [request.survivor, request.merged],
                                  changes, source.id, source.excerpt, survivor_version + 1)
            return ids, change

        return await run_edit(self.writer, actor, "mergeOrganizations", request.edit.idempotency_key, request, work)


async def unknown_message(tx: AsyncManagedTransaction, graph_id: str) -> str:
    row = await one(tx, cypher.TOMBSTONE, {"id": graph_id})
    if row and row["survivor"]:
        return f"{graph_id!r} was merged into {row['survivor']!r} already: name that one"
    if row and row["deleted"]:
        return f"{graph_id!r} was deleted"
    return f"unknown organization {graph_id!r}"


async def check_source(tx: AsyncManagedTransaction, source: sources.ResolvedSource) -> None:
    """A new document is checked by the loader's rules; an existing source must exist."""
    if source.draft is not None:
        errors, _ = await check(tx, [source.draft])
        if errors:
            raise Rejected(errors)
        return
    if await one(tx, cypher.SOURCE_EXISTS, {"id": source.id}) is None:
        raise reject("input.source.id", f"unknown source {source.id!r}", UNKNOWN_REFERENCE)
