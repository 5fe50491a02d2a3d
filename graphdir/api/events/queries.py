"""Query.event."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from graphdir.api.context import Context
from graphdir.api.events.loaders import Events
from graphdir.api.events.types import Event
from graphdir.api.ids import decode


@strawberry.type
class EventQuery:
    @strawberry.field(description="One event by global id; null if none.")
    async def event(
        self, info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="Its global id.")],
    ) -> Event | None:
        _, graph_id = decode(id, "id", {"Event"})
        return Event.maybe(await Events.of(info.context).get(graph_id))
