"""The Convention type: an agreement signed between organizations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from graphdir.api.common import Source, partial
from graphdir.api.connections import After, Connection, Edge, First, node_edges
from graphdir.api.context import Context
from graphdir.api.conventions.enums import ConventionKind, ConventionStatus
from graphdir.api.conventions.loaders import Parties
from graphdir.api.ids import encode
from graphdir.api.relay import Node
from graphdir.api.scalars import PartialDate
from graphdir.api.territories.loaders import CommuneOf
from graphdir.api.territories.types import Territory
from graphdir.domain.conventions.records import ConventionRecord, PartyRecord

if TYPE_CHECKING:
    from graphdir.api.events.types import Event
    from graphdir.api.history.types import ChangeConnection
    from graphdir.api.organizations.types import Organization

@strawberry.type(description="A convention: an agreement signed between two or more organizations.")
class Convention(Node):
    id: strawberry.ID = strawberry.field(description='Global id: base64 of "Convention:<graph id>".')
    title: str = strawberry.field(description="Its title.")
    kind: ConventionKind | None = strawberry.field(description="What it is.")
    status: ConventionStatus | None = strawberry.field(description="Where it stands.")
    signed_on: PartialDate | None = strawberry.field(description="When it was signed, as precisely as known.")
    signed_on_inferred: bool = strawberry.field(description="True when signedOn was inferred.")
    signed_on_note: str | None = strawberry.field(description="How signedOn was inferred.")
    signed_at: str | None = strawberry.field(description='Local time of the signing, "HH:MM".')
    place: str | None = strawberry.field(description="The venue of the signing, as the source writes it.")
    objectives: list[str] = strawberry.field(description="Its objectives, in the source's order and words.")
    valid_from: PartialDate | None = strawberry.field(description="When it began to apply, if known.")
    valid_until: PartialDate | None = strawberry.field(description="When it stopped applying, if known.")
    version: int = strawberry.field(description="Starts at 1, one more at each edit: an update names the version it "
                                    "read, and a stale one is refused (CONFLICT).")
    graph_id: strawberry.Private[str]

    @classmethod
    def from_record(cls, record: ConventionRecord) -> Convention:
        kind, status = record.kind, record.status
        return cls(
            id=strawberry.ID(encode("Convention", record.id)), graph_id=record.id, title=record.title,
            kind=ConventionKind(kind) if kind else None, status=ConventionStatus(status) if status else None,
            signed_on=partial(record.signed_on), signed_on_inferred=record.signed_on_inferred,
            signed_on_note=record.signed_on_note, signed_at=record.signed_at, place=record.place,
            objectives=record.objectives, valid_from=partial(record.valid_from),
            valid_until=partial(record.valid_until), version=record.version,
        )

    @classmethod
    def maybe(cls, record: ConventionRecord | None) -> Convention | None:
        return cls.from_record(record) if record is not None else None

    @strawberry.field(description="The commune it was signed in.")
    async def commune(self, info: Info[Context, None]) -> Territory | None:
        return Territory.maybe(await CommuneOf.of(info.context).load(self.graph_id, CommuneOf.key("Convention")))

    @strawberry.field(description="The parties, with their role.")
    async def parties(self, info: Info[Context, None]) -> list[Party]:
        return [Party.from_record(party) for party in await Parties.of(info.context).load(self.graph_id, ())]

    @strawberry.field(description="The event it was signed during.")
    async def event(self, info: Info[Context, None]
                    ) -> Annotated[Event, strawberry.lazy("graphdir.api.events.types")] | None:
        from graphdir.api.events.loaders import OfConvention
        from graphdir.api.events.types import Event

        return Event.maybe(await OfConvention.of(info.context).load(self.graph_id, ()))

    @strawberry.field(description="The sources reporting it, each with its excerpt.")
    async def sources(self, info: Info[Context, None]) -> list[Source]:
        from graphdir.api.facts.loaders import Citations

        return Source.citations(await Citations.of(info.context).load(self.graph_id, Citations.key("Convention")))

    @strawberry.field(description="The changes made to it through the API, newest first.")
    async def history(self, info: Info[Context, None], first: First = None, after: After = None
                      ) -> Annotated[ChangeConnection, strawberry.lazy("graphdir.api.history.types")]:
        from graphdir.api.history.loaders import HISTORY_ORDER
        from graphdir.api.history.subject_loaders import ConventionHistory
        from graphdir.api.history.types import ChangeConnection, change_edge

        page = await ConventionHistory.of(info.context).load(self.graph_id, ConventionHistory.key(first, after))
        return ChangeConnection.of(page, HISTORY_ORDER, change_edge)


@strawberry.type(description="A party to a convention.")
class Party:
    organization: Annotated[Organization, strawberry.lazy("graphdir.api.organizations.types")] = (
        strawberry.field(description="The organization.")
    )
    role: str | None = strawberry.field(description="Its role (signatory…), as the source gives it.")
    source: Source | None = strawberry.field(description="The source stating it, if other than the convention's.")
    excerpt: str | None = strawberry.field(description="The words of the source stating it.")

    @classmethod
    def from_record(cls, party: PartyRecord) -> Party:
        from graphdir.api.organizations.types import Organization

        return cls(organization=Organization.from_record(party.organization), role=party.role,
                   source=Source.maybe(party.source, party.excerpt), excerpt=party.excerpt)


@strawberry.type(description="An edge to a convention.")
class ConventionEdge(Edge[Convention]):
    node: Convention = strawberry.field(description="The convention.")


@strawberry.type(description="A page of conventions, latest signed first (undated ones last).")
class ConventionConnection(Connection[ConventionEdge]):
    pass


convention_edge = node_edges(ConventionEdge, Convention.from_record)
