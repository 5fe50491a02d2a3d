"""Batched reads of organizations for the resolvers (see graphdir.api.dataloaders)."""

from __future__ import annotations

import datetime as dt

from graphdir.api.dataloaders import ListLoader, NodeLoader, PageLoader
from graphdir.api.organizations.enums import Direction, PartnershipKind
from graphdir.api.relay import page_request
from graphdir.domain.common.paging import Page, PageRequest
from graphdir.domain.organizations.filters import OrganizationCriteria
from graphdir.domain.organizations.records import MembershipRecord, OrganizationRecord, PartnershipRecord
from graphdir.domain.organizations.service import OrganizationService

# Cursor orderings: the kind of list a cursor belongs to.
MEMBERSHIP_ORDER = "membership"
PARTNERSHIP_ORDER = "partnership"

MembershipKey = tuple[dt.date | None, PageRequest]
PartnersKey = tuple[dt.date | None, tuple[str, ...] | None, str | None, PageRequest]
InTerritoryKey = tuple[OrganizationCriteria, str, PageRequest]


def organization_order(order: str) -> str:
    """The cursor ordering of a list of organizations in that order (NAME, FOUNDED_ON)."""
    return f"org:{order}"


class Organizations(NodeLoader[OrganizationRecord]):
    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, OrganizationRecord]:
        return await OrganizationService(self.context.reader).by_ids(ids)


def _membership_key(on: dt.date | None = None, first: int | None = None, after: str | None = None) -> MembershipKey:
    return on, page_request(first, after, order=MEMBERSHIP_ORDER, arity=3)


class Members(PageLoader[MembershipKey, MembershipRecord]):
    key = staticmethod(_membership_key)

    async def fetch(self, args: MembershipKey, ids: list[str]) -> dict[str, Page[MembershipRecord]]:
        on, request = args
        return await OrganizationService(self.context.reader).members(ids, on, request)


class MemberOf(PageLoader[MembershipKey, MembershipRecord]):
    key = staticmethod(_membership_key)

    async def fetch(self, args: MembershipKey, ids: list[str]) -> dict[str, Page[MembershipRecord]]:
        on, request = args
        return await OrganizationService(self.context.reader).member_of(ids, on, request)


class Partners(PageLoader[PartnersKey, PartnershipRecord]):
    @staticmethod
    def key(on: dt.date | None = None, kinds: list[PartnershipKind] | None = None, direction: Direction | None = None,
            first: int | None = None, after: str | None = None) -> PartnersKey:
        return (on, tuple(kind.value for kind in kinds) if kinds is not None else None,
                direction.value if direction else None,
                page_request(first, after, order=PARTNERSHIP_ORDER, arity=5))

    async def fetch(self, args: PartnersKey, ids: list[str]) -> dict[str, Page[PartnershipRecord]]:
        on, kinds, direction, request = args
        return await OrganizationService(self.context.reader).partners(ids, on, list(kinds) if kinds else None,
                                                                       direction, request)


class InTerritory(PageLoader[InTerritoryKey, OrganizationRecord]):
    """Organizations inside territories, by the graph ids of the territories."""

    @staticmethod
    def key(criteria: OrganizationCriteria, order: str, first: int | None = None,
            after: str | None = None) -> InTerritoryKey:
        return criteria, order, page_request(first, after, order=organization_order(order), arity=2)

    async def fetch(self, args: InTerritoryKey, ids: list[str]) -> dict[str, Page[OrganizationRecord]]:
        criteria, order, request = args
        return await OrganizationService(self.context.reader).in_territories(ids, criteria, order, request)


class Organisers(ListLoader[tuple[()], OrganizationRecord]):
    """The organizations that organised events, by the graph ids of the events."""

    async def fetch(self, args: tuple[()], ids: list[str]) -> dict[str, list[OrganizationRecord]]:
        return await OrganizationService(self.context.reader).organisers_of(ids)
