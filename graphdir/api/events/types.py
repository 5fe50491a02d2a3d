"""The Event type: seminars, round tables, forums, general assemblies."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from graphdir.api.common import Source, partial_time
from graphdir.api.connections import Connection, Edge, node_edges
from graphdir.api.context import Context
from graphdir.api.events.loaders import Linked
from graphdir.api.ids import encode
from graphdir.api.relay import Node
from graphdir.api.scalars import PartialDateTime
from graphdir.api.territories.loaders import CommuneOf
from graphdir.api.territories.types import Territory
from graphdir.domain.events.records import EventRecord

if TYPE_CHECKING:
    from graphdir.api.conventions.types import Convention
    from graphdir.api.organizations.types import Organization
    from graphdir.api.people.types import Speaker

async def _linked(info: Info[Context, None], link: str, graph_id: str) -> list[EventRecord]:
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
    def from_record(cls, record: EventRecord) -> Event:
        return cls(id=strawberry.ID(encode("Event", record.id)), graph_id=record.id, title=record.title,
                   kind=record.kind, starts_at=partial_time(record.starts_at), ends_at=partial_time(record.ends_at),
                   date_inferred=record.date_inferred, date_note=record.date_note, place=record.place)

    @classmethod
    def maybe(cls, record: EventRecord | None) -> Event | None:
        return cls.from_record(record) if record is not None else None

    @strawberry.field(description="The commune it was held in.")
    async def commune(self, info: Info[Context, None]) -> Territory | None:
        return Territory.maybe(await CommuneOf.of(info.context).load(self.graph_id, CommuneOf.key("Event")))

    @strawberry.field(description="The organizations that organised it.")
    async def organisers(self, info: Info[Context, None]
                         ) -> list[Annotated[Organization, strawberry.lazy("graphdir.api.organizations.types")]]:
        from graphdir.api.organizations.loaders import Organisers
        from graphdir.api.organizations.types import Organization

        return [Organization.from_record(organiser)
                for organiser in await Organisers.of(info.context).load(self.graph_id, ())]

    @strawberry.field(description="Who spoke, with the title the source gives each.")
    async def speakers(self, info: Info[Context, None]
                       ) -> list[Annotated[Speaker, strawberry.lazy("graphdir.api.people.types")]]:
        from graphdir.api.people.loaders import SpeakersOf
        from graphdir.api.people.types import Speaker

        return [Speaker.from_record(talk) for talk in await SpeakersOf.of(info.context).load(self.graph_id, ())]

    @strawberry.field(description="The event it was part of (a round table inside a seminar).")
    async def part_of(self, info: Info[Context, None]) -> Event | None:
        events = await _linked(info, "partOf", self.graph_id)
        return Event.from_record(events[0]) if events else None

    @strawberry.field(description="The events inside it.")
    async def parts(self, info: Info[Context, None]) -> list[Event]:
        return [Event.from_record(event) for event in await _linked(info, "parts", self.graph_id)]

    @strawberry.field(description="The event it follows on from.")
    async def follows(self, info: Info[Context, None]) -> Event | None:
        events = await _linked(info, "follows", self.graph_id)
        return Event.from_record(events[0]) if events else None

    @strawberry.field(description="The events that follow on from it.")
    async def followed_by(self, info: Info[Context, None]) -> list[Event]:
        return [Event.from_record(event) for event in await _linked(info, "followedBy", self.graph_id)]

    @strawberry.field(description="The conventions signed during it.")
    async def conventions(self, info: Info[Context, None]
                          ) -> list[Annotated[Convention, strawberry.lazy("graphdir.api.conventions.types")]]:
        from graphdir.api.conventions.loaders import SignedDuring
        from graphdir.api.conventions.types import Convention

        return [Convention.from_record(convention)
                for convention in await SignedDuring.of(info.context).load(self.graph_id, ())]

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


event_edge = node_edges(EventEdge, Event.from_record)
