"""Connections of organizations: plain lists, memberships (edges with role and dates), partnerships."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import strawberry

from graphdir.api.common import Source
from graphdir.api.organizations.enums import Direction, PartnershipKind
from graphdir.api.organizations.types import Organization
from graphdir.api.relay import PageInfo, cursors, page_info, total_of
from graphdir.api.scalars import PartialDate
from graphdir.domain.common.paging import Page

Row = dict[str, Any]
# Cursor orderings: the kind of list a cursor belongs to.
MEMBERSHIP_ORDER = "membership"
PARTNERSHIP_ORDER = "partnership"


def organization_order(order: str) -> str:
    return f"org:{order}"


@strawberry.type(description="An edge to an organization.")
class OrganizationEdge:
    cursor: str = strawberry.field(description="Cursor of this edge, for `after` / `before`.")
    node: Organization = strawberry.field(description="The organization.")


@strawberry.type(description="A page of organizations.")
class OrganizationConnection:
    edges: list[OrganizationEdge] = strawberry.field(description="The edges of this page.")
    page_info: PageInfo = strawberry.field(description="Where this page stands.")
    total: strawberry.Private[int | None]
    count: strawberry.Private[Callable[[], Awaitable[int]] | None]

    @strawberry.field(description="How many organizations the whole list holds (one more query on root lists).")
    async def total_count(self) -> int:
        return await total_of(self)

    @classmethod
    def from_page(cls, page: Page[Row], order: str,
                  count: Callable[[], Awaitable[int]] | None = None) -> OrganizationConnection:
        name = organization_order(order)
        return cls(
            edges=[OrganizationEdge(cursor=cursor, node=Organization.from_row(row))
                   for cursor, row in zip(cursors(page, name), page.rows, strict=True)],
            page_info=page_info(page, name), total=page.total, count=count,
        )


@strawberry.type(description="A membership: the edge's node is the member (in `members`) or the body joined "
                 "(in `memberOf`).")
class MembershipEdge:
    cursor: str = strawberry.field(description="Cursor of this edge, for `after`.")
    node: Organization = strawberry.field(description="The organization at the other end of the membership.")
    role: str | None = strawberry.field(description="The member's role in the body, if the source gives one.")
    since: PartialDate | None = strawberry.field(description="When the membership began, if known.")
    until: PartialDate | None = strawberry.field(description="When it ended, if it has.")
    source: Source | None = strawberry.field(description="The source stating it, with its excerpt.")
    excerpt: str | None = strawberry.field(description="The words of the source stating it.")
    inferred: bool = strawberry.field(description="True when read from the context rather than written.")
    note: str | None = strawberry.field(description="How it was inferred.")

    @classmethod
    def from_row(cls, cursor: str, row: Row) -> MembershipEdge:
        return cls(cursor=cursor, node=Organization.from_row(row["node"]), role=row.get("role"),
                   since=row.get("since"), until=row.get("until"), source=Source.maybe(row.get("source"),
                   row.get("excerpt")), excerpt=row.get("excerpt"), inferred=bool(row.get("inferred")),
                   note=row.get("note"))


@strawberry.type(description="A page of memberships.")
class MembershipConnection:
    edges: list[MembershipEdge] = strawberry.field(description="The edges of this page.")
    page_info: PageInfo = strawberry.field(description="Where this page stands.")
    total_count: int = strawberry.field(description="How many memberships the whole list holds.")

    @classmethod
    def from_page(cls, page: Page[Row]) -> MembershipConnection:
        return cls(edges=[MembershipEdge.from_row(cursor, row)
                          for cursor, row in zip(cursors(page, MEMBERSHIP_ORDER), page.rows, strict=True)],
                   page_info=page_info(page, MEMBERSHIP_ORDER), total_count=page.total or 0)


@strawberry.type(description="A link with another organization: recognition, support, funding, partnership…")
class PartnershipEdge:
    cursor: str = strawberry.field(description="Cursor of this edge, for `after`.")
    node: Organization = strawberry.field(description="The other organization.")
    kind: PartnershipKind = strawberry.field(description="What the link is.")
    direction: Direction = strawberry.field(
        description="OUTGOING: this organization recognises/supports/funds… the other; INCOMING: the other way."
    )
    since: PartialDate | None = strawberry.field(description="When the link began, if known.")
    until: PartialDate | None = strawberry.field(description="When it ended, if it has.")
    source: Source | None = strawberry.field(description="The source stating it, with its excerpt.")
    excerpt: str | None = strawberry.field(description="The words of the source stating it.")
    inferred: bool = strawberry.field(description="True when read from the context rather than written.")
    note: str | None = strawberry.field(description="How it was inferred.")

    @classmethod
    def from_row(cls, cursor: str, row: Row) -> PartnershipEdge:
        return cls(cursor=cursor, node=Organization.from_row(row["node"]), kind=PartnershipKind(row["kind"]),
                   direction=Direction(row["direction"]), since=row.get("since"), until=row.get("until"),
                   source=Source.maybe(row.get("source"), row.get("excerpt")), excerpt=row.get("excerpt"),
                   inferred=bool(row.get("inferred")), note=row.get("note"))


@strawberry.type(description="A page of partnerships.")
class PartnershipConnection:
    edges: list[PartnershipEdge] = strawberry.field(description="The edges of this page.")
    page_info: PageInfo = strawberry.field(description="Where this page stands.")
    total_count: int = strawberry.field(description="How many links the whole list holds.")

    @classmethod
    def from_page(cls, page: Page[Row]) -> PartnershipConnection:
        return cls(edges=[PartnershipEdge.from_row(cursor, row)
                          for cursor, row in zip(cursors(page, PARTNERSHIP_ORDER), page.rows, strict=True)],
                   page_info=page_info(page, PARTNERSHIP_ORDER), total_count=page.total or 0)
