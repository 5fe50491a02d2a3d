"""Person, Role (a person's office in an organization) and Speaker (a person's talk at an event)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.types import Info

from graphdir.api.common import Source
from graphdir.api.context import Context
from graphdir.api.ids import encode
from graphdir.api.people.loaders import RolesOf, TalksOf
from graphdir.api.relay import Node
from graphdir.api.scalars import PartialDate

if TYPE_CHECKING:
    from graphdir.api.events.types import Event
    from graphdir.api.organizations.types import Organization


@strawberry.type(description="A person named by the sources: an officer of an organization, a speaker…")
class Person(Node):
    id: strawberry.ID = strawberry.field(description='Global id: base64 of "Person:<graph id>".')
    name: str = strawberry.field(description="Full name.")
    graph_id: strawberry.Private[str]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Person:
        return cls(id=strawberry.ID(encode("Person", row["id"])), graph_id=row["id"], name=row["name"])

    @classmethod
    def maybe(cls, row: dict[str, Any] | None) -> Person | None:
        return cls.from_row(row) if row else None

    @strawberry.field(description="The roles the person holds or held, on that day (default: at any time).")
    async def roles(
        self, info: Info[Context, None],
        on: Annotated[dt.date | None, strawberry.argument(description="Only roles held that day.")] = None,
    ) -> list[Role]:
        return [Role.from_row(row) for row in await RolesOf.of(info.context).load(self.graph_id, RolesOf.key(on))]

    @strawberry.field(description="The events the person spoke at.")
    async def talks(self, info: Info[Context, None]) -> list[Speaker]:
        return [Speaker.from_row(row) for row in await TalksOf.of(info.context).load(self.graph_id, ())]

    @strawberry.field(description="The sources naming the person, each with its excerpt.")
    async def sources(self, info: Info[Context, None]) -> list[Source]:
        from graphdir.api.facts.loaders import Citations

        return Source.citations(await Citations.of(info.context).load(self.graph_id, Citations.key("Person")))


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

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Role:
        from graphdir.api.organizations.types import Organization

        return cls(person=Person.from_row(row["person"]), organization=Organization.from_row(row["organization"]),
                   title=row.get("title"), portfolio=row.get("portfolio"), since=row.get("since"),
                   until=row.get("until"), source=Source.maybe(row.get("source"), row.get("excerpt")),
                   excerpt=row.get("excerpt"), inferred=bool(row.get("inferred")), note=row.get("note"))


@strawberry.type(description="A person speaking at an event, with the title the source gives them there.")
class Speaker:
    person: Person = strawberry.field(description="Who spoke.")
    event: Annotated[Event, strawberry.lazy("graphdir.api.events.types")] = strawberry.field(description="Where.")
    title: str | None = strawberry.field(description="The title given to the speaker (géographe, Président de…).")
    source: Source | None = strawberry.field(description="The source stating it, with its excerpt.")
    excerpt: str | None = strawberry.field(description="The words of the source stating it.")

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Speaker:
        from graphdir.api.events.types import Event

        return cls(person=Person.from_row(row["person"]), event=Event.from_row(row["event"]),
                   title=row.get("title"), source=Source.maybe(row.get("source"), row.get("excerpt")),
                   excerpt=row.get("excerpt"))
