"""Batched reads of conventions (see graphdir.api.dataloaders)."""

from __future__ import annotations

from typing import Any

from graphdir.api.dataloaders import ListLoader, NodeLoader, PageLoader
from graphdir.api.relay import page_request
from graphdir.domain.common.paging import Page, PageRequest
from graphdir.domain.conventions.service import ConventionService

Row = dict[str, Any]
# The cursor ordering of lists of conventions.
CONVENTION_ORDER = "convention:SIGNED_ON_DESC"


class Conventions(NodeLoader[Row]):
    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, Row]:
        return await ConventionService(self.context.reader).by_ids(ids)


class OfOrganization(PageLoader[PageRequest, Row]):
    """The conventions organizations are party to, latest signed first."""

    @staticmethod
    def key(first: int | None = None, after: str | None = None) -> PageRequest:
        return page_request(first, after, order=CONVENTION_ORDER, arity=2)

    async def fetch(self, args: PageRequest, ids: list[str]) -> dict[str, Page[Row]]:
        return await ConventionService(self.context.reader).of_organizations(ids, args)


class SignedDuring(ListLoader[tuple[()], Row]):
    """The conventions signed during events."""

    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, list[Row]]:
        return await ConventionService(self.context.reader).signed_during(ids)


class Parties(ListLoader[tuple[()], Row]):
    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, list[Row]]:
        return await ConventionService(self.context.reader).parties(ids)
