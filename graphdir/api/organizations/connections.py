"""Connections of organizations: plain lists, memberships (edges with role and dates), partnerships."""

from __future__ import annotations

import strawberry

from graphdir.api.common import Source, partial
from graphdir.api.connections import Connection, Edge, node_edges
from graphdir.api.organizations.enums import Direction, PartnershipKind
from graphdir.api.organizations.types import Organization
from graphdir.api.scalars import PartialDate
from graphdir.domain.organizations.records import MembershipRecord, PartnershipRecord


@strawberry.type(description="An edge to an organization.")
class OrganizationEdge(Edge[Organization]):
    node: Organization = strawberry.field(description="The organization.")


@strawberry.type(description="A page of organizations.")
class OrganizationConnection(Connection[OrganizationEdge]):
    pass


organization_edge = node_edges(OrganizationEdge, Organization.from_record)


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
    version: int = strawberry.field(description="Starts at 1, one more at each edit (updateMembership names it).")

    @classmethod
    def of(cls, cursor: str, membership: MembershipRecord) -> MembershipEdge:
        link = membership.link
        return cls(cursor=cursor, node=Organization.from_record(membership.organization), role=membership.role,
                   since=partial(link.since), until=partial(link.until), source=Source.maybe(link.source, link.excerpt),
                   excerpt=link.excerpt, inferred=link.inferred, note=link.note, version=membership.version)


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
    role: str | None = strawberry.field(description="The role the source gives the link, if any.")
    version: int = strawberry.field(description="Starts at 1, one more at each edit (updateRelation).")

    @classmethod
    def of(cls, cursor: str, partnership: PartnershipRecord) -> PartnershipEdge:
        link = partnership.link
        return cls(cursor=cursor, node=Organization.from_record(partnership.organization),
                   kind=PartnershipKind(partnership.kind), direction=Direction(partnership.direction),
                   since=partial(link.since), until=partial(link.until), source=Source.maybe(link.source, link.excerpt),
                   excerpt=link.excerpt, inferred=link.inferred, note=link.note,
                   role=partnership.role, version=partnership.version)


@strawberry.type(description="A page of partnerships.")
class PartnershipConnection(Connection[PartnershipEdge]):
    pass
