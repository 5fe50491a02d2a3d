"""Runs the editing Cypher in an edit's transaction: organizations and memberships as seed-format data, and their
writes. The Reader part reads a membership back for a payload."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from neo4j import AsyncManagedTransaction

from graphdir.db.reader import Reader
from graphdir.db.writer import one, rows
from graphdir.domain.organizations import editing_cypher as cypher
from graphdir.domain.organizations.records import MembershipRecord
from graphdir.domain.territories import inside_links
from graphdir.loader.owned_fields import own_location

# Organization fields an edit reads back as seed-format data (besides commune and location), so that the loader's
# planning rebuilds every stored property; derived ones (sortName, searchText, date bounds) are recomputed.
CARRIED = ("name", "acronym", "kind", "family", "legalForm", "siren", "siret", "rna", "website", "foundedOn",
           "foundedOnInferred", "foundedOnNote", "ceasedOn", "description", "address", "synthetic", "slug",
           "classifiedBy", "insertionMeasures")
MEMBERSHIP_FIELDS = ("role", "since", "until", "inferred", "note", "source", "excerpt")


async def lock_organization(tx: AsyncManagedTransaction, graph_id: str) -> bool:
    return await one(tx, cypher.LOCK_ORGANIZATION, {"id": graph_id}) is not None


async def organization_data(tx: AsyncManagedTransaction, graph_id: str) -> tuple[dict[str, Any], int] | None:
    """The organization as seed-format data, and its version (None: no such organization)."""
    row = await one(tx, cypher.CURRENT_ORGANIZATION, {"id": graph_id})
    if row is None:
        return None
    props = row["props"]
    data: dict[str, Any] = {key: props[key] for key in CARRIED if props.get(key) is not None}
    data["id"] = graph_id
    if row["communes"]:
        data["commune"] = row["communes"][0]
    location = own_location(props)
    if location is not None:
        data["location"] = location
    return data, int(props.get("version") or 1)


async def id_taken(tx: AsyncManagedTransaction, graph_id: str) -> bool:
    row = await one(tx, cypher.ID_TAKEN, {"id": graph_id})
    return bool(row and row["taken"])


async def write_organization(tx: AsyncManagedTransaction, graph_id: str, props: Mapping[str, Any],  # noqa: PLR0913
                             communes: list[str] | None, source: str, excerpt: str | None, *, create: bool,
                             edited: list[str]) -> None:
    """`communes`: the LOCATED_IN to write instead of the present one, None to keep it; `edited`: the fields set."""
    query = cypher.CREATE_ORGANIZATION if create else cypher.UPDATE_ORGANIZATION
    await rows(tx, query, {"id": graph_id, "props": dict(props), "relocate": communes is not None,
                           "communes": communes or [], "source": source, "excerpt": excerpt, "edited": edited})
    await inside_links.refresh(tx, [graph_id])


async def membership_data(tx: AsyncManagedTransaction, member: str, body: str, *, lock: bool
                          ) -> tuple[dict[str, Any], int] | None:
    """The membership as seed-format relation data and its version, locked first if `lock`; None: none."""
    ends = {"from": member, "to": body}
    if lock:
        locked = await one(tx, cypher.LOCK_MEMBERSHIP, ends)
        if not locked or not locked["found"]:
            return None
    row = await one(tx, cypher.CURRENT_MEMBERSHIP, ends)
    if row is None:
        return None
    props = row["props"]
    data = {key: props[key] for key in MEMBERSHIP_FIELDS if props.get(key) is not None}
    return {"type": "MEMBER_OF", **ends, **data}, int(props.get("version") or 1)


async def write_membership(tx: AsyncManagedTransaction, member: str, body: str, props: Mapping[str, Any], *,
                           create: bool, edited: list[str]) -> None:
    """`edited`: the fields the edit set (seed-format names), kept by a later load (graphdir.loader.api_edits)."""
    query = cypher.CREATE_MEMBERSHIP if create else cypher.WRITE_MEMBERSHIP
    await rows(tx, query, {"from": member, "to": body, "props": dict(props), "edited": edited})


async def membership(reader: Reader, member: str, body: str) -> MembershipRecord | None:
    """The membership seen from the member: `organization` is the body."""
    row = await reader.read_one(cypher.MEMBERSHIP, {"from": member, "to": body})
    return MembershipRecord.of(row) if row else None
