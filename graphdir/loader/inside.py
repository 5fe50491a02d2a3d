"""Which organizations' INSIDE links a load must rewrite (graphdir.domain.territories.inside_links keeps them).

The organizations the load creates or updates; the owners, before and after, of the establishments it writes (an
establishment that changes owner takes the old one out of its territories); the organizations placed in a territory it
updates (its PART_OF may have changed). The graph is read before the load writes, for the owners and placements it
replaces. The rewrite is the load's last step: in its transaction, or, for a bulk load, in its own batches after
everything else is committed.
"""

from __future__ import annotations

from collections.abc import Mapping

from neo4j import AsyncDriver

from graphdir.domain.territories import inside_links
from graphdir.loader.planning import NodeRow
from graphdir.loader.writing import Changes, Step


async def _read_ids(driver: AsyncDriver, database: str, query: str, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    records, _, _ = await driver.execute_query(query, {"ids": ids}, database_=database, routing_="r")
    return set(records[0]["ids"]) if records else set()


async def refresh_step(driver: AsyncDriver, database: str, changes: Mapping[str, Changes]) -> Step | None:
    """The step rewriting the INSIDE links of the organizations this load changes where they are (None: none)."""
    ids: set[str] = set()
    if "organizations" in changes:
        ids.update(row.id for row in changes["organizations"].written if isinstance(row, NodeRow))
    if "establishments" in changes:
        sites = changes["establishments"]
        for row in sites.written:
            if isinstance(row, NodeRow):
                ids.update(rel.other for rel in row.rels if rel.type == "HAS_SITE")
        ids |= await _read_ids(driver, database, inside_links.OWNERS_OF_SITES,
                               [row.id for row in sites.updated if isinstance(row, NodeRow)])
    if "territories" in changes:
        ids |= await _read_ids(driver, database, inside_links.AFFECTED_BY_TERRITORIES,
                               [row.id for row in changes["territories"].updated if isinstance(row, NodeRow)])
    return Step(inside_links.REFRESH, "ids", sorted(ids)) if ids else None
