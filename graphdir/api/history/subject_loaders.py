"""Batched reads of the histories of conventions and people (see graphdir.api.dataloaders)."""

from __future__ import annotations

from graphdir.api.dataloaders import PageLoader
from graphdir.api.history.loaders import HISTORY_ORDER
from graphdir.api.relay import page_request
from graphdir.domain.common.paging import Page, PageRequest
from graphdir.domain.history.records import ChangeRecord
from graphdir.domain.history.subjects import history_of


class _SubjectHistory(PageLoader[PageRequest, ChangeRecord]):
    label = ""

    @staticmethod
    def key(first: int | None = None, after: str | None = None) -> PageRequest:
        return page_request(first, after, order=HISTORY_ORDER, arity=1)

    async def fetch(self, args: PageRequest, ids: list[str]) -> dict[str, Page[ChangeRecord]]:
        return await history_of(self.context.reader, self.label, ids, args)


class ConventionHistory(_SubjectHistory):
    label = "Convention"


class PersonHistory(_SubjectHistory):
    label = "Person"
