"""Cypher of the partners-nearby queries.

Distances are Neo4j's `point.distance` on WGS-84 points (haversine, in metres). The `point.distance(o.location, $origin)
<= $radius` predicate is answered from the point index `organization_location` (a PointDistanceSeek in the plan), never
from a label scan. Pages are keyset pages ordered by (distance, sortName, id).
"""

from typing import LiteralString

from graphdir.domain.common.validity import held_on
from graphdir.domain.organizations.cypher import ORGANIZATION_MAP

# Each origin query returns the point to measure from, the origin's commune and the territories it belongs to today
# (the commune, its EPCI, pays, département and région), so that hits can say which of them they share.
_TERRITORIES_OF_C: LiteralString = """
RETURN location, c.code AS commune,
       CASE WHEN c IS NULL THEN [] ELSE [c.id] + [(c)-[r:PART_OF]->(t:Territory)
            WHERE """ + held_on("r", "date()") + """ | t.id] END AS territoryIds
"""

# Each binds `c` (the origin's commune, or null) and `location` (the point to measure from).
COMMUNE_ORIGIN_MATCH: LiteralString = """
MATCH (c:Commune {code: $commune})
WITH c, c.location AS location
"""

# Without commune polygons, a point belongs to the commune whose centre is nearest (within 30 km).
POINT_ORIGIN_MATCH: LiteralString = """
OPTIONAL MATCH (c:Commune)
WHERE point.distance(c.location, $origin) <= 30000.0
WITH c ORDER BY point.distance(c.location, $origin) LIMIT 1
WITH c, $origin AS location
"""

ORGANIZATION_ORIGIN_MATCH: LiteralString = """
MATCH (me:Organization {id: $id})
OPTIONAL MATCH (me)-[:LOCATED_IN]->(c:Commune)
WITH c, coalesce(me.location, c.location) AS location
"""

COMMUNE_ORIGIN: LiteralString = COMMUNE_ORIGIN_MATCH + _TERRITORIES_OF_C
POINT_ORIGIN: LiteralString = POINT_ORIGIN_MATCH + _TERRITORIES_OF_C
ORGANIZATION_ORIGIN: LiteralString = ORGANIZATION_ORIGIN_MATCH + _TERRITORIES_OF_C

# $filterWhere is replaced by a fragment from the fixed set of graphdir.domain.organizations filters, never user text.
# The origin must be the parameter $origin: the planner seeks the point index for a distance to a parameter, but
# scans it for a distance to a point read from the graph in the same query.
# The cursor's predicate sits in the MATCH's WHERE, distance spelled out: placed after a WITH, the planner put it
# between a full Sort of every candidate and the LIMIT, where here it gets a Top (the nearest $limit kept as they come),
# which from the centre of Paris at the 1m scale saves a sort of 126,267 rows per page.
_NEAR_HITS: LiteralString = """
MATCH (o:Organization)
WHERE point.distance(o.location, $origin) <= $radius
  AND NOT o.id IN $exclude
  AND ($filterWhere)
  AND ($after IS NULL
       OR point.distance(o.location, $origin) > $after.distance
       OR (point.distance(o.location, $origin) = $after.distance AND (o.sortName > $after.sortName
           OR (o.sortName = $after.sortName AND o.id > $after.id))))
WITH o, point.distance(o.location, $origin) AS distance ORDER BY distance, o.sortName, o.id LIMIT $limit
OPTIONAL MATCH (o)-[:LOCATED_IN]->(c:Commune)
WITH o, distance, c,
     CASE WHEN c IS NULL THEN [] ELSE [c] + [(c)-[r:PART_OF]->(t:Territory)
          WHERE """ + held_on("r", "date()") + """ | t] END AS territories
"""

_SHARED: LiteralString = """[t IN territories WHERE t.id IN $originTerritories |
        {id: t.id, code: t.code, name: t.name, level: t.level}]"""

# Rows only: what the scale tests compare with brute force.
NEAR_PAGE_TEMPLATE: LiteralString = _NEAR_HITS + """
RETURN o.id AS id, o.sortName AS sortName, distance,
       coalesce(o.locationApproximate, false) AS approximate, """ + _SHARED + """ AS shared
"""

# What a count counts. The excluded organizations are compared as nodes, not by id: with no filter, the count then
# reads nothing of a candidate but its indexed location (reading `o.id` of each was a fifth of the count's time
# around Paris at the 100k scale).
_WITHIN_RADIUS: LiteralString = """  OPTIONAL MATCH (x:Organization) WHERE x.id IN $exclude
  WITH collect(x) AS excluded
  MATCH (o:Organization)
  WHERE point.distance(o.location, $origin) <= $radius AND NOT o IN excluded AND ($filterWhere)"""

# A whole page in one round trip: the organizations (as ORGANIZATION_MAP) and, when asked, the total.
NEAR_PAGE: LiteralString = """
CALL () {
""" + _NEAR_HITS + """
  RETURN collect({id: o.id, sortName: o.sortName, distance: distance,
                  approximate: coalesce(o.locationApproximate, false),
                  node: o """ + ORGANIZATION_MAP + """,
                  shared: """ + _SHARED + """}) AS hits
}
CALL () {
""" + _WITHIN_RADIUS + """ AND $withTotal
  RETURN count(o) AS total
}
RETURN hits, CASE WHEN $withTotal THEN total END AS total
"""

NEAR_COUNT_TEMPLATE: LiteralString = _WITHIN_RADIUS + """
RETURN count(o) AS total
"""

# Candidates near an organization, with what makes them worth meeting: shared federations or networks (one level up),
# another ESS family (complementary), and how far they are.
SUGGESTIONS: LiteralString = """
MATCH (me:Organization {id: $id})
OPTIONAL MATCH (me)-[m:MEMBER_OF]->(network:Organization)
WHERE m.untilTo IS NULL OR m.untilTo >= date()
WITH me, collect(DISTINCT network) AS networks
MATCH (o:Organization)
WHERE point.distance(o.location, $origin) <= $radius AND o.id <> me.id
  AND NOT (o)-[:MEMBER_OF]->(me) AND NOT (me)-[:MEMBER_OF]->(o)
WITH me, networks, o, point.distance(o.location, $origin) AS distance
OPTIONAL MATCH (o)-[m2:MEMBER_OF]->(shared:Organization)
WHERE shared IN networks AND (m2.untilTo IS NULL OR m2.untilTo >= date())
WITH me, o, distance, collect(DISTINCT {id: shared.id, name: shared.name}) AS sharedNetworks
WITH me, o, distance, [s IN sharedNetworks WHERE s.id IS NOT NULL] AS sharedNetworks
WITH o, distance, sharedNetworks,
     me.family IS NOT NULL AND o.family IS NOT NULL AND o.family <> me.family
       AND NOT o.family IN ['MIXED'] AS complementary,
     me.family AS myFamily
WITH o, distance, sharedNetworks, complementary, myFamily,
     2.0 * size(sharedNetworks) + CASE WHEN complementary THEN 1.0 ELSE 0.0 END
       + 1.0 - distance / $radius AS score
ORDER BY score DESC, distance, o.id
LIMIT $limit
RETURN o.id AS id, distance, score, sharedNetworks, complementary, myFamily, o.family AS family,
       coalesce(o.locationApproximate, false) AS approximate
"""
