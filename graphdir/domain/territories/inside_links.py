"""Containment as data: `(:Organization)-[:INSIDE]->(:Territory)`, the one rule of cypher.py written down per pair.

"An organization is inside t on D" (schema/MODEL.md, "Inside a territory") is a walk: from the organization to the
communes it or its establishments are located in and the territories it covers, then one PART_OF hop. Walked down from
a région at France scale it reaches ~100,000 organizations, which every first page of a région's list then sorts and
counts. So each organization is linked once to every territory it is inside at some time, and the link carries what a
page filters and sorts on:

    (o)-[:INSIDE_<family> {territory, id, kind, sortName, froms, tos}]->(t)      (INSIDE for no family)

The type is the organization's family (cypher.INSIDE_OF_FAMILY): a territory's number of organizations of a family
"at any time" is then its degree for that type, which Neo4j keeps beside the node (nothing to maintain, nothing read
one by one). `territory` is t.id, `id`, `kind` and `sortName` the organization's: an ordered seek of the type's index
on (territory, sortName, id) gives a territory's first page of a family by name without reading the others;
`froms[i]` .. `tos[i]` are the dates of one way the rule puts o inside t (a cover's dates met with the PART_OF's, open
bounds as 0001-01-01 and 9999-12-31), so "inside t on D" is one of them holding D, and "at any time" is the link itself
(the rule with no date ignores every date, even of a cover and a PART_OF that never held together).

The links are derived, never edited: REFRESH rebuilds them for organizations (from the graph as it is, by the rule
above), and every writer of what they depend on calls it in its own transaction: the loader and the importers
(graphdir.loader.inside: after the organizations, establishments, covers and territories a load wrote), the
write API (organization edits, covers, merges; a deletion removes the links with every other relationship). A
territory whose PART_OF changes refreshes the organizations placed in it (AFFECTED_BY_TERRITORIES).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from neo4j import AsyncDriver, AsyncManagedTransaction, AsyncSession

from graphdir.db.schema import refresh_statistics
from graphdir.domain.common.validity import EARLIEST, LATEST
from graphdir.domain.territories.cypher import CONTAINERS_OF_PLACE, INSIDE_ANY, INSIDE_TYPE_OF_O, PLACES_OF_O

# The organizations of $ids (missing ones are skipped): their links removed, then written again from the graph, in
# one statement per batch. `SET o:Organization` changes nothing (o has the label) but takes o's write lock before its
# links are read, without writing a record (`SET o._lock = true REMOVE o._lock` rewrote the property record, a tenth
# of the statement's time): a second refresh of o in another transaction waits for the first to commit, then replaces
# what it wrote, instead of reading the links of before and keeping both sets (tests/api/test_inside_refresh_race.py).
# The containers of a place are found once per batch for all the organizations placed there with the same dates (many
# share a commune), and each link is created with its properties, not created then set.
REFRESH: Final = f"""
UNWIND $ids AS organizationId
MATCH (o:Organization {{id: organizationId}})
SET o:Organization
WITH o
CALL (o) {{
  MATCH (o)-[old:{INSIDE_ANY}]->()
  DELETE old
}}
WITH o
{PLACES_OF_O}
WITH place, since, until, collect(o) AS organizations
{CONTAINERS_OF_PLACE}
UNWIND organizations AS o
WITH o, t, fromDay, toDay ORDER BY fromDay, toDay
WITH o, t, collect(DISTINCT [fromDay, toDay]) AS periods
CREATE (o)-[:$({INSIDE_TYPE_OF_O}) {{territory: t.id, id: o.id, kind: o.kind, sortName: coalesce(o.sortName, ''),
                                     froms: [p IN periods | p[0]], tos: [p IN periods | p[1]]}}]->(t)
"""

# The organizations placed in a territory of $ids (located there, with an establishment there, or covering it).
AFFECTED_BY_TERRITORIES: Final = """
UNWIND $ids AS territoryId
MATCH (t:Territory {id: territoryId})
CALL (t) {
  MATCH (t)<-[:LOCATED_IN|COVERS]-(o:Organization)
  RETURN o
  UNION
  MATCH (t)<-[:LOCATED_IN]-(:Establishment)<-[:HAS_SITE]-(o:Organization)
  RETURN o
}
RETURN collect(DISTINCT o.id) AS ids
"""

# The organizations owning the establishments of $ids.
OWNERS_OF_SITES: Final = """
UNWIND $ids AS siteId
MATCH (:Establishment {id: siteId})<-[:HAS_SITE]-(o:Organization)
RETURN collect(DISTINCT o.id) AS ids
"""


async def _ids(tx: AsyncManagedTransaction, query: str, ids: Sequence[str]) -> list[str]:
    record = await (await tx.run(query, {"ids": list(ids)})).single()
    return list(record["ids"]) if record is not None else []


async def refresh(tx: AsyncManagedTransaction, organization_ids: Sequence[str]) -> None:
    """Rewrite the INSIDE links of these organizations from the graph, in the writer's transaction."""
    if organization_ids:
        await (await tx.run(REFRESH, {"ids": list(organization_ids)})).consume()


async def refresh_placed_in(tx: AsyncManagedTransaction, territory_ids: Sequence[str]) -> None:
    """After the PART_OF links of these territories changed: refresh the organizations placed in them."""
    if territory_ids:
        await refresh(tx, await _ids(tx, AFFECTED_BY_TERRITORIES, territory_ids))


async def refresh_owners_of(tx: AsyncManagedTransaction, site_ids: Sequence[str]) -> None:
    """After these establishments were written (or moved): refresh the organizations that own them."""
    if site_ids:
        await refresh(tx, await _ids(tx, OWNERS_OF_SITES, site_ids))


# rebuild_all, first: every link removed, in transactions of their own (a France-scale graph holds millions).
_DROP_ALL: Final = f"""
MATCH ()-[link:{INSIDE_ANY}]->()
CALL (link) {{ DELETE link }} IN TRANSACTIONS OF 10000 ROWS
"""

# How many ways `o` is placed (located, a site, a cover): 1 with a LOCATED_IN is the common case of _BY_PLACE.
_SINGLE_PLACE: Final = "COUNT { (o)-[:LOCATED_IN|HAS_SITE|COVERS]->() }"

_PLACES: Final = """
MATCH (place:Territory) WHERE EXISTS { (place)<-[:LOCATED_IN]-(:Organization) }
RETURN collect(place.id) AS ids
"""

# Then the places of $ids once each: the organizations placed by one LOCATED_IN and nothing else (nearly all of a
# bulk-loaded graph) get that place's containers, which REFRESH would walk again for each of them; REFRESH's rule
# and representation, in transactions of 2,000 organizations (a big commune's links alone pass Neo4j's memory limit
# of one transaction). Seen at 1,000,000 organizations: REFRESH in batches of 5,000 ran past the 120 s transaction
# timeout on a busy machine (121 organizations/s), this path did all of them in about 13 minutes on the same machine.
_BY_PLACE: Final = f"""
UNWIND $ids AS placeId
MATCH (place:Territory {{id: placeId}})
WITH place, {EARLIEST} AS since, {LATEST} AS until
{CONTAINERS_OF_PLACE}
WITH place, t, fromDay, toDay ORDER BY fromDay, toDay
WITH place, t, collect(DISTINCT [fromDay, toDay]) AS periods
WITH place, collect([t, periods]) AS containers
MATCH (place)<-[:LOCATED_IN]-(o:Organization)
WHERE {_SINGLE_PLACE} = 1
CALL (o, containers) {{
  UNWIND containers AS container
  WITH o, container[0] AS t, container[1] AS periods
  CREATE (o)-[:$({INSIDE_TYPE_OF_O}) {{territory: t.id, id: o.id, kind: o.kind, sortName: coalesce(o.sortName, ''),
                                       froms: [p IN periods | p[0]], tos: [p IN periods | p[1]]}}]->(t)
}} IN TRANSACTIONS OF 2000 ROWS
"""

# The others (establishments, covers, several places): through REFRESH.
_OTHERS: Final = f"""
MATCH (o:Organization) WHERE {_SINGLE_PLACE} > 1 OR EXISTS {{ (o)-[:HAS_SITE|COVERS]->() }}
RETURN collect(o.id) AS ids
"""
_LINKED: Final = f"MATCH (o:Organization) WHERE EXISTS {{ (o)-[:{INSIDE_ANY}]->() }} RETURN count(o) AS count"
PLACE_BATCH: Final = 1_000
REFRESH_BATCH: Final = 500


async def _ids_of(session: AsyncSession, query: str) -> list[str]:
    record = await (await session.run(query)).single()
    return list(record["ids"]) if record is not None else []


async def rebuild_all(driver: AsyncDriver, database: str) -> int:
    """Rewrite every organization's INSIDE links (after an upgrade that brings them, or a neo4j-admin import that
    writes none); the number of organizations linked."""
    async with driver.session(database=database) as session:
        await (await session.run(_DROP_ALL)).consume()
        places = await _ids_of(session, _PLACES)
        for start in range(0, len(places), PLACE_BATCH):
            await (await session.run(_BY_PLACE, {"ids": places[start:start + PLACE_BATCH]})).consume()
        others = await _ids_of(session, _OTHERS)
        for start in range(0, len(others), REFRESH_BATCH):

            async def batch(tx: AsyncManagedTransaction, ids: list[str] = others[start:start + REFRESH_BATCH]) -> None:
                await refresh(tx, ids)

            await session.execute_write(batch)
        linked = await (await session.run(_LINKED)).single()
    await refresh_statistics(driver, database)
    return int(linked["count"]) if linked is not None else 0
