"""Batched reads of conventions (see graphdir.api.dataloaders)."""

from __future__ import annotations

from graphdir.api.dataloaders import ListLoader, NodeLoader, PageLoader
from graphdir.api.relay import page_request
from graphdir.domain.common.paging import Page, PageRequest
from graphdir.domain.conventions.records import ConventionRecord, PartyRecord
from graphdir.domain.conventions.service import ConventionService

# The cursor ordering of lists of conventions.
CONVENTION_ORDER = "convention:SIGNED_ON_DESC"


class Conventions(NodeLoader[ConventionRecord]):
    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, ConventionRecord]:
        return await ConventionService(self.context.reader).by_ids(ids)


class OfOrganization(PageLoader[PageRequest, ConventionRecord]):
    """The conventions organizations are party to, latest signed first."""

    @staticmethod
    def key(first: int | None = None, after: str | None = None) -> PageRequest:
        return page_request(first, after, order=CONVENTION_ORDER, arity=2)

    async def fetch(self, args: PageRequest, ids: list[str]) -> dict[str, Page[ConventionRecord]]:
        return await ConventionService(self.context.reader).of_organizations(ids, args)


class SignedDuring(ListLoader[tuple[()], ConventionRecord]):
    """The conventions signed during events."""

    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, list[ConventionRecord]]:
        return await ConventionService(self.context.reader).signed_during(ids)


class Parties(ListLoader[tuple[()], PartyRecord]):
    @staticmethod
    def key() -> tuple[()]:
        return ()

    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, list[PartyRecord]]:
        return await ConventionService(self.context.reader).parties(ids)
