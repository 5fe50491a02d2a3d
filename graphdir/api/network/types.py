"""Lean GraphQL objects of the network map and of paths: built whole by the resolver, no per-field resolvers."""

from __future__ import annotations

import strawberry

from graphdir.api.common import Source
from graphdir.api.ids import encode
from graphdir.api.network.enums import NetworkRelation
from graphdir.api.scalars import PartialDate
from graphdir.api.territories.types import Territory
from graphdir.domain.network.service import MapEdge, MapNode, NetworkMap, PathResult, SourceRef, TerritoryNetworkMap
from graphdir.domain.territories.records import TerritoryRecord


@strawberry.type(description="A node of a network map or of a path.")
class NetworkNode:
    id: strawberry.ID = strawberry.field(description="Global id, the same as the node's own type gives.")
    type: str = strawberry.field(description="GraphQL type of the node: Organization, Person, Territory, Convention "
                                             "or Event.")
    label: str | None = strawberry.field(description="Name (or title) to display.")
    depth: int = strawberry.field(description="Distance from the center of the map, or position along the path "
                                              "(0 for its start).")


@strawberry.type(description="A relationship of a network map or of a path, as stored (source -> target).")
class NetworkEdge:
    id: strawberry.ID = strawberry.field(
        description="Stable id: TYPE:sourceGraphId:targetGraphId, plus :hash when several relationships of that type "
                    "join the same two nodes in the same direction.")
    type: NetworkRelation = strawberry.field(description="The relationship type.")
    source: strawberry.ID = strawberry.field(description="Global id of the start node.")
    target: strawberry.ID = strawberry.field(description="Global id of the end node.")
    since: PartialDate | None = strawberry.field(description="When the relationship began, if known.")
    until: PartialDate | None = strawberry.field(description="When the relationship ended, if known.")
    excerpt: str | None = strawberry.field(description="The words of the source document that state it.")
    source_document: Source | None = strawberry.field(
        description="The document the excerpt comes from (its `excerpt` is the edge's).")
    excerpt_from_citation: bool = strawberry.field(
        description="True when the relationship carries no excerpt of its own (a party to a convention, the organiser "
                    "of or a speaker at an event) and `excerpt` is the citation of the convention or event that "
                    "names the other end.")
    inferred: bool = strawberry.field(description="True when the document does not state the relationship outright "
                                                  "but it was read from it; `note` says how.")
    note: str | None = strawberry.field(description="How an inferred relationship was read from the document.")


@strawberry.type(description="The actors around a center, breadth-first.")
class Network:
    center: NetworkNode = strawberry.field(description="The node the map is drawn around (depth 0).")
    nodes: list[NetworkNode] = strawberry.field(description="The center first, then by depth.")
    edges: list[NetworkEdge] = strawberry.field(description="Every allowed relationship among the nodes, by id.")
    truncated: bool = strawberry.field(description="True when `limit` left out nodes within `depth`.")


@strawberry.type(description="The actors inside a territory and the relationships among them.")
class TerritoryNetwork:
    territory: Territory = strawberry.field(description="The territory.")
    nodes: list[NetworkNode] = strawberry.field(description=(
        "The organizations inside the territory (depth 0), the most linked first, then the people, conventions and "
        "events (and territories, when COVERS or LOCATED_IN is asked for) they are linked to (depth 1)."))
    edges: list[NetworkEdge] = strawberry.field(description="Every allowed relationship among the nodes, by id.")
    truncated: bool = strawberry.field(description="True when `limit` left out organizations inside the territory or "
                                                   "nodes linked to them.")
    organization_count: int = strawberry.field(description="How many organizations are inside the territory, shown "
                                                           "or not.")


@strawberry.type(description="A shortest path between two nodes, undirected, over the allowed relationship types.")
class Path:
    length: int = strawberry.field(description="Number of relationships.")
    nodes: list[NetworkNode] = strawberry.field(description="From the start to the end, in order.")
    edges: list[NetworkEdge] = strawberry.field(description="In path order; each keeps its stored direction.")


def node_of(node: MapNode) -> NetworkNode:
    return NetworkNode(id=strawberry.ID(encode(node.type_name, node.id)), type=node.type_name, label=node.label,
                       depth=node.depth)


def _source_of(ref: SourceRef | None, excerpt: str | None) -> Source | None:
    if ref is None:
        return None
    published_on = PartialDate(ref.published_on) if ref.published_on is not None else None
    return Source(id=strawberry.ID(encode("Source", ref.id)), document=ref.document, title=ref.title, url=ref.url,
                  published_on=published_on, excerpt=excerpt)


def _partial(value: str | None) -> PartialDate | None:
    return PartialDate(value) if value is not None else None


def edge_of(edge: MapEdge) -> NetworkEdge:
    return NetworkEdge(
        id=strawberry.ID(edge.id), type=edge.type,
        source=strawberry.ID(encode(edge.source.type_name, edge.source.id)),
        target=strawberry.ID(encode(edge.target.type_name, edge.target.id)),
        since=_partial(edge.since), until=_partial(edge.until), excerpt=edge.excerpt,
        source_document=_source_of(edge.document, edge.excerpt),
        excerpt_from_citation=edge.excerpt_from_citation, inferred=edge.inferred, note=edge.note)


def network_of(result: NetworkMap) -> Network:
    return Network(center=node_of(result.center), nodes=[node_of(n) for n in result.nodes],
                   edges=[edge_of(e) for e in result.edges], truncated=result.truncated)


def path_of(result: PathResult) -> Path:
    return Path(length=result.length, nodes=[node_of(n) for n in result.nodes],
                edges=[edge_of(e) for e in result.edges])


def territory_network_of(territory: TerritoryRecord, result: TerritoryNetworkMap) -> TerritoryNetwork:
    return TerritoryNetwork(territory=Territory.from_record(territory), nodes=[node_of(n) for n in result.nodes],
                            edges=[edge_of(e) for e in result.edges], truncated=result.truncated,
                            organization_count=result.organization_count)
