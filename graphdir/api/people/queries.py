"""Query.person."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from graphdir.api.context import Context
from graphdir.api.ids import decode
from graphdir.api.people.loaders import People
from graphdir.api.people.types import Person


@strawberry.type
class PersonQuery:
    @strawberry.field(description="One person by global id; null if none.")
    async def person(
        self, info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="Their global id.")],
    ) -> Person | None:
        _, graph_id = decode(id, "id", {"Person"})
        return Person.maybe(await People.of(info.context).get(graph_id))
