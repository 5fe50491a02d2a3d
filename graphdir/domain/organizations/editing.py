"""Creating, correcting and retiring organizations: each edit checked by the loader's rules, planned by the loader's
planning (so an edited organization is stored exactly as a loaded one), written with its source and its Change in
one transaction (graphdir.domain.editing)."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from typing import Any

from neo4j import AsyncManagedTransaction

from graphdir.db.writer import Writer
from graphdir.domain.editing import sources
from graphdir.domain.editing.checks import Draft, check
from graphdir.domain.editing.records import CONFLICT, Actor, EditRequest, FieldChange, Outcome
from graphdir.domain.editing.rejected import Rejected, reject
from graphdir.domain.editing.transaction import run_edit
from graphdir.domain.history.repository import record
from graphdir.domain.organizations import editing_repository as repository
from graphdir.domain.organizations.edit_records import ORGANIZATION_FIELDS, NewOrganization, OrganizationChanges
from graphdir.loader.errors import REQUIRED, UNKNOWN_REFERENCE
from graphdir.loader.planning import plan_organization
from graphdir.loader.validation import commune_id, organization_slug

ROLE = "organization"
# Where the loader's fields of an organization record are in the input.
PATHS = {"cited": "input.source.id", "id": "input.id"}


def conflict(kind: str, version: int, read: int | None, ids: Mapping[str, str]) -> Rejected:
    return reject("input.version", f"the {kind} is at version {version}, not {read}: it changed since it was read; "
                  "read it again and redo the edit on what it is now", CONFLICT, ids)


def changes_between(before: Mapping[str, Any], after: Mapping[str, Any], fields: tuple[str, ...]
                    ) -> list[FieldChange]:
    return [FieldChange(name, before.get(name), after.get(name)) for name in fields
            if before.get(name) != after.get(name)]


def merged(data: Mapping[str, Any], fields: Mapping[str, Any]) -> dict[str, Any]:
    """`data` with the edit's fields set (None: removed)."""
    out = {**data, **fields}
    return {key: value for key, value in out.items() if value is not None}


class OrganizationEditing:
    def __init__(self, writer: Writer) -> None:
        self.writer = writer

    async def create(self, actor: Actor, new: NewOrganization) -> Outcome:
        async def work(tx: AsyncManagedTransaction) -> tuple[Mapping[str, str], str | None]:
            data = merged({}, new.fields)
            slug = organization_slug(data)
            graph_id = slug[1] if slug else "organization"
            if await repository.id_taken(tx, graph_id):
                graph_id = f"{graph_id}-{secrets.token_hex(3)}"
            return await self._write(tx, actor, "createOrganization", graph_id, {}, {**data, "id": graph_id}, 0,
                                     new.edit)

        return await run_edit(self.writer, actor, "createOrganization", new.edit.idempotency_key, new, work)

    async def update(self, actor: Actor, changes: OrganizationChanges, operation: str = "updateOrganization"
                     ) -> Outcome:
        async def work(tx: AsyncManagedTransaction) -> tuple[Mapping[str, str], str | None]:
            ids = {ROLE: changes.id}
            if not await repository.lock_organization(tx, changes.id):
                raise reject("input.id", f"unknown organization {changes.id!r}", UNKNOWN_REFERENCE)
            found = await repository.organization_data(tx, changes.id)
            assert found is not None  # locked
            before, version = found
            if changes.edit.version != version:
                raise conflict("organization", version, changes.edit.version, ids)
            return await self._write(tx, actor, operation, changes.id, before, merged(before, changes.fields),
                                     version, changes.edit)

        return await run_edit(self.writer, actor, operation, changes.edit.idempotency_key, changes, work)

    async def retire(self, actor: Actor, changes: OrganizationChanges) -> Outcome:
        """An update that gives the organization its end date (required); it stays, with its history."""
        if changes.fields.get("ceasedOn") is None:
            return Outcome(errors=reject("input.ceasedOn", "required: when it ceased", REQUIRED).errors)
        return await self.update(actor, changes, "retireOrganization")

    async def _write(self, tx: AsyncManagedTransaction, actor: Actor, operation: str, graph_id: str,  # noqa: PLR0913
                     before: Mapping[str, Any], after: dict[str, Any], version: int, edit: EditRequest
                     ) -> tuple[Mapping[str, str], str | None]:
        source = await sources.resolve(tx, edit.source)
        draft = Draft("organizations", {**after, "cited": [{"source": source.id, "excerpt": source.excerpt}]}, PATHS)
        errors, communes = await check(tx, [draft, *([source.draft] if source.draft else [])])
        if errors:
            raise Rejected(errors)
        ids = {ROLE: graph_id}
        diff = changes_between(before, after, ORGANIZATION_FIELDS)
        if not diff:
            return ids, None  # nothing to change: no new version, no Change
        props = dict(plan_organization(after, communes).props)
        props["version"] = version + 1
        relocate = before.get("commune") != after.get("commune")
        await sources.write(tx, source)
        await repository.write_organization(
            tx, graph_id, props, [commune_id(after["commune"])] if relocate and after.get("commune") else
            ([] if relocate else None), source.id, source.excerpt, create=version == 0,
            edited=[change.field for change in diff])
        change = await record(tx, actor, operation, "Organization", [graph_id], diff, source.id, source.excerpt,
                              version + 1)
        return ids, change
