"""Batched reads of histories (see graphdir.api.dataloaders)."""

from __future__ import annotations

from graphdir.api.dataloaders import PageLoader
from graphdir.api.relay import page_request
from graphdir.domain.common.paging import Page, PageRequest
from graphdir.domain.history.records import ChangeRecord
from graphdir.domain.history.service import HistoryService

HISTORY_ORDER = "history"


class HistoryOf(PageLoader[PageRequest, ChangeRecord]):
    """The changes of organizations, newest first, by their graph ids."""

    @staticmethod
    def key(first: int | None = None, after: str | None = None) -> PageRequest:
        return page_request(first, after, order=HISTORY_ORDER, arity=1)

    async def fetch(self, args: PageRequest, ids: list[str]) -> dict[str, Page[ChangeRecord]]:
        return await HistoryService(self.context.reader).of_organizations(ids, args)
