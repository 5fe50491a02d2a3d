"""The relationship types a network map or a path may follow: a fixed set, so no request text becomes a type."""

from __future__ import annotations

from collections.abc import Iterable

from graphdir.vocabulary import NetworkRelation as Relation
from graphdir.vocabulary import NodeType

__all__ = ["ACTOR_RELATIONS", "NODE_TYPES", "TERRITORY_RELATIONS", "Relation", "resolve"]


# Links to territories: a region is covered by hundreds of bodies and a commune hosts every organization located in
# it, so territories would crowd the map of who works with whom. They are followed only when asked for, or when the map
# (or path) starts or ends at a territory.
TERRITORY_RELATIONS = frozenset({Relation.COVERS, Relation.LOCATED_IN})
ACTOR_RELATIONS = frozenset(set(Relation) - TERRITORY_RELATIONS)

# The node types (GraphQL type = main label) a map or a path may start or end at.
NODE_TYPES = tuple(node_type.value for node_type in NodeType)


def resolve(requested: Iterable[Relation] | None, *end_types: str) -> list[str]:
    """The relationship type names to follow: the requested ones, or by default those between actors (plus the links
    to territories when an end is a territory). An empty list means the default."""
    chosen = set(requested or ())
    if not chosen:
        chosen = set(ACTOR_RELATIONS)
        if "Territory" in end_types:
            chosen |= TERRITORY_RELATIONS
    return sorted(r.value for r in chosen)
