"""Relay node resolution: a global id -> the typed object, batched per type. Reusable by other domains
(search hits, network paths): `await load_node(ctx, "Organization", "cres-auvergne")` returns an `Organization`, and
many calls in one tick make one query per type.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graphdir.api.common import Source
from graphdir.api.context import Context
from graphdir.api.conventions.loaders import Conventions
from graphdir.api.conventions.types import Convention
from graphdir.api.dataloaders import NodeLoader
from graphdir.api.events.loaders import Events
from graphdir.api.events.types import Event
from graphdir.api.facts.loaders import Figures, Sources, Statements
from graphdir.api.facts.types import Figure, Statement
from graphdir.api.ids import decode
from graphdir.api.organizations.loaders import Organizations
from graphdir.api.organizations.types import Organization
from graphdir.api.people.loaders import People
from graphdir.api.people.types import Person
from graphdir.api.relay import Node
from graphdir.api.territories.loaders import Territories
from graphdir.api.territories.types import Territory
from graphdir.domain.common.errors import InvalidArgument

_Builder = Callable[[Any], Node]

# GraphQL type name -> (batched load by graph id, record -> object).
NODE_TYPES: dict[str, tuple[type[NodeLoader[Any]], _Builder]] = {
    "Organization": (Organizations, Organization.from_record),
    "Territory": (Territories, Territory.from_record),
    "Person": (People, Person.from_record),
    "Convention": (Conventions, Convention.from_record),
    "Event": (Events, Event.from_record),
    "Source": (Sources, Source.from_record),
    "Figure": (Figures, Figure.from_record),
    "Statement": (Statements, Statement.from_record),
}


async def load_node(ctx: Context, type_name: str, graph_id: str) -> Node | None:
    """The object of that type and graph id, or None if there is none (or the type is not a node type)."""
    entry = NODE_TYPES.get(type_name)
    if entry is None:
        return None
    loader, build = entry
    record = await loader.of(ctx).get(graph_id)
    return build(record) if record is not None else None


async def resolve_node(ctx: Context, global_id: str, argument: str = "id") -> Node | None:
    """The object a global id names; None when unknown; InvalidArgument naming `argument` when malformed."""
    type_name, graph_id = decode(global_id, argument)
    return await load_node(ctx, type_name, graph_id)


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Any object by its global id (Relay); null when nothing has that id.")
    async def node(
        self, info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="The global id.")],
    ) -> Node | None:
        return await resolve_node(info.context, id)

    @strawberry.field(description="Objects by global ids, in the same order; null where nothing has the id.")
    async def nodes(
        self, info: Info[Context, None],
        ids: Annotated[list[strawberry.ID], strawberry.argument(description="The global ids (at most 100).")],
    ) -> list[Node | None]:
        import asyncio

        if len(ids) > 100:
            raise InvalidArgument("ids", f"at most 100 ids (got {len(ids)})")
        decoded = [decode(value, "ids") for value in ids]
        return list(await asyncio.gather(*(load_node(info.context, t, g) for t, g in decoded)))
