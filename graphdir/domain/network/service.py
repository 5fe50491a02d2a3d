"""The network around an actor and the shortest path between two.

`network` walks breadth-first from a center, one round trip per level (the first also finds the center), following
only the allowed relationship types, as they stood on a day if asked. It keeps at most `limit` nodes (center included):
at each level the new neighbours most linked to what is already on the map come first, then by id, and `truncated`
says that some were left out. The map holds every allowed edge among its nodes.

`inside` is the network of a territory: the organizations inside it (graphdir.domain.territories.cypher's rule), the
most linked first, with the people, conventions and events linked to them, at most `limit` nodes, and every allowed
edge among them; two round trips (the nodes, then the edges). `truncated` says that some were left out.

`path` is one round trip: Neo4j's `SHORTEST 1` over the allowed types, undirected, with each edge's evidence (the
excerpt and its source document).

Edge ids are stable and carry no element id: `TYPE:startId:endId`, plus `:` and a short hash of the relationship's
properties when several relationships of that type join the same two nodes in the same direction.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from graphdir.db.reader import Reader
from graphdir.domain.common.errors import InvalidArgument
from graphdir.domain.network.cypher import MAX_PATH_LENGTH
from graphdir.domain.network.relations import NODE_TYPES, Relation, resolve
from graphdir.domain.network.repository import NetworkRepository
from graphdir.text import fold
from graphdir.vocabulary import node_type_of

MIN_DEPTH, MAX_DEPTH, DEFAULT_DEPTH = 1, 3, 1
MIN_LIMIT, MAX_LIMIT, DEFAULT_LIMIT = 1, 1000, 200
MIN_PATH, MAX_PATH, DEFAULT_PATH = 1, MAX_PATH_LENGTH, 6


@dataclass(frozen=True)
class MapNode:
    type_name: str
    id: str
    label: str | None
    # Distance from the center (network) or position along the path.
    depth: int


@dataclass(frozen=True)
class SourceRef:
    id: str
    document: str | None
    title: str | None
    url: str | None
    published_on: str | None


@dataclass(frozen=True)
class MapEdge:
    id: str
    type: Relation
    source: MapNode
    target: MapNode
    since: str | None
    until: str | None
    excerpt: str | None
    source_id: str | None
    document: SourceRef | None
    # True when the document does not state the relationship: it was read from it (`note` says how).
    inferred: bool = False
    note: str | None = None
    # True when the relationship carries no excerpt of its own and `excerpt` is a citation of the convention or event
    # record that declares it (PARTY_TO, ORGANISED, SPOKE_AT).
    excerpt_from_citation: bool = False


@dataclass
class NetworkMap:
    center: MapNode
    nodes: list[MapNode]
    edges: list[MapEdge]
    truncated: bool


@dataclass
class TerritoryNetworkMap:
    territory_id: str
    # The organizations inside (depth 0), then what they are linked to (depth 1).
    nodes: list[MapNode]
    edges: list[MapEdge]
    truncated: bool
    # Every organization inside the territory, shown or not.
    organization_count: int


@dataclass
class PathResult:
    length: int
    nodes: list[MapNode]
    edges: list[MapEdge]


def _check_type(argument: str, type_name: str) -> None:
    if type_name not in NODE_TYPES:
        raise InvalidArgument(argument, f"expected an id of {', '.join(NODE_TYPES)}, got {type_name}")


def _check_limit(limit: int) -> None:
    if not MIN_LIMIT <= limit <= MAX_LIMIT:
        raise InvalidArgument("limit", f"must be between {MIN_LIMIT} and {MAX_LIMIT}, got {limit}")


def _node(row: dict[str, Any], depth: int) -> MapNode | None:
    type_name = node_type_of(row["labels"])
    if type_name is None or row["id"] is None:
        return None
    return MapNode(type_name, row["id"], row["label"], depth)


def edge_id(type_name: str, start_id: str, end_id: str, row: dict[str, Any]) -> str:
    base = f"{type_name}:{start_id}:{end_id}"
    if (row.get("parallel") or 0) <= 1:
        return base
    facts = [row.get(k) for k in ("since", "until", "title", "role", "portfolio", "source", "excerpt")]
    digest = hashlib.sha1(json.dumps(facts, ensure_ascii=False).encode()).hexdigest()[:8]
    return f"{base}:{digest}"


def _source_ref(doc: dict[str, Any] | None) -> SourceRef | None:
    if not doc:
        return None
    return SourceRef(doc["id"], doc.get("document"), doc.get("title"), doc.get("url"), doc.get("publishedOn"))


def best_citation(citations: list[dict[str, Any]], other_names: list[str | None]) -> dict[str, Any] | None:
    """The citation whose excerpt names the other end of the relationship (name or acronym, folded), else the first."""
    names = [fold(n) for n in other_names if n]
    for citation in citations:
        excerpt = f" {fold(citation.get('excerpt') or '')} "
        if any(name and f" {name} " in excerpt for name in names):
            return citation
    return citations[0] if citations else None


def _documents(rows: list[dict[str, Any]] | None) -> dict[str, SourceRef]:
    refs = (_source_ref(row) for row in rows or [])
    return {ref.id: ref for ref in refs if ref is not None}


def _edge(row: dict[str, Any], nodes: dict[str, MapNode], documents: dict[str, SourceRef]) -> MapEdge | None:
    start, end = nodes.get(row["start"]), nodes.get(row["end"])
    if start is None or end is None:
        return None
    source_id = row.get("source")
    excerpt, document = row.get("excerpt"), documents.get(source_id) if source_id else None
    from_citation = False
    if excerpt is None:
        citation = best_citation(row.get("citations") or [], row.get("otherNames") or [])
        if citation is not None:
            excerpt, document, from_citation = citation.get("excerpt"), _source_ref(citation.get("document")), True
            source_id = document.id if document else None
    return MapEdge(
        id=edge_id(row["type"], start.id, end.id, row), type=Relation(row["type"]), source=start, target=end,
        since=row.get("since"), until=row.get("until"), excerpt=excerpt, source_id=source_id, document=document,
        inferred=bool(row.get("inferred")), note=row.get("note"), excerpt_from_citation=from_citation)


class NetworkService:
    def __init__(self, reader: Reader) -> None:
        self.repository = NetworkRepository(reader)

    async def network(self, center_type: str, center_id: str, depth: int = DEFAULT_DEPTH,
                      relations: Iterable[Relation] | None = None, on: date | None = None,
                      limit: int = DEFAULT_LIMIT) -> NetworkMap:
        _check_type("centerId", center_type)
        if not MIN_DEPTH <= depth <= MAX_DEPTH:
            raise InvalidArgument("depth", f"must be between {MIN_DEPTH} and {MAX_DEPTH}, got {depth}")
        _check_limit(limit)
        types = resolve(relations, center_type)

        row = await self.repository.first_level(center_type, center_id, types, on, limit - 1)
        if row is None or row["center"] is None:
            raise InvalidArgument("centerId", f"no {center_type} with id {center_id!r}")
        center = _node(row["center"], 0)
        assert center is not None
        by_eid: dict[str, MapNode] = {row["center"]["eid"]: center}
        edges: dict[str, MapEdge] = {}
        frontier = self._absorb(row, 1, by_eid, edges)
        truncated = bool(row["truncated"])
        level = 1
        while level < depth and frontier and not truncated:
            level += 1
            row = await self.repository.next_level(frontier, list(by_eid), types, on, limit - len(by_eid))
            frontier = self._absorb(row, level, by_eid, edges)
            truncated = bool(row["truncated"])
        return NetworkMap(center=center, nodes=list(by_eid.values()),
                          edges=sorted(edges.values(), key=lambda e: e.id), truncated=truncated)

    async def inside(self, territory_id: str, relations: Iterable[Relation] | None = None, on: date | None = None,
                     limit: int = DEFAULT_LIMIT) -> TerritoryNetworkMap | None:
        """The network inside a territory (None when it does not exist)."""
        _check_limit(limit)
        types = resolve(relations)
        row = await self.repository.territory_nodes(territory_id, types, on, limit)
        if row is None:
            return None
        by_eid: dict[str, MapNode] = {}
        for depth, column in ((0, "organizations"), (1, "linked")):
            for node_row in row[column]:
                node = _node(node_row, depth)
                if node is not None:
                    by_eid[node_row["eid"]] = node
        edges: dict[str, MapEdge] = {}
        if by_eid:
            found = await self.repository.edges_among(list(by_eid), types, on)
            documents = _documents(found.get("documents"))
            for edge_row in found["edges"]:
                edge = _edge(edge_row, by_eid, documents)
                if edge is not None:
                    edges[edge.id] = edge
        return TerritoryNetworkMap(territory_id=territory_id, nodes=list(by_eid.values()),
                                   edges=sorted(edges.values(), key=lambda e: e.id), truncated=bool(row["truncated"]),
                                   organization_count=row["total"])

    @staticmethod
    def _absorb(row: dict[str, Any], depth: int, by_eid: dict[str, MapNode], edges: dict[str, MapEdge]) -> list[str]:
        fresh = []
        for node_row in row["nodes"]:
            node = _node(node_row, depth)
            if node is not None:
                by_eid[node_row["eid"]] = node
                fresh.append(node_row["eid"])
        documents = _documents(row.get("documents"))
        for edge_row in row["edges"]:
            edge = _edge(edge_row, by_eid, documents)
            if edge is not None:
                edges[edge.id] = edge
        return fresh

    async def path(self, from_type: str, from_id: str, to_type: str, to_id: str, max_length: int = DEFAULT_PATH,
                   relations: Iterable[Relation] | None = None) -> PathResult | None:
        _check_type("fromId", from_type)
        _check_type("toId", to_type)
        if not MIN_PATH <= max_length <= MAX_PATH:
            raise InvalidArgument("maxLength", f"must be between {MIN_PATH} and {MAX_PATH}, got {max_length}")
        if (from_type, from_id) == (to_type, to_id):
            found = await self.repository.node(from_type, from_id)
            node = _node(found, 0) if found else None
            return PathResult(0, [node], []) if node else None
        types = resolve(relations, from_type, to_type)
        row = await self.repository.shortest_path(from_type, from_id, to_type, to_id, types, max_length)
        if row is None:
            return None
        by_eid: dict[str, MapNode] = {}
        nodes = []
        for position, node_row in enumerate(row["nodes"]):
            node = _node(node_row, position)
            if node is None:
                return None
            by_eid[node_row["eid"]] = node
            nodes.append(node)
        documents = _documents(row.get("documents"))
        edges = [e for e in (_edge(r, by_eid, documents) for r in row["edges"]) if e is not None]
        return PathResult(length=len(edges), nodes=nodes, edges=edges)
