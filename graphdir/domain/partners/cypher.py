"""Cypher of the partners-nearby queries.

Distances are Neo4j's `point.distance` on WGS-84 points (haversine, in metres). The `point.distance(o.location, $origin)
<= $radius` predicate is answered from the point index `organization_location` (a PointDistanceSeek in the plan), never
from a label scan. Pages are keyset pages ordered by (distance, sortName, id).
"""

from typing import LiteralString

from graphdir.domain.common.validity import held_on
from graphdir.domain.organizations.cypher import ORGANIZATION_MAP
from graphdir.domain.sites.cypher import SITE_MAP

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

# An organization with no location of its own (an imported legal unit) is measured from its head office.
ORGANIZATION_ORIGIN_MATCH: LiteralString = """
MATCH (me:Organization {id: $id})
OPTIONAL MATCH (me)-[:HAS_SITE]->(head:Establishment {headOffice: true})
WITH me, head ORDER BY head.siret LIMIT 1
OPTIONAL MATCH (me)-[:LOCATED_IN]->(own:Commune)
OPTIONAL MATCH (head)-[:LOCATED_IN]->(headCommune:Commune)
WITH coalesce(own, headCommune) AS c, me, head
WITH c, coalesce(me.location, head.location, c.location) AS location
"""

COMMUNE_ORIGIN: LiteralString = COMMUNE_ORIGIN_MATCH + _TERRITORIES_OF_C
POINT_ORIGIN: LiteralString = POINT_ORIGIN_MATCH + _TERRITORIES_OF_C
ORGANIZATION_ORIGIN: LiteralString = ORGANIZATION_ORIGIN_MATCH + _TERRITORIES_OF_C

# $filterWhere is replaced by a fragment from the fixed set of graphdir.domain.organizations filters, never user text.
# The origin must be the parameter $origin: the planner seeks the point index for a distance to a parameter, but
# scans it for a distance to a point read from the graph in the same query.
# An organization is found at its own location and at each of its establishments (schema/MODEL.md), at the distance
# of the nearest: one branch seeks organizations, the other establishments, each by its point index, and each keeps a
# row only when it is the organization's nearest place (its own location first on a tie, then the lowest SIRET), so an
# organization comes out once, and the keyset (distance, sortName, id) pages over organizations as before. Its other
# places are read by a pattern comprehension from `o`: an EXISTS there was planned as a point-index seek per row.
# Each branch names its point index (USING INDEX): with few establishments, or few located organizations, the planner
# otherwise chose to scan the index and filter, which at scale reads every entry. The cursor's predicate sits in each
# branch's WHERE, distance spelled out: the ORDER BY … LIMIT over the union is then
# a Top (the nearest $limit kept as they come), not a full sort of every candidate.
# The disc grows ($reaches: a few radii up to $radius, graphdir.domain.partners.service.reaches): the first that holds
# $limit hits holds the nearest $limit of the whole disc (all beyond it are farther), so a dense origin (a city, where
# 20 km hold 100,000 organizations at France scale) ranks a few hundred candidates, not every one; the runtime stops
# at the first such radius (LIMIT 1 pulls no further row).
_AFTER_AT: LiteralString = """($after IS NULL
       OR point.distance({place}.location, $origin) > $after.distance
       OR (point.distance({place}.location, $origin) = $after.distance AND (o.sortName > $after.sortName
           OR (o.sortName = $after.sortName AND o.id > $after.id))))"""
_AFTER_O: LiteralString = _AFTER_AT.replace("{place}", "o")
_AFTER_SITE: LiteralString = _AFTER_AT.replace("{place}", "site")

_NEAR_HITS: LiteralString = """
UNWIND $reaches AS reach
CALL (reach) {
  CALL (reach) {
    MATCH (o:Organization)
    USING INDEX o:Organization(location)
    WHERE point.distance(o.location, $origin) <= reach
    WITH o WHERE NOT o.id IN $exclude
      AND ($filterWhere)
      AND """ + _AFTER_O + """
    WITH o, point.distance(o.location, $origin) AS distance
    WHERE all(d IN [(o)-[:HAS_SITE]->(other:Establishment) WHERE other.location IS NOT NULL |
                    point.distance(other.location, $origin)] WHERE d >= distance)
    RETURN o, distance, null AS site
    UNION ALL
    MATCH (site:Establishment)
    USING INDEX site:Establishment(location)
    WHERE point.distance(site.location, $origin) <= reach
    MATCH (o:Organization)-[:HAS_SITE]->(site)
    WHERE NOT o.id IN $exclude
      AND ($filterWhere)
      AND """ + _AFTER_SITE + """
    WITH o, site, point.distance(site.location, $origin) AS distance
    WHERE NOT coalesce(point.distance(o.location, $origin) <= distance, false)
      AND all(other IN [(o)-[:HAS_SITE]->(other:Establishment) WHERE other <> site AND other.location IS NOT NULL |
                        [point.distance(other.location, $origin), other.siret]] WHERE other > [distance, site.siret])
    RETURN o, distance, site
  }
  WITH o, distance, site ORDER BY distance, o.sortName, o.id LIMIT $limit
  RETURN collect([o, distance, site]) AS nearest
}
WITH reach, nearest WHERE size(nearest) >= $limit OR reach >= $radius
WITH nearest LIMIT 1
UNWIND nearest AS hit
WITH hit[0] AS o, hit[1] AS distance, hit[2] AS site
WITH o, distance, site, coalesce(site, o) AS placedAt
OPTIONAL MATCH (placedAt)-[:LOCATED_IN]->(c:Commune)
WITH o, distance, site, c, coalesce(placedAt.locationApproximate, false) AS approximate,
     CASE WHEN c IS NULL THEN [] ELSE [c] + [(c)-[r:PART_OF]->(t:Territory)
          WHERE """ + held_on("r", "date()") + """ | t] END AS territories
"""

_SHARED: LiteralString = """[t IN territories WHERE t.id IN $originTerritories |
        {id: t.id, code: t.code, name: t.name, level: t.level}]"""

# Rows only: what the scale tests compare with brute force.
NEAR_PAGE_TEMPLATE: LiteralString = _NEAR_HITS + """
RETURN o.id AS id, o.sortName AS sortName, distance, approximate, site.siret AS site, """ + _SHARED + """ AS shared
"""


def _within_radius(extra: LiteralString) -> LiteralString:
    """What a count counts: organizations within the radius at their own location or an establishment's. The
    excluded organizations are compared as nodes, not by id: with no filter, the organization branch then reads
    nothing of a candidate but its indexed location."""
    return """  OPTIONAL MATCH (x:Organization) WHERE x.id IN $exclude
  WITH collect(x) AS excluded
  CALL (excluded) {
    MATCH (o:Organization)
    USING INDEX o:Organization(location)
    WHERE point.distance(o.location, $origin) <= $radius AND NOT o IN excluded AND ($filterWhere)""" + extra + """
    RETURN o
    UNION
    MATCH (site:Establishment)
    USING INDEX site:Establishment(location)
    WHERE point.distance(site.location, $origin) <= $radius
    MATCH (o:Organization)-[:HAS_SITE]->(site)
    WHERE NOT o IN excluded AND ($filterWhere)""" + extra + """
    RETURN o
  }"""


# A whole page in one round trip: the organizations (as ORGANIZATION_MAP), the site each was found at, and, when
# asked, the total, counted up to $countCap (graphdir.domain.partners.service.COUNT_CAP + 1): a city's 20 km hold
# 100,000 organizations at France scale, which an exact count would read one by one.
_HITS: LiteralString = """
CALL () {
""" + _NEAR_HITS + """
  RETURN collect({id: o.id, sortName: o.sortName, distance: distance, approximate: approximate,
                  node: o """ + ORGANIZATION_MAP + """,
                  site: CASE WHEN site IS NULL THEN null ELSE site """ + SITE_MAP + """ END,
                  shared: """ + _SHARED + """}) AS hits
}
"""
# Two statements, not one with the count behind a `$withTotal` test: the planner ran the count's point-index seek
# and filtered on the parameter after it, reading every entry of the disc for a total nobody asked for.
NEAR_PAGE: LiteralString = _HITS + """RETURN hits, null AS total
"""
NEAR_PAGE_WITH_TOTAL: LiteralString = _HITS + """CALL () {
""" + _within_radius("") + """
  WITH o LIMIT $countCap
  RETURN count(o) AS total
}
RETURN hits, total
"""

NEAR_COUNT_TEMPLATE: LiteralString = _within_radius("") + """
WITH o LIMIT $countCap
RETURN count(o) AS total
"""

# Candidates near an organization, with what makes them worth meeting: shared federations or networks (one level up),
# another ESS family (complementary), and how far they are. A candidate is near at its own location or at one of its
# establishments, as in partnersNear (schema/MODEL.md), and is ranked at the distance of its nearest place.
SUGGESTIONS: LiteralString = """
MATCH (me:Organization {id: $id})
OPTIONAL MATCH (me)-[m:MEMBER_OF]->(network:Organization)
WHERE m.untilTo IS NULL OR m.untilTo >= date()
WITH me, collect(DISTINCT network) AS networks
CALL (me) {
  MATCH (o:Organization)
  USING INDEX o:Organization(location)
  WHERE point.distance(o.location, $origin) <= $radius AND o <> me
  RETURN o, point.distance(o.location, $origin) AS distance, coalesce(o.locationApproximate, false) AS approximate
  UNION ALL
  MATCH (site:Establishment)
  USING INDEX site:Establishment(location)
  WHERE point.distance(site.location, $origin) <= $radius
  MATCH (o:Organization)-[:HAS_SITE]->(site)
  WHERE o <> me
  RETURN o, point.distance(site.location, $origin) AS distance,
         coalesce(site.locationApproximate, false) AS approximate
}
WITH me, networks, o, distance, approximate ORDER BY distance, approximate
WITH me, networks, o, head(collect({distance: distance, approximate: approximate})) AS nearest
WHERE NOT (o)-[:MEMBER_OF]->(me) AND NOT (me)-[:MEMBER_OF]->(o)
WITH me, networks, o, nearest.distance AS distance, nearest.approximate AS approximate
OPTIONAL MATCH (o)-[m2:MEMBER_OF]->(shared:Organization)
WHERE shared IN networks AND (m2.untilTo IS NULL OR m2.untilTo >= date())
WITH me, o, distance, approximate, collect(DISTINCT {id: shared.id, name: shared.name}) AS sharedNetworks
WITH me, o, distance, approximate, [s IN sharedNetworks WHERE s.id IS NOT NULL] AS sharedNetworks
WITH o, distance, approximate, sharedNetworks,
     me.family IS NOT NULL AND o.family IS NOT NULL AND o.family <> me.family
       AND NOT o.family IN ['MIXED'] AS complementary,
     me.family AS myFamily
WITH o, distance, approximate, sharedNetworks, complementary, myFamily,
     2.0 * size(sharedNetworks) + CASE WHEN complementary THEN 1.0 ELSE 0.0 END
       + 1.0 - distance / $radius AS score
ORDER BY score DESC, distance, o.id
LIMIT $limit
RETURN o.id AS id, distance, score, sharedNetworks, complementary, myFamily, o.family AS family, approximate
"""
