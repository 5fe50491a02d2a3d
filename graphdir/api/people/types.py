"""Person, Role (a person's office in an organization) and Speaker (a person's talk at an event)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.types import Info

from graphdir.api.common import Source, partial
from graphdir.api.connections import After, First
from graphdir.api.context import Context
from graphdir.api.ids import encode
from graphdir.api.people.loaders import RolesOf, TalksOf
from graphdir.api.relay import Node
from graphdir.api.scalars import PartialDate
from graphdir.domain.people.records import PersonRecord, RoleRecord, SpeakerRecord

if TYPE_CHECKING:
    from graphdir.api.events.types import Event
    from graphdir.api.history.types import ChangeConnection
    from graphdir.api.organizations.types import Organization


@strawberry.type(description="A person named by the sources: an officer of an organization, a speaker…")
class Person(Node):
    id: strawberry.ID = strawberry.field(description='Global id: base64 of "Person:<graph id>".')
    name: str = strawberry.field(description="Full name.")
    version: int = strawberry.field(description="Starts at 1, one more at each edit (updatePerson).")
    graph_id: strawberry.Private[str]

    @classmethod
    def from_record(cls, record: PersonRecord) -> Person:
        return cls(id=strawberry.ID(encode("Person", record.id)), graph_id=record.id, name=record.name,
                   version=record.version)

    @classmethod
    def maybe(cls, record: PersonRecord | None) -> Person | None:
        return cls.from_record(record) if record is not None else None

    @strawberry.field(description="The roles the person holds or held, on that day (default: at any time).")
    async def roles(
        self, info: Info[Context, None],
        on: Annotated[dt.date | None, strawberry.argument(description="Only roles held that day.")] = None,
    ) -> list[Role]:
        return [Role.from_record(role) for role in await RolesOf.of(info.context).load(self.graph_id, RolesOf.key(on))]

    @strawberry.field(description="The events the person spoke at.")
    async def talks(self, info: Info[Context, None]) -> list[Speaker]:
        return [Speaker.from_record(talk) for talk in await TalksOf.of(info.context).load(self.graph_id, ())]

    @strawberry.field(description="The sources naming the person, each with its excerpt.")
    async def sources(self, info: Info[Context, None]) -> list[Source]:
        from graphdir.api.facts.loaders import Citations

        return Source.citations(await Citations.of(info.context).load(self.graph_id, Citations.key("Person")))

    @strawberry.field(description="The changes made to it through the API, newest first.")
    async def history(self, info: Info[Context, None], first: First = None, after: After = None
                      ) -> Annotated[ChangeConnection, strawberry.lazy("graphdir.api.history.types")]:
        from graphdir.api.history.loaders import HISTORY_ORDER
        from graphdir.api.history.subject_loaders import PersonHistory
        from graphdir.api.history.types import ChangeConnection, change_edge

        page = await PersonHistory.of(info.context).load(self.graph_id, PersonHistory.key(first, after))
        return ChangeConnection.of(page, HISTORY_ORDER, change_edge)


@strawberry.type(description="An office a person holds in an organization (president, vice-president, director…).")
class Role:
    person: Person = strawberry.field(description="Who holds it.")
    organization: Annotated[Organization, strawberry.lazy("graphdir.api.organizations.types")] = strawberry.field(
        description="Where."
    )
    title: str | None = strawberry.field(description="The title, as the source writes it (Président…).")
    portfolio: str | None = strawberry.field(description="What a vice-president is in charge of.")
    since: PartialDate | None = strawberry.field(description="When the role began, if known.")
    until: PartialDate | None = strawberry.field(description="When it ended, if it has.")
    source: Source | None = strawberry.field(description="The source stating it, with its excerpt.")
    excerpt: str | None = strawberry.field(description="The words of the source stating it.")
    inferred: bool = strawberry.field(description="True when read from the context rather than written.")
    note: str | None = strawberry.field(description="How it was inferred.")
    version: int = strawberry.field(description="Starts at 1, one more at each edit (updateRole, endRole).")

    @classmethod
    def from_record(cls, role: RoleRecord) -> Role:
        from graphdir.api.organizations.types import Organization

        link = role.link
        return cls(person=Person.from_record(role.person), organization=Organization.from_record(role.organization),
                   title=role.title, portfolio=role.portfolio, since=partial(link.since), until=partial(link.until),
                   source=Source.maybe(link.source, link.excerpt), excerpt=link.excerpt, inferred=link.inferred,
                   note=link.note, version=role.version)


@strawberry.type(description="A person speaking at an event, with the title the source gives them there.")
class Speaker:
    person: Person = strawberry.field(description="Who spoke.")
    event: Annotated[Event, strawberry.lazy("graphdir.api.events.types")] = strawberry.field(description="Where.")
    title: str | None = strawberry.field(description="The title given to the speaker (géographe, Président de…).")
    source: Source | None = strawberry.field(description="The source stating it, with its excerpt.")
    excerpt: str | None = strawberry.field(description="The words of the source stating it.")

    @classmethod
    def from_record(cls, talk: SpeakerRecord) -> Speaker:
        from graphdir.api.events.types import Event

        return cls(person=Person.from_record(talk.person), event=Event.from_record(talk.event), title=talk.title,
                   source=Source.maybe(talk.source, talk.excerpt), excerpt=talk.excerpt)
