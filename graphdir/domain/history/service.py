"""Histories of organizations, newest first, and the feed of every change in commit order."""

from __future__ import annotations

import datetime as dt

from graphdir.db.reader import Reader
from graphdir.domain.common.paging import Page, PageRequest
from graphdir.domain.history.records import ChangeRecord
from graphdir.domain.history.repository import HistoryRepository


class HistoryService:
    def __init__(self, reader: Reader) -> None:
        self.repository = HistoryRepository(reader)

    async def of_organizations(self, ids: list[str], request: PageRequest) -> dict[str, Page[ChangeRecord]]:
        return await self.repository.of_organizations(ids, request)

    async def feed(self, since: dt.datetime | None, request: PageRequest) -> Page[ChangeRecord]:
        return await self.repository.feed(since, request)

    async def count(self, since: dt.datetime | None) -> int:
        return await self.repository.count(since)
