"""Change: one edit in the history of the objects it changed."""

from __future__ import annotations

import datetime as dt

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from graphdir.api.common import Source
from graphdir.api.connections import Connection, Edge
from graphdir.api.context import Context
from graphdir.api.organizations.loaders import Organizations
from graphdir.api.organizations.types import Organization
from graphdir.domain.history.records import ChangeRecord

CHANGE_ORDER = "change"


@strawberry.type(description="One field of an object, before and after a change (null: absent).")
class FieldChange:
    field: str = strawberry.field(description="The field, as the API and the seed format name it (commune: its "
                                  "INSEE code).")
    before: JSON | None = strawberry.field(description="Its value before.")
    after: JSON | None = strawberry.field(description="Its value after.")


@strawberry.type(description="One edit, or one record a load or an import wrote: who made it, when, in which "
                 "request (or run), on what source, and what it changed.")
class Change:
    id: strawberry.ID = strawberry.field(description="The change's id.")
    sequence: int = strawberry.field(description="Its place in the feed (`changes`): the order of commits.")
    at: dt.datetime = strawberry.field(description="When it was committed (UTC).")
    actor: str = strawberry.field(description="The name of the token that made it, or the command (`graphdir load` "
                                  "and its files, `graphdir import siae` and its file).")
    operation: str = strawberry.field(description="The mutation (createOrganization, addMembership, "
                                      "mergeOrganizations, deleteOrganization, createConvention…), or load.create, "
                                      "load.update, import.create, import.update.")
    object_type: str = strawberry.field(description="What it changed: Organization, Membership, Relation, Convention, "
                                        "Person, Role, Cover, Figure, or (loads) any other record: Territory, "
                                        "Establishment, Source, HOLDS_ROLE…")
    fields: list[FieldChange] = strawberry.field(description="What it changed, field by field.")
    source: Source | None = strawberry.field(description="The source the edit named, with its excerpt (a load's: "
                                             "one its record cites).")
    request_id: str | None = strawberry.field(description="The request (X-Request-Id, or one the API made).")
    version: int | None = strawberry.field(description="The version of the object after the change.")
    object_ids: strawberry.Private[tuple[str, ...]]

    @classmethod
    def from_record(cls, record: ChangeRecord) -> Change:
        return cls(id=strawberry.ID(record.id), sequence=record.seq, at=record.at, actor=record.actor,
                   operation=record.operation, object_type=record.object_type,
                   fields=[FieldChange(field=c.field, before=c.before, after=c.after)
                           for c in record.fields],
                   source=Source.maybe(record.source, record.excerpt), request_id=record.request_id,
                   version=record.version, object_ids=record.object_ids)

    @strawberry.field(description="The organizations it changed (a membership's member, then the body).")
    async def organizations(self, info: Info[Context, None]) -> list[Organization]:
        loader = Organizations.of(info.context)
        found = [await loader.get(graph_id) for graph_id in self.object_ids]
        return [Organization.from_record(record) for record in found if record is not None]


@strawberry.type(description="An edge to a change.")
class ChangeEdge(Edge[Change]):
    node: Change = strawberry.field(description="The change.")


@strawberry.type(description="A page of changes.")
class ChangeConnection(Connection[ChangeEdge]):
    pass


def change_edge(cursor: str, record: ChangeRecord) -> ChangeEdge:
    return ChangeEdge(cursor=cursor, node=Change.from_record(record))
