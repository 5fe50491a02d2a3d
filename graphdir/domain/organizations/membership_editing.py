"""Adding, correcting and ending memberships (MEMBER_OF), by the loader's rules for relations, each edit with its
source (the relation's `source` and `excerpt`, as in the seed format) and its Change, linked to both organizations."""

from __future__ import annotations

from collections.abc import Mapping

from neo4j import AsyncManagedTransaction

from graphdir.db.reader import Reader
from graphdir.db.writer import Writer
from graphdir.domain.editing import sources
from graphdir.domain.editing.checks import Draft, check
from graphdir.domain.editing.records import ALREADY_EXISTS, Actor, Outcome
from graphdir.domain.editing.rejected import Rejected, reject
from graphdir.domain.editing.transaction import run_edit
from graphdir.domain.history.repository import record
from graphdir.domain.organizations import editing_repository as repository
from graphdir.domain.organizations.edit_records import MEMBERSHIP_FIELDS, MembershipChanges
from graphdir.domain.organizations.editing import changes_between, conflict, merged
from graphdir.domain.organizations.records import MembershipRecord
from graphdir.loader.errors import REQUIRED, UNKNOWN_REFERENCE
from graphdir.loader.planning import plan_relation

PATHS = {"from": "input.member", "to": "input.body", "source": "input.source.id", "excerpt": "input.source.excerpt",
         "type": "input"}


class MembershipEditing:
    def __init__(self, writer: Writer, reader: Reader) -> None:
        self.writer = writer
        self.reader = reader

    async def add(self, actor: Actor, changes: MembershipChanges) -> Outcome:
        async def work(tx: AsyncManagedTransaction) -> tuple[Mapping[str, str], str | None]:
            ids = {"member": changes.member, "body": changes.body}
            # Two editors adding the same membership: the second waits for the first, then finds it.
            if not await repository.lock_organization(tx, changes.member):
                raise reject("input.member", f"unknown organization {changes.member!r}", UNKNOWN_REFERENCE)
            if await repository.membership_data(tx, changes.member, changes.body, lock=False) is not None:
                raise reject("input.body", f"{changes.member} is already a member of {changes.body}: correct it with "
                             "updateMembership", ALREADY_EXISTS, ids)
            data = {"type": "MEMBER_OF", "from": changes.member, "to": changes.body}
            return await self._write(tx, actor, "addMembership", changes, data, merged(data, changes.fields), 0)

        return await run_edit(self.writer, actor, "addMembership", changes.edit.idempotency_key, changes, work)

    async def update(self, actor: Actor, changes: MembershipChanges, operation: str = "updateMembership") -> Outcome:
        async def work(tx: AsyncManagedTransaction) -> tuple[Mapping[str, str], str | None]:
            ids = {"member": changes.member, "body": changes.body}
            found = await repository.membership_data(tx, changes.member, changes.body, lock=True)
            if found is None:
                raise reject("input.body", f"{changes.member} is not a member of {changes.body}", UNKNOWN_REFERENCE)
            before, version = found
            if changes.edit.version != version:
                raise conflict("membership", version, changes.edit.version, ids)
            return await self._write(tx, actor, operation, changes, before, merged(before, changes.fields), version)

        return await run_edit(self.writer, actor, operation, changes.edit.idempotency_key, changes, work)

    async def end(self, actor: Actor, changes: MembershipChanges) -> Outcome:
        if changes.fields.get("until") is None:
            return Outcome(errors=reject("input.until", "required: when the membership ended", REQUIRED).errors)
        return await self.update(actor, changes, "endMembership")

    async def membership(self, member: str, body: str) -> MembershipRecord | None:
        return await repository.membership(self.reader, member, body)

    async def _write(self, tx: AsyncManagedTransaction, actor: Actor, operation: str,  # noqa: PLR0913
                     changes: MembershipChanges, before: Mapping[str, object], after: dict[str, object], version: int
                     ) -> tuple[Mapping[str, str], str | None]:
        source = await sources.resolve(tx, changes.edit.source)
        after = {**after, "source": source.id, "excerpt": source.excerpt}
        errors, _ = await check(tx, [Draft("relations", after, PATHS), *([source.draft] if source.draft else [])])
        if errors:
            raise Rejected(errors)
        ids = {"member": changes.member, "body": changes.body}
        diff = changes_between(before, after, (*MEMBERSHIP_FIELDS, "source"))
        if not diff:
            return ids, None
        props = dict(plan_relation(after).props)
        props["version"] = version + 1
        await sources.write(tx, source)
        await repository.write_membership(tx, changes.member, changes.body, props, create=version == 0,
                                          edited=[c.field for c in diff if c.field != "source"])
        change = await record(tx, actor, operation, "Membership", [changes.member, changes.body], diff, source.id,
                              source.excerpt, version + 1)
        return ids, change
