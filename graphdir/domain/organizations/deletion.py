"""Deleting an organization (admins only): what retiring is not, for a record that should never have been.

What a deletion leaves: a `DeletedOrganization` tombstone holding the id, the name and the last version, so that its
history stays in the feed (`changes`) and its id is never given to another organization; its id answers null. Every
relationship of it goes (memberships both ways, roles, parties, citations, place…), and so do the nodes only it owned
(its establishments, statements and figures). The Change records each field it had (before; after: null) and what it
was linked to, and is linked to the organizations that lost a relation with it (their histories show it).
"""

from __future__ import annotations

from collections.abc import Mapping

from neo4j import AsyncManagedTransaction

from graphdir.db.writer import Writer, one, rows
from graphdir.domain.editing import sources
from graphdir.domain.editing.records import Actor, EditRequest, FieldChange, Outcome
from graphdir.domain.editing.rejected import reject
from graphdir.domain.editing.transaction import run_edit
from graphdir.domain.history.repository import record
from graphdir.domain.organizations import merging_cypher as cypher
from graphdir.domain.organizations.editing import conflict
from graphdir.domain.organizations.merging import check_source, shown, unknown_message
from graphdir.domain.organizations.relationship_moves import Relationship
from graphdir.loader.errors import UNKNOWN_REFERENCE

# Properties a deletion's Change lists (derived ones go with them).
_RECORDED = ("name", "acronym", "kind", "family", "legalForm", "siren", "siret", "rna", "website", "foundedOn",
             "ceasedOn", "description", "address", "slug", "classifiedBy", "describedBy", "insertionMeasures",
             "location")


class OrganizationDeletion:
    def __init__(self, writer: Writer) -> None:
        self.writer = writer

    async def delete(self, actor: Actor, graph_id: str, edit: EditRequest) -> Outcome:
        async def work(tx: AsyncManagedTransaction) -> tuple[Mapping[str, str], str | None]:
            found = await one(tx, cypher.LOCK_AND_READ, {"id": graph_id})
            if found is None:
                raise reject("input.id", await unknown_message(tx, graph_id), UNKNOWN_REFERENCE)
            props = found["props"]
            version = int(props.get("version") or 1)
            if edit.version != version:
                raise conflict("organization", version, edit.version, {"organization": graph_id})
            source = await sources.resolve(tx, edit.source)
            await check_source(tx, source)
            await sources.write(tx, source)
            links = [Relationship.of(r) for r in await rows(tx, cypher.RELATIONSHIPS, {"id": graph_id})]
            neighbours = (await one(tx, cypher.NEIGHBOURS, {"id": graph_id}) or {"ids": []})["ids"]
            changes = [FieldChange(key, shown(props[key]), None) for key in _RECORDED if props.get(key) is not None]
            changes.append(FieldChange("relationships", sorted(link.described() for link in links
                                                                if link.type != "CHANGED"), None))
            # Recorded first: the Change links to the organization while it is one, then the deletion keeps that link.
            change = await record(tx, actor, "deleteOrganization", "Organization", [graph_id, *neighbours], changes,
                                  source.id, source.excerpt, version + 1)
            await rows(tx, cypher.DELETE_OWNED, {"id": graph_id})
            await rows(tx, cypher.DELETE_ORGANIZATION, {"id": graph_id, "version": version + 1})
            return {"deleted": graph_id}, change

        return await run_edit(self.writer, actor, "deleteOrganization", edit.idempotency_key, (graph_id, edit), work)
