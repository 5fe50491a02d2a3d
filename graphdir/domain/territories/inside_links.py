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

from neo4j import AsyncDriver, AsyncManagedTransaction

from graphdir.db.schema import refresh_statistics
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


_NEXT_IDS: Final = """
MATCH (o:Organization) WHERE o.id > $after
WITH o.id AS id ORDER BY id LIMIT $size
RETURN collect(id) AS ids
"""
REBUILD_BATCH: Final = 5_000


async def rebuild_all(driver: AsyncDriver, database: str) -> int:
    """Rewrite every organization's INSIDE links, a batch per transaction (after an upgrade that brings them, or a
    neo4j-admin import that writes none); the number of organizations."""
    after, done = "", 0
    async with driver.session(database=database) as session:
        while True:
            result = await session.run(_NEXT_IDS, {"after": after, "size": REBUILD_BATCH})
            record = await result.single()
            ids: list[str] = list(record["ids"]) if record is not None else []
            if not ids:
                await refresh_statistics(driver, database)
                return done

            async def batch(tx: AsyncManagedTransaction, ids: list[str] = ids) -> None:
                await refresh(tx, ids)

            await session.execute_write(batch)
            after, done = ids[-1], done + len(ids)
