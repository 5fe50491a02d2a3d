"""Cypher texts of the territories domain, and the territory-inclusion fragments other domains reuse.

"Inside a territory T on day D": T itself and every territory linked to T by a chain of at most four PART_OF
relationships (commune -> EPCI -> département -> région, commune -> pays…) each holding on D. With no date, any link
counts: the former région Auvergne (83) then contains the communes of Allier as well as Auvergne-Rhône-Alpes (84) does.

The hierarchy fields (parents, children) read "as it stands": on `$on` if given, else today, or, for a territory that
has ended (validUntil in the past), its last day: the children of Auvergne (83) are its départements of 2015.
"""

from __future__ import annotations

from typing import Final

from graphdir.vocabulary import TerritoryLevel

TERRITORY_MAP: Final = """{
  .id, .code, .name, .level, .population, .postalCodes, .validFrom, .validUntil,
  latitude: t.location.latitude, longitude: t.location.longitude, approximate: t.locationApproximate
}"""

# A predicate on `o` (:Organization): located in or covering the territory $f_territory or a territory inside it, on
# $f_on (null: at any time). Used by organization filters (graphdir.domain.organizations.filters).
ORGANIZATION_IN_TERRITORY: Final = """EXISTS {
    MATCH (o)-[l:LOCATED_IN|COVERS]->(:Territory)-[rs:PART_OF*0..4]->(:Territory {id: $f_territory})
    WHERE $f_on IS NULL
       OR ((type(l) = 'LOCATED_IN'
            OR (coalesce(l.sinceFrom, date('0001-01-01')) <= $f_on
                AND $f_on <= coalesce(l.untilTo, date('9999-12-31'))))
           AND all(r IN rs WHERE coalesce(r.sinceFrom, date('0001-01-01')) <= $f_on
                                 AND $f_on <= coalesce(r.untilTo, date('9999-12-31'))))
  }"""

# The same inclusion as a generator, walking down from a bound territory `scope`: the organizations `o` (distinct)
# located in or covering it or a territory inside it on $f_on. Cheaper than the predicate when organizations are many.
ORGANIZATIONS_OF_SCOPE: Final = """
MATCH (scope)<-[rs:PART_OF*0..4]-(inside:Territory)
WHERE $f_on IS NULL
   OR all(r IN rs WHERE coalesce(r.sinceFrom, date('0001-01-01')) <= $f_on
                        AND $f_on <= coalesce(r.untilTo, date('9999-12-31')))
WITH DISTINCT inside
MATCH (inside)<-[l:LOCATED_IN|COVERS]-(o:Organization)
WHERE $f_on IS NULL OR type(l) = 'LOCATED_IN'
   OR (coalesce(l.sinceFrom, date('0001-01-01')) <= $f_on AND $f_on <= coalesce(l.untilTo, date('9999-12-31')))
WITH DISTINCT o
"""

BY_IDS: Final = (
    """
UNWIND $ids AS id
MATCH (t:Territory {id: id})
RETURN id, t """
    + TERRITORY_MAP
    + " AS node"
)

# A code is unique per level only ("01" is both a région and a département): one index lookup per level label.
BY_CODE: Final = (
    """
CALL () {
  """
    + "\n  UNION ".join(f"MATCH (t:{level.label} {{code: $code}}) RETURN t" for level in TerritoryLevel)
    + """
}
WITH t WHERE $level IS NULL OR t.level = $level
RETURN t """
    + TERRITORY_MAP
    + " AS node ORDER BY t.id"
)

# Query.territories without a parent: by level (index territory_level on (level, code)), optionally valid on $on.
PAGE: Final = (
    """
MATCH (t:Territory)
WHERE ($level IS NULL OR t.level = $level)
  AND ($on IS NULL
       OR (coalesce(t.validFromFrom, date(t.validFrom), date('0001-01-01')) <= $on
           AND $on <= coalesce(t.validUntilTo, date(t.validUntil), date('9999-12-31'))))
WITH t, [t.code, t.id] AS key
WHERE $after IS NULL OR key > $after
WITH t, key ORDER BY key LIMIT $limit
RETURN t """
    + TERRITORY_MAP
    + " AS node, key"
)

PAGE_COUNT: Final = """
MATCH (t:Territory)
WHERE ($level IS NULL OR t.level = $level)
  AND ($on IS NULL
       OR (coalesce(t.validFromFrom, date(t.validFrom), date('0001-01-01')) <= $on
           AND $on <= coalesce(t.validUntilTo, date(t.validUntil), date('9999-12-31'))))
RETURN count(t) AS total
"""

# Territory.children, and Query.territories(parentCode:): a page of direct children per parent of $ids.
CHILDREN: Final = (
    """
UNWIND $ids AS id
MATCH (parent:Territory {id: id})
WITH id, parent, coalesce($on,
     CASE WHEN coalesce(parent.validUntilTo, date(parent.validUntil)) < date()
          THEN coalesce(parent.validUntilTo, date(parent.validUntil)) ELSE date() END) AS day
CALL (parent, day) {
  MATCH (t:Territory)-[r:PART_OF]->(parent)
  WHERE ($level IS NULL OR t.level = $level)
    AND coalesce(r.sinceFrom, date('0001-01-01')) <= day AND day <= coalesce(r.untilTo, date('9999-12-31'))
  WITH t, [t.code, t.id] AS key
  WHERE $after IS NULL OR key > $after
  WITH t, key ORDER BY key LIMIT $limit
  RETURN collect({node: t """
    + TERRITORY_MAP
    + """, key: key}) AS edges
}
RETURN id, edges, COUNT {
  MATCH (t:Territory)-[r:PART_OF]->(parent)
  WHERE ($level IS NULL OR t.level = $level)
    AND coalesce(r.sinceFrom, date('0001-01-01')) <= day AND day <= coalesce(r.untilTo, date('9999-12-31'))
} AS total
"""
)

# Territory.parents: the territories each of $ids is directly PART_OF, smallest level first.
_PARENTS_SMALLEST_FIRST = (TerritoryLevel.EPCI, TerritoryLevel.PAYS, TerritoryLevel.DEPARTMENT, TerritoryLevel.REGION)
_PARENT_RANK: Final = ("CASE t.level "
                       + " ".join(f"WHEN '{level.value}' THEN {rank}" for rank, level in
                                  enumerate(_PARENTS_SMALLEST_FIRST, 1))
                       + f" ELSE {len(_PARENTS_SMALLEST_FIRST) + 1} END")
PARENTS: Final = (
    """
UNWIND $ids AS id
MATCH (child:Territory {id: id})
WITH id, child, coalesce($on,
     CASE WHEN coalesce(child.validUntilTo, date(child.validUntil)) < date()
          THEN coalesce(child.validUntilTo, date(child.validUntil)) ELSE date() END) AS day
OPTIONAL MATCH (child)-[r:PART_OF]->(t:Territory)
WHERE coalesce(r.sinceFrom, date('0001-01-01')) <= day AND day <= coalesce(r.untilTo, date('9999-12-31'))
WITH id, t, """
    + _PARENT_RANK
    + """ AS rank
ORDER BY id, rank, t.code
RETURN id, collect(t """
    + TERRITORY_MAP
    + """) AS nodes
"""
)

SUCCESSORS: Final = (
    """
UNWIND $ids AS id
MATCH (:Territory {id: id})-[s:SUCCEEDED_BY]->(t:Territory)
WITH id, t, s ORDER BY t.code
RETURN id, collect(t """
    + TERRITORY_MAP
    + """) AS nodes
"""
)

PREDECESSORS: Final = (
    """
UNWIND $ids AS id
MATCH (:Territory {id: id})<-[s:SUCCEEDED_BY]-(t:Territory)
WITH id, t, s ORDER BY t.code
RETURN id, collect(t """
    + TERRITORY_MAP
    + """) AS nodes
"""
)

# Organization.territories: what each organization of $ids COVERS, on $on (null: at any time).
COVERED_BY: Final = (
    """
UNWIND $ids AS id
MATCH (:Organization {id: id})-[r:COVERS]->(t:Territory)
WHERE $on IS NULL
   OR (coalesce(r.sinceFrom, date('0001-01-01')) <= $on AND $on <= coalesce(r.untilTo, date('9999-12-31')))
WITH id, t, r ORDER BY t.id, r.since
RETURN id, collect({node: t """
    + TERRITORY_MAP
    + """, since: r.since, until: r.until}) AS edges
"""
)

# The commune an organization is located in, a convention signed in, an event held in.
COMMUNE_OF_ORGANIZATIONS: Final = (
    """
UNWIND $ids AS id
MATCH (:Organization {id: id})-[:LOCATED_IN]->(t:Territory)
RETURN id, t """
    + TERRITORY_MAP
    + " AS node"
)

COMMUNE_OF_CONVENTIONS: Final = (
    """
UNWIND $ids AS id
MATCH (:Convention {id: id})-[:SIGNED_IN]->(t:Territory)
RETURN id, t """
    + TERRITORY_MAP
    + " AS node"
)

COMMUNE_OF_EVENTS: Final = (
    """
UNWIND $ids AS id
MATCH (:Event {id: id})-[:HELD_IN]->(t:Territory)
RETURN id, t """
    + TERRITORY_MAP
    + " AS node"
)
