"""An edit's one write transaction, with its idempotency key.

A key is the client's (per token): the first edit with it stores, in the same transaction, the ids its payload shows
and the Change it recorded; the same key sent again (a retry after a lost answer) changes nothing and answers the
same objects, the `replayed` flag set. The key's node is MERGEd first, so a retry racing the first attempt waits for
it to commit and then replays it. Sent again with another input, the key is refused (IDEMPOTENCY_KEY_REUSED). A
rejected edit stores nothing: its key may be used again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from neo4j import AsyncManagedTransaction
from neo4j.exceptions import ConstraintError

from graphdir.db.writer import Writer, one, rows
from graphdir.domain.editing.records import CONFLICT, IDEMPOTENCY_KEY_REUSED, Actor, Outcome
from graphdir.domain.editing.rejected import Rejected, reject

MAX_KEY = 200
Work = Callable[[AsyncManagedTransaction], Awaitable[tuple[Mapping[str, str], str | None]]]

CLAIM = """
MERGE (k:IdempotencyKey {id: $id})
ON CREATE SET k.operation = $operation, k.input = $input, k.at = datetime()
RETURN k.operation AS operation, k.input AS input, k.roles AS roles, k.ids AS ids, k.changeId AS changeId
"""
REMEMBER = "MATCH (k:IdempotencyKey {id: $id}) SET k.roles = $roles, k.ids = $ids, k.changeId = $changeId"


def fingerprint(value: Any) -> str:
    """What tells two inputs apart: the digest of the typed request's repr."""
    return hashlib.sha256(repr(value).encode()).hexdigest()


async def run_edit(writer: Writer, actor: Actor, operation: str, key: str | None, request: Any, work: Work
                   ) -> Outcome:
    """Run `work` (returning the payload's ids and the Change id) in one transaction, once per idempotency key."""
    if key is not None and not 0 < len(key) <= MAX_KEY:
        return Outcome(errors=reject("input.idempotencyKey", f"1 to {MAX_KEY} characters", "INVALID_VALUE").errors)
    scoped = f"{actor.id}:{key}"
    digest = fingerprint(request)

    async def unit(tx: AsyncManagedTransaction) -> Outcome:
        if key is not None:
            stored = await one(tx, CLAIM, {"id": scoped, "operation": operation, "input": digest})
            assert stored is not None
            if stored["ids"] is not None or stored["operation"] != operation or stored["input"] != digest:
                if stored["operation"] != operation or stored["input"] != digest:
                    raise reject("input.idempotencyKey", f"this key was used for another {stored['operation']}: "
                                 "a new edit needs a new key", IDEMPOTENCY_KEY_REUSED)
                return Outcome(ids=dict(zip(stored["roles"], stored["ids"], strict=True)), replayed=True,
                               change_id=stored["changeId"])
        ids, change_id = await work(tx)
        if key is not None:
            await rows(tx, REMEMBER, {"id": scoped, "roles": list(ids), "ids": list(ids.values()),
                                      "changeId": change_id})
        return Outcome(ids=ids, change_id=change_id)

    try:
        return await writer.write(unit)
    except Rejected as rejected:
        return Outcome(ids=rejected.ids, errors=rejected.errors)
    except ConstraintError:
        # Validation found the value free, then a concurrent edit took it before this one committed.
        return Outcome(errors=reject("input", "another edit took an id or a unique value of this one at the same "
                                     "time: nothing written, send it again", CONFLICT).errors)
