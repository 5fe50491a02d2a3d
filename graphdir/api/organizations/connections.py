"""Connections of organizations: plain lists, memberships (edges with role and dates), partnerships."""

from __future__ import annotations

from typing import Any

import strawberry

from graphdir.api.common import Source
from graphdir.api.connections import Connection, Edge, node_edges
from graphdir.api.organizations.enums import Direction, PartnershipKind
from graphdir.api.organizations.types import Organization
from graphdir.api.scalars import PartialDate

Row = dict[str, Any]

@strawberry.type(description="An edge to an organization.")
class OrganizationEdge(Edge[Organization]):
    node: Organization = strawberry.field(description="The organization.")


@strawberry.type(description="A page of organizations.")
class OrganizationConnection(Connection[OrganizationEdge]):
    pass


organization_edge = node_edges(OrganizationEdge, Organization.from_row)


@strawberry.type(description="A membership: the edge's node is the member (in `members`) or the body joined "
                 "(in `memberOf`).")
class MembershipEdge(Edge[Organization]):
    node: Organization = strawberry.field(description="The organization at the other end of the membership.")
    role: str | None = strawberry.field(description="The member's role in the body, if the source gives one.")
    since: PartialDate | None = strawberry.field(description="When the membership began, if known.")
    until: PartialDate | None = strawberry.field(description="When it ended, if it has.")
    source: Source | None = strawberry.field(description="The source stating it, with its excerpt.")
    excerpt: str | None = strawberry.field(description="The words of the source stating it.")
    inferred: bool = strawberry.field(description="True when read from the context rather than written.")
    note: str | None = strawberry.field(description="How it was inferred.")

    @classmethod
    def of(cls, cursor: str, row: Row) -> MembershipEdge:
        return cls(cursor=cursor, node=Organization.from_row(row["node"]), role=row.get("role"),
                   since=row.get("since"), until=row.get("until"), source=Source.maybe(row.get("source"),
                   row.get("excerpt")), excerpt=row.get("excerpt"), inferred=bool(row.get("inferred")),
                   note=row.get("note"))


@strawberry.type(description="A page of memberships.")
class MembershipConnection(Connection[MembershipEdge]):
    pass


@strawberry.type(description="A link with another organization: recognition, support, funding, partnership…")
class PartnershipEdge(Edge[Organization]):
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
    def of(cls, cursor: str, row: Row) -> PartnershipEdge:
        return cls(cursor=cursor, node=Organization.from_row(row["node"]), kind=PartnershipKind(row["kind"]),
                   direction=Direction(row["direction"]), since=row.get("since"), until=row.get("until"),
                   source=Source.maybe(row.get("source"), row.get("excerpt")), excerpt=row.get("excerpt"),
                   inferred=bool(row.get("inferred")), note=row.get("note"))


@strawberry.type(description="A page of partnerships.")
class PartnershipConnection(Connection[PartnershipEdge]):
    pass
