"""The graph reads validation needs: which referenced nodes exist, and who holds a unique organization value.

One batched UNWIND query per kind of reference (and per unique property), whatever the size of the load.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from neo4j import AsyncDriver

from graphdir.loader import cypher
from graphdir.loader.containment import Link
from graphdir.loader.specs import Ref
from graphdir.loader.validation import Location

KEY_LABELS: Mapping[Ref, str] = {
    Ref.SOURCE: "Source",
    Ref.ORGANIZATION: "Organization",
    Ref.PERSON: "Person",
    Ref.EVENT: "Event",
    Ref.TERRITORY: "Territory",
}


def as_location(value: Any) -> Location | None:
    """(latitude, longitude) of a Neo4j WGS-84 point, or None."""
    if value is None:
        return None
    return (float(value.latitude), float(value.longitude))


class GraphReader:
    """A validation.GraphLookup over a driver."""

    def __init__(self, driver: AsyncDriver, database: str) -> None:
        self.driver = driver
        self.database = database
        self.queries = 0  # how many round trips validation made (tests check it stays one per kind)

    async def existing(self, kind: Ref, ids: Sequence[str]) -> Mapping[str, Location | None]:
        if not ids:
            return {}
        self.queries += 1
        if kind is Ref.COMMUNE:
            record = await self._single(cypher.EXISTING_COMMUNES, {"ids": list(ids)})
            return {tid: as_location(location) for tid, location in record["found"]}
        record = await self._single(cypher.existing_ids(KEY_LABELS[kind]), {"ids": list(ids)})
        return dict.fromkeys(record["ids"])

    async def parents(self, ids: Sequence[str]) -> Mapping[str, Sequence[Link]]:
        self.queries += 1
        record = await self._single(cypher.PARENTS_OF_TERRITORIES, {"ids": list(ids)})
        found: dict[str, list[Link]] = {}
        for tid, parent, since, until in record["found"]:
            found.setdefault(tid, []).append(Link(parent, since, until))
        return found

    async def holders(self, prop: str, pairs: Sequence[tuple[str, str]]) -> Sequence[tuple[str, str]]:
        if not pairs:
            return []
        self.queries += 1
        rows = [{"value": value, "id": oid} for value, oid in pairs]
        record = await self._single(cypher.organization_holders(prop), {"rows": rows})
        return [(value, other) for value, other in record["found"]]

    async def _single(self, query: str, params: dict[str, Any]) -> Any:
        records, _, _ = await self.driver.execute_query(query, params, database_=self.database, routing_="r")
        return records[0]
