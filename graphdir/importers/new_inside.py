"""The INSIDE links of the organizations a direct-create batch places (new_nodes.py), computed per commune once.

graphdir.domain.territories.inside_links.REFRESH rebuilds an organization's links by walking from it to every place
of it and one PART_OF hop up: the same communes' containers are walked again for each of the thousands of
organizations of a batch placed there, and every link is deleted and created again when an establishment is added.
Here, for what a batch creates, the result is the same by construction:

- a place of a new organization or of a new establishment holds at any time (LOCATED_IN has no dates), so what it
  puts its organization inside is the place itself (0001-01-01 .. 9999-12-31) and each territory it is PART_OF
  (the PART_OF's dates): read once per distinct place of the batch (CONTAINERS);
- a new organization has no link yet: its links are its places' containers, grouped by territory, the periods
  distinct and sorted (REFRESH's `ORDER BY fromDay, toDay`, `collect(DISTINCT …)`);
- an organization already in the graph that gets new establishments has the links REFRESH gave it (every writer
  keeps them so) and nothing else of it changes in the batch: its links for a territory become the union of the
  periods it has and those its new places bring, sorted; a link whose periods do not change is not rewritten.

A new organization with covers (never from SIRENE) goes through REFRESH, whose cover dates it would otherwise
have to repeat. The link representation is inside_links.py's: type by family (cypher.INSIDE_OF_FAMILY), properties
territory, id, kind, sortName, froms, tos.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from neo4j import AsyncManagedTransaction

from graphdir.domain.common.validity import EARLIEST, LATEST
from graphdir.domain.territories import inside_links
from graphdir.domain.territories.cypher import CONTAINERS_OF_PLACE, INSIDE, INSIDE_ANY, INSIDE_OF_FAMILY
from graphdir.loader.planning import NodeRow

# Each place of $ids: the territories it puts an organization inside at any time, with the dates: the rule's
# CONTAINERS_OF_PLACE for a place that holds from EARLIEST to LATEST.
CONTAINERS: Final = f"""
UNWIND $ids AS placeId
MATCH (place:Territory {{id: placeId}})
WITH placeId, place, {EARLIEST} AS since, {LATEST} AS until
{CONTAINERS_OF_PLACE}
RETURN placeId, collect([t.id, fromDay, toDay]) AS containers
"""

# The organizations of $ids already in the graph: what their links copy, and the links they have.
HELD: Final = f"""
UNWIND $ids AS organizationId
MATCH (o:Organization {{id: organizationId}})
RETURN organizationId, o.family AS family, o.kind AS kind, coalesce(o.sortName, '') AS sortName,
  [(o)-[link:{INSIDE_ANY}]->(:Territory) | [link.territory, link.froms, link.tos]] AS links
"""

# Links to create: per organization, its type and each link's properties (the other end: the territory of
# `territory`). Named in the CREATE, not set from the map: `SET link = props` puts an Eager before the next row's
# MATCH (new_nodes.create_statement says why).
CREATE_LINKS: Final = """
UNWIND $rows AS row
MATCH (o:Organization {id: row.id})
UNWIND row.links AS props
MATCH (t:Territory {id: props.territory})
CREATE (o)-[:$(row.type) {territory: props.territory, id: props.id, kind: props.kind, sortName: props.sortName,
                          froms: props.froms, tos: props.tos}]->(t)
"""

# Links whose periods grow (an organization of an earlier batch with new establishments).
UPDATE_LINKS: Final = f"""
UNWIND $rows AS row
MATCH (o:Organization {{id: row.id}})-[link:{INSIDE_ANY}]->(:Territory {{id: row.territory}})
SET link.froms = row.froms, link.tos = row.tos
"""

Period = tuple[Any, Any]


@dataclass
class _Owner:
    """An organization the batch places: what its links copy, its new places, and the links it has already."""

    family: str | None
    kind: str | None
    sort_name: str
    places: set[str] = field(default_factory=set)
    held: dict[str, list[Period]] = field(default_factory=dict)

    @property
    def type(self) -> str:
        return INSIDE_OF_FAMILY.get(self.family or "", INSIDE)


def _located_in(node: NodeRow) -> list[str]:
    return [rel.other for rel in node.rels if rel.type == "LOCATED_IN"]


async def write_links(tx: AsyncManagedTransaction, plan: Mapping[str, Sequence[NodeRow]]) -> None:
    """Write the INSIDE links of every organization `plan` places, in the batch's transaction, after its nodes."""
    owners: dict[str, _Owner] = {}
    with_covers: list[str] = []
    for node in plan.get("organizations", ()):
        if any(rel.type == "COVERS" for rel in node.rels):
            with_covers.append(node.id)
            continue
        props = node.props
        owners[node.id] = _Owner(props.get("family"), props.get("kind"), str(props.get("sortName") or ""),
                                 set(_located_in(node)))
    sites: dict[str, set[str]] = defaultdict(set)
    for node in plan.get("establishments", ()):
        holder = next(rel.other for rel in node.rels if rel.type == "HAS_SITE")
        sites[holder].update(_located_in(node))
    earlier = sorted(set(sites) - set(owners) - set(with_covers))
    if earlier:
        for record in await (await tx.run(HELD, {"ids": earlier})).fetch(len(earlier)):
            owners[record["organizationId"]] = _Owner(
                record["family"], record["kind"], record["sortName"],
                held={territory: list(zip(froms, tos, strict=True)) for territory, froms, tos in record["links"]})
    for owner_id, places in sites.items():
        if owner_id in owners:
            owners[owner_id].places |= places
    containers = await _containers(tx, sorted({place for owner in owners.values() for place in owner.places}))
    creates: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    for owner_id, owner in owners.items():
        periods: dict[str, set[Period]] = defaultdict(set)
        for place in owner.places:
            for territory, since, until in containers.get(place, ()):
                periods[territory].add((since, until))
        new_links = []
        for territory, found in periods.items():
            held = owner.held.get(territory)
            merged = sorted(found.union(held or ()))
            if held == merged:
                continue
            froms, tos = [p[0] for p in merged], [p[1] for p in merged]
            if held is not None:
                updates.append({"id": owner_id, "territory": territory, "froms": froms, "tos": tos})
            else:
                link = {"territory": territory, "id": owner_id, "sortName": owner.sort_name, "froms": froms,
                        "tos": tos}
                if owner.kind is not None:
                    link["kind"] = owner.kind
                new_links.append(link)
        if new_links:
            creates.append({"id": owner_id, "type": owner.type, "links": new_links})
    if creates:
        await (await tx.run(CREATE_LINKS, {"rows": creates})).consume()
    if updates:
        await (await tx.run(UPDATE_LINKS, {"rows": updates})).consume()
    await inside_links.refresh(tx, with_covers)


async def _containers(tx: AsyncManagedTransaction, places: list[str]) -> dict[str, list[list[Any]]]:
    if not places:
        return {}
    records = await (await tx.run(CONTAINERS, {"ids": places})).fetch(len(places))
    return {record["placeId"]: record["containers"] for record in records}
