"""`network`, `territoryNetwork` and `path`: resolvers only decode and check arguments, then call the domain service."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry.types import Info

from graphdir.api.context import Context
from graphdir.api.ids import decode
from graphdir.api.network.enums import NetworkRelation
from graphdir.api.network.types import Network, Path, TerritoryNetwork, network_of, path_of, territory_network_of
from graphdir.api.territories.enums import TerritoryLevel, level_value
from graphdir.domain.network.relations import NODE_TYPES
from graphdir.domain.network.service import (
    DEFAULT_DEPTH,
    DEFAULT_LIMIT,
    DEFAULT_PATH,
    MAX_DEPTH,
    MAX_LIMIT,
    MAX_PATH,
    NetworkService,
)
from graphdir.domain.territories.service import TerritoryService

_NODE_TYPES = set(NODE_TYPES)
_TYPES_HELP = (
    "The relationship types to follow (default, or an empty list: every relationship between actors, plus COVERS "
    "and LOCATED_IN when an end is a territory).")


@strawberry.type
class NetworkQuery:
    @strawberry.field(description=(
        "The network around a node, breadth-first: the nodes up to `depth` relationships away over `relationTypes`, "
        "as they stood on the day `on` if given, and every such relationship among them. Territories are left out "
        "unless COVERS or LOCATED_IN is asked for (or the center is a territory). At most `limit` nodes, center "
        "included: the nodes most linked to the map come first, and `truncated` says when some were left out."))
    async def network(
        self,
        info: Info[Context, None],
        center_id: Annotated[strawberry.ID, strawberry.argument(
            description="Global id of the center: an Organization, Person, Territory, Convention or Event.")],
        depth: Annotated[int | None, strawberry.argument(
            description=f"How many relationships away, 1 to {MAX_DEPTH} (default, or null: {DEFAULT_DEPTH}).")]
        = DEFAULT_DEPTH,
        relation_types: Annotated[list[NetworkRelation] | None, strawberry.argument(description=_TYPES_HELP)] = None,
        on: Annotated[dt.date | None, strawberry.argument(
            description="Keep only the relationships (and territories) valid that day (default: at any time).")]
        = None,
        limit: Annotated[int | None, strawberry.argument(
            description=f"At most this many nodes, 1 to {MAX_LIMIT} (default, or null: {DEFAULT_LIMIT}).")]
        = DEFAULT_LIMIT,
    ) -> Network:
        center_type, center_key = decode(center_id, "centerId", _NODE_TYPES)
        # An explicit null is the default, as for an absent argument.
        depth = DEFAULT_DEPTH if depth is None else depth
        limit = DEFAULT_LIMIT if limit is None else limit
        result = await NetworkService(info.context.reader).network(
            center_type, center_key, depth=depth, relations=relation_types, on=on, limit=limit)
        return network_of(result)

    @strawberry.field(description=(
        "The network inside a territory: the organizations inside it on the day `on` (located in or covering a "
        "territory inside it, themselves or by an establishment: the rule of `organizations(filter: {territoryCode})`)"
        ", the people, conventions and events they are linked to over `relationTypes`, and every such relationship "
        "among them. At most `limit` nodes: the organizations most linked come first, then what they are linked to; "
        "`truncated` says when some were left out and `organizationCount` how many organizations are inside. Null "
        "when no territory has that code."))
    async def territory_network(
        self,
        info: Info[Context, None],
        code: Annotated[str, strawberry.argument(description='The territory\'s code ("03095", "84", "200071363").')],
        level: Annotated[TerritoryLevel | None, strawberry.argument(
            description="Its level, needed when the code exists at several levels.")] = None,
        relation_types: Annotated[list[NetworkRelation] | None, strawberry.argument(description=(
            "The relationship types to follow (default, or an empty list: every relationship between actors)."))]
        = None,
        on: Annotated[dt.date | None, strawberry.argument(
            description="Inside the territory, and relationships valid, on that day (default: at any time).")]
        = None,
        limit: Annotated[int | None, strawberry.argument(
            description=f"At most this many nodes, 1 to {MAX_LIMIT} (default, or null: {DEFAULT_LIMIT}).")]
        = DEFAULT_LIMIT,
    ) -> TerritoryNetwork | None:
        limit = DEFAULT_LIMIT if limit is None else limit
        territory = await TerritoryService(info.context.reader).by_code(code, level_value(level))
        if territory is None:
            return None
        result = await NetworkService(info.context.reader).inside(territory.id, relation_types, on, limit)
        return territory_network_of(territory, result) if result is not None else None

    @strawberry.field(description=(
        "A shortest path between two nodes, undirected, over `relationTypes`, each edge with the excerpt and the "
        "source document that state it. Null when there is none within `maxLength`, or when either node does not "
        "exist."))
    async def path(
        self,
        info: Info[Context, None],
        from_id: Annotated[strawberry.ID, strawberry.argument(
            description="Global id of the start: an Organization, Person, Territory, Convention or Event.")],
        to_id: Annotated[strawberry.ID, strawberry.argument(
            description="Global id of the end: an Organization, Person, Territory, Convention or Event.")],
        max_length: Annotated[int | None, strawberry.argument(
            description=f"At most this many relationships, 1 to {MAX_PATH} (default, or null: {DEFAULT_PATH}).")]
        = DEFAULT_PATH,
        relation_types: Annotated[list[NetworkRelation] | None, strawberry.argument(description=_TYPES_HELP)] = None,
    ) -> Path | None:
        from_type, from_key = decode(from_id, "fromId", _NODE_TYPES)
        to_type, to_key = decode(to_id, "toId", _NODE_TYPES)
        max_length = DEFAULT_PATH if max_length is None else max_length
        result = await NetworkService(info.context.reader).path(
            from_type, from_key, to_type, to_key, max_length=max_length, relations=relation_types)
        return path_of(result) if result is not None else None
