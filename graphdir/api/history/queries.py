"""Query.changes: every change, in commit order, for a front-end or another directory to stay in sync."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry.types import Info

from graphdir.api.connections import After, First
from graphdir.api.context import Context
from graphdir.api.history.types import CHANGE_ORDER, ChangeConnection, change_edge
from graphdir.api.relay import page_request
from graphdir.domain.history.service import HistoryService


@strawberry.type
class HistoryQuery:
    @strawberry.field(description="Every change, oldest first (in the order they were committed): each edit "
                      "through the API, and each record a `graphdir load` or `graphdir import` created or updated; "
                      "page on with `after` to follow the directory.")
    async def changes(
        self, info: Info[Context, None],
        since: Annotated[dt.datetime | None, strawberry.argument(
            description="Only changes committed at or after this time (without a zone: UTC).")] = None,
        first: First = None, after: After = None,
    ) -> ChangeConnection:
        request = page_request(first, after, order=CHANGE_ORDER, arity=1)
        if since is not None and since.tzinfo is None:
            since = since.replace(tzinfo=dt.UTC)
        service = HistoryService(info.context.reader)
        page = await service.feed(since, request)

        async def count() -> int:
            return await service.count(since)

        return ChangeConnection.of(page, CHANGE_ORDER, change_edge, count)
