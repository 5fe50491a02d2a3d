"""The Event type: seminars, round tables, forums, general assemblies."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from graphdir.api.common import Source
from graphdir.api.connections import Connection, Edge, node_edges
from graphdir.api.context import Context
from graphdir.api.events.loaders import Linked
from graphdir.api.ids import encode
from graphdir.api.relay import Node
from graphdir.api.scalars import PartialDateTime
from graphdir.api.territories.loaders import CommuneOf
from graphdir.api.territories.types import Territory

if TYPE_CHECKING:
    from graphdir.api.conventions.types import Convention
    from graphdir.api.organizations.types import Organization
    from graphdir.api.people.types import Speaker

async def _linked(info: Info[Context, None], link: str, graph_id: str) -> list[dict[str, Any]]:
    return await Linked.of(info.context).load(graph_id, Linked.key(link))


@strawberry.type(description="An event where actors meet or sign conventions.")
class Event(Node):
    id: strawberry.ID = strawberry.field(description='Global id: base64 of "Event:<graph id>".')
    title: str = strawberry.field(description="Its title.")
    kind: str | None = strawberry.field(
        description="SEMINAR, ROUND_TABLE, THEATRE_FORUM, GENERAL_ASSEMBLY… (open list)."
    )
    starts_at: PartialDateTime | None = strawberry.field(description="When it began, as precisely as known.")
    ends_at: PartialDateTime | None = strawberry.field(description="When it ended, as precisely as known.")
    date_inferred: bool = strawberry.field(description="True when its dates were inferred.")
    date_note: str | None = strawberry.field(description="How its dates were inferred.")
    place: str | None = strawberry.field(description="The venue, as the source writes it.")
    graph_id: strawberry.Private[str]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Event:
        return cls(id=strawberry.ID(encode("Event", row["id"])), graph_id=row["id"], title=row["title"],
                   kind=row.get("kind"), starts_at=row.get("startsAt"), ends_at=row.get("endsAt"),
                   date_inferred=bool(row.get("dateInferred")), date_note=row.get("dateNote"),
                   place=row.get("place"))

    @classmethod
    def maybe(cls, row: dict[str, Any] | None) -> Event | None:
        return cls.from_row(row) if row else None

    @strawberry.field(description="The commune it was held in.")
    async def commune(self, info: Info[Context, None]) -> Territory | None:
        return Territory.maybe(await CommuneOf.of(info.context).load(self.graph_id, CommuneOf.key("Event")))

    @strawberry.field(description="The organizations that organised it.")
    async def organisers(self, info: Info[Context, None]
                         ) -> list[Annotated[Organization, strawberry.lazy("graphdir.api.organizations.types")]]:
        from graphdir.api.organizations.loaders import Organisers
        from graphdir.api.organizations.types import Organization

        return [Organization.from_row(row) for row in await Organisers.of(info.context).load(self.graph_id, ())]

    @strawberry.field(description="Who spoke, with the title the source gives each.")
    async def speakers(self, info: Info[Context, None]
                       ) -> list[Annotated[Speaker, strawberry.lazy("graphdir.api.people.types")]]:
        from graphdir.api.people.loaders import SpeakersOf
        from graphdir.api.people.types import Speaker

        return [Speaker.from_row(row) for row in await SpeakersOf.of(info.context).load(self.graph_id, ())]

    @strawberry.field(description="The event it was part of (a round table inside a seminar).")
    async def part_of(self, info: Info[Context, None]) -> Event | None:
        rows = await _linked(info, "partOf", self.graph_id)
        return Event.from_row(rows[0]) if rows else None

    @strawberry.field(description="The events inside it.")
    async def parts(self, info: Info[Context, None]) -> list[Event]:
        return [Event.from_row(row) for row in await _linked(info, "parts", self.graph_id)]

    @strawberry.field(description="The event it follows on from.")
    async def follows(self, info: Info[Context, None]) -> Event | None:
        rows = await _linked(info, "follows", self.graph_id)
        return Event.from_row(rows[0]) if rows else None

    @strawberry.field(description="The events that follow on from it.")
    async def followed_by(self, info: Info[Context, None]) -> list[Event]:
        return [Event.from_row(row) for row in await _linked(info, "followedBy", self.graph_id)]

    @strawberry.field(description="The conventions signed during it.")
    async def conventions(self, info: Info[Context, None]
                          ) -> list[Annotated[Convention, strawberry.lazy("graphdir.api.conventions.types")]]:
        from graphdir.api.conventions.loaders import SignedDuring
        from graphdir.api.conventions.types import Convention

        return [Convention.from_row(row) for row in await SignedDuring.of(info.context).load(self.graph_id, ())]

    @strawberry.field(description="The sources reporting it, each with its excerpt.")
    async def sources(self, info: Info[Context, None]) -> list[Source]:
        from graphdir.api.facts.loaders import Citations

        return Source.citations(await Citations.of(info.context).load(self.graph_id, Citations.key("Event")))


@strawberry.type(description="An edge to an event.")
class EventEdge(Edge[Event]):
    node: Event = strawberry.field(description="The event.")


@strawberry.type(description="A page of events, latest first.")
class EventConnection(Connection[EventEdge]):
    pass


event_edge = node_edges(EventEdge, Event.from_row)
