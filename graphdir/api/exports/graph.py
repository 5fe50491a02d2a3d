"""A network, territory network or path answer as a graph to export: the `network`/`territoryNetwork`/`path`
answer's nodes and edges (same global ids), each node with its kind, family, level and coordinates when known, read
through the domain services."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from graphdir.api.ids import encode
from graphdir.db.reader import Reader
from graphdir.domain.network.relations import Relation
from graphdir.domain.network.service import MapEdge, MapNode, NetworkService
from graphdir.domain.organizations.service import OrganizationService
from graphdir.domain.territories.service import TerritoryService

# The attributes of each node and edge, in column order (GEXF and GraphML declare them; CSV has them as columns).
NODE_ATTRIBUTES = ("type", "kind", "family", "level", "depth", "latitude", "longitude")
EDGE_ATTRIBUTES = ("relation", "since", "until", "inferred", "excerpt", "source")
NUMERIC = {"depth": "integer", "latitude": "double", "longitude": "double", "inferred": "boolean"}


@dataclass
class GraphNode:
    id: str
    label: str
    attributes: dict[str, str | int | float | bool | None] = field(default_factory=dict)


@dataclass
class GraphEdge:
    id: str
    source: str
    target: str
    attributes: dict[str, str | int | float | bool | None] = field(default_factory=dict)


@dataclass
class ExportGraph:
    title: str
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool = False


def _global(node: MapNode) -> str:
    return encode(node.type_name, node.id)


def _edge(edge: MapEdge) -> GraphEdge:
    document = edge.document
    return GraphEdge(id=edge.id, source=_global(edge.source), target=_global(edge.target), attributes={
        "relation": edge.type.value, "since": edge.since, "until": edge.until, "inferred": edge.inferred,
        "excerpt": edge.excerpt, "source": (document.title or document.document) if document else None})


async def _nodes(reader: Reader, nodes: list[MapNode]) -> list[GraphNode]:
    organizations = await OrganizationService(reader).by_ids([n.id for n in nodes if n.type_name == "Organization"])
    territories = await TerritoryService(reader).by_ids([n.id for n in nodes if n.type_name == "Territory"])
    found = []
    for node in nodes:
        attributes: dict[str, str | int | float | bool | None] = {"type": node.type_name, "depth": node.depth}
        location = None
        if (organization := organizations.get(node.id)) is not None:
            attributes.update(kind=organization.kind, family=organization.family)
            location = organization.location
        if (territory := territories.get(node.id)) is not None:
            attributes["level"] = territory.level
            location = territory.location
        if location is not None:
            attributes.update(latitude=location.latitude, longitude=location.longitude)
        found.append(GraphNode(id=_global(node), label=node.label or node.id, attributes=attributes))
    return found


async def network_graph(reader: Reader, center_type: str, center_id: str, depth: int,
                        relations: Iterable[Relation] | None, on: date | None, limit: int) -> ExportGraph:
    result = await NetworkService(reader).network(center_type, center_id, depth=depth, relations=relations, on=on,
                                                  limit=limit)
    return ExportGraph(title=f"Réseau de {result.center.label or result.center.id} (profondeur {depth})",
                       nodes=await _nodes(reader, result.nodes), edges=[_edge(e) for e in result.edges],
                       truncated=result.truncated)


async def path_graph(reader: Reader, start: tuple[str, str], end: tuple[str, str], max_length: int,
                     relations: Iterable[Relation] | None) -> ExportGraph | None:
    result = await NetworkService(reader).path(*start, *end, max_length=max_length, relations=relations)
    if result is None:
        return None
    first, last = result.nodes[0], result.nodes[-1]
    return ExportGraph(title=f"Chemin de {first.label or first.id} à {last.label or last.id}",
                       nodes=await _nodes(reader, result.nodes), edges=[_edge(e) for e in result.edges])


async def territory_graph(reader: Reader, code: str, level: str | None, relations: Iterable[Relation] | None,
                          on: date | None, limit: int) -> ExportGraph | None:
    territory = await TerritoryService(reader).by_code(code, level)
    if territory is None:
        return None
    result = await NetworkService(reader).inside(territory.id, relations, on, limit)
    if result is None:
        return None
    return ExportGraph(title=f"Réseau dans {territory.name} ({result.organization_count} organisations)",
                       nodes=await _nodes(reader, result.nodes), edges=[_edge(e) for e in result.edges],
                       truncated=result.truncated)
