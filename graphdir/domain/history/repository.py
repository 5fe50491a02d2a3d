"""Writes a Change in an edit's transaction; reads histories and the feed through a Reader."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from neo4j import AsyncManagedTransaction

from graphdir.db.reader import Reader
from graphdir.db.writer import one
from graphdir.domain.common.paging import Page, PageRequest, page_from_rows
from graphdir.domain.common.repository import batched_pages, node, page_params
from graphdir.domain.editing.records import Actor, FieldChange
from graphdir.domain.history import cypher
from graphdir.domain.history.records import ChangeRecord, encode


async def record(tx: AsyncManagedTransaction, actor: Actor, operation: str, object_type: str,
                 object_ids: Sequence[str], changes: Sequence[FieldChange], source: str, excerpt: str | None,
                 version: int | None) -> str:
    """Record the change; its id."""
    change_id = str(uuid.uuid4())
    await one(tx, cypher.RECORD, {
        "id": change_id, "actorId": actor.id, "actor": actor.name, "operation": operation, "objectType": object_type,
        "objectIds": list(object_ids), "fields": [c.field for c in changes],
        "before": [encode(c.before) for c in changes], "after": [encode(c.after) for c in changes],
        "source": source, "excerpt": excerpt, "requestId": actor.request_id, "version": version})
    return change_id


class HistoryRepository:
    def __init__(self, reader: Reader) -> None:
        self.reader = reader

    async def of_organizations(self, ids: list[str], request: PageRequest) -> dict[str, Page[ChangeRecord]]:
        return await batched_pages(self.reader, cypher.HISTORY_OF, ids, request, {}, node(ChangeRecord.of))

    async def feed(self, since: dt.datetime | None, request: PageRequest) -> Page[ChangeRecord]:
        rows = await self.reader.read(cypher.FEED, {"since": since, **page_params(request),
                                                    "after": list(request.key or [])})
        return page_from_rows(rows, request, node(ChangeRecord.of))

    async def count(self, since: dt.datetime | None) -> int:
        row = await self.reader.read_one(cypher.FEED_COUNT, {"since": since})
        return int(row["total"]) if row else 0
