"""The graph reads identity resolution needs (graphdir.importers.identity), batched: one UNWIND per 10,000 values.

    reads = IdentityReads(driver, database)
    await reads.holders("siren", ["775681425"])     -> {"775681425": "cres-auvergne"}
    await reads.organizations(["cres-auvergne"])    -> {"cres-auvergne": {name, kind, …, covers, cited}}
    await reads.establishments(["77568142500016"])  -> {"77568142500016": {siret, organization, …}}

States come back as records of seeds/FORMAT.md (the fields a load would give to write the node as it is), so that a
merged record compared with the graph is unchanged when nothing new came in. Derived properties (sortName,
searchText, date bounds, a location that is only its commune's centre) are left out: the loader derives them again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, LiteralString

from neo4j import AsyncDriver

from graphdir.loader.reading import LineDict
from graphdir.loader.specs import ESTABLISHMENTS, ORGANIZATIONS

BATCH = 10_000

# Who holds an identifier: an organization by its own siren / rna / siret, or the organization of an establishment,
# or the survivor of a merged organization that held it (schema/MODEL.md, "Merged and deleted organizations").
def _own_or_merged(key: LiteralString) -> LiteralString:
    return ("""
UNWIND $values AS v
OPTIONAL MATCH (o:Organization {""" + key + """: v})
OPTIONAL MATCH (:MergedOrganization {""" + key + """: v})-[:MERGED_INTO]->(survivor:Organization)
WITH v, coalesce(o.id, survivor.id) AS id
WHERE id IS NOT NULL
RETURN collect([v, id]) AS found
""")


_HOLDERS: Mapping[str, LiteralString] = {
    "siren": _own_or_merged("siren"),
    "rna": _own_or_merged("rna"),
    "siret": """
UNWIND $values AS v
OPTIONAL MATCH (o:Organization {siret: v})
OPTIONAL MATCH (:Establishment {siret: v})<-[:HAS_SITE]-(owner:Organization)
OPTIONAL MATCH (:MergedOrganization {siret: v})-[:MERGED_INTO]->(survivor:Organization)
WITH v, coalesce(o.id, owner.id, survivor.id) AS id
WHERE id IS NOT NULL
RETURN collect([v, id]) AS found
""",
}

_ORGANIZATIONS: LiteralString = """
UNWIND $ids AS id
MATCH (o:Organization {id: id})
RETURN collect({id: id, props: properties(o), commune: [(o)-[:LOCATED_IN]->(c:Commune) | c.code][0],
                covers: [(o)-[r:COVERS]->(t:Territory) | {territory: t.id, since: r.since, until: r.until}],
                cited: [(o)-[r:CITED_IN]->(s:Source) | {source: s.id, excerpt: r.excerpt}]}) AS found
"""

_ESTABLISHMENTS: LiteralString = """
UNWIND $ids AS siret
MATCH (e:Establishment {siret: siret})
RETURN collect({id: siret, props: properties(e), commune: [(e)-[:LOCATED_IN]->(c:Commune) | c.code][0],
                organization: [(o:Organization)-[:HAS_SITE]->(e) | o.id][0],
                cited: [(e)-[r:CITED_IN]->(s:Source) | {source: s.id, excerpt: r.excerpt}]}) AS found
"""

# Stored as given, but not fields of a record: the loader derives them (or keeps the id out of the fields).
_DERIVED = frozenset({"id", "sortName", "searchText", "location", "locationApproximate", "locationMethod"})


class IdentityReads:
    def __init__(self, driver: AsyncDriver, database: str) -> None:
        self.driver, self.database = driver, database

    async def _found(self, query: LiteralString, key: str, values: Sequence[str]) -> list[Any]:
        found: list[Any] = []
        for start in range(0, len(values), BATCH):
            records, _, _ = await self.driver.execute_query(query, {key: list(values[start:start + BATCH])},
                                                            database_=self.database, routing_="r")
            found += records[0]["found"]
        return found

    async def holders(self, key: str, values: Sequence[str]) -> dict[str, str]:
        return {value: holder for value, holder in await self._found(_HOLDERS[key], "values", values)}

    async def organizations(self, ids: Sequence[str]) -> dict[str, LineDict]:
        states = {}
        for row in await self._found(_ORGANIZATIONS, "ids", ids):
            state = _fields(row, set(ORGANIZATIONS.fields))
            if row["props"].get("classifiedBy") is None and row["props"].get("describedBy") is None:
                state.pop("slug", None)  # a curated slug is derived from its acronym or name: let the loader do it
            if row["covers"]:
                state["covers"] = [LineDict([(k, v) for k, v in item.items() if v is not None])
                                   for item in row["covers"]]
            states[row["id"]] = state
        return states

    async def establishments(self, sirets: Sequence[str]) -> dict[str, LineDict]:
        states = {}
        for row in await self._found(_ESTABLISHMENTS, "ids", sirets):
            state = _fields(row, set(ESTABLISHMENTS.fields))
            state["organization"] = row["organization"]
            states[row["id"]] = state
        return states


def _fields(row: Mapping[str, Any], fields: set[str]) -> LineDict:
    props: Mapping[str, Any] = row["props"]
    state = LineDict([(key, value) for key, value in props.items()
                      if key in fields and key not in _DERIVED and not _is_bound(key, props)])
    if row["commune"] is not None:
        state["commune"] = row["commune"]
    location = props.get("location")
    if location is not None and props.get("locationMethod") != "commune":
        pairs = [("latitude", location.latitude), ("longitude", location.longitude),
                 ("approximate", bool(props.get("locationApproximate", False)))]
        if props.get("locationMethod") is not None:
            pairs.append(("method", props["locationMethod"]))
        state["location"] = LineDict(pairs)
    if row["cited"]:
        state["cited"] = [LineDict([(k, v) for k, v in item.items() if v is not None]) for item in row["cited"]]
    return state


def _is_bound(key: str, props: Mapping[str, Any]) -> bool:
    """`xFrom` / `xTo` written by the loader beside a partial date `x`."""
    return any(key.endswith(suffix) and key[:-len(suffix)] in props for suffix in ("From", "To"))
