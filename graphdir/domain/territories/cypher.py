"""Cypher texts of the territories domain, and the one home of "inside a territory" (schema/MODEL.md).

`PART_OF` means "lies wholly inside, on those dates", and the graph links each territory to every territory that
wholly contains it (a commune to its EPCI, pays, département and région; an EPCI to its département and région only
when all its communes are there). So "X is inside T on D" is one hop: X is T, or X is PART_OF T on D. An EPCI that
spans two départements is PART_OF neither, and its communes are inside their own département only. With no date, a
link held at any time counts: the former région Auvergne (83) then contains the communes of Allier as well as
Auvergne-Rhône-Alpes (84) does.

The hierarchy fields (parents, children) read "as it stands": on `$on` if given, else today, or, for a territory that
has ended, its last day (validity.standing_day).
"""

from __future__ import annotations

from typing import Final

from graphdir.domain.common.validity import EARLIEST, LATEST, NODE, held_on, held_on_if_given, standing_day
from graphdir.vocabulary import OrganizationFamily, TerritoryLevel

TERRITORY_MAP: Final = """{
  .id, .code, .name, .level, .population, .postalCodes, .validFrom, .validUntil,
  latitude: t.location.latitude, longitude: t.location.longitude, approximate: t.locationApproximate
}"""


def inside(place: str, territory_id: str, day: str) -> str:
    """A predicate: the territory node `place` lies inside the territory of graph id `territory_id` on `day` (null: at
    any time)."""
    return (f"({place}.id = {territory_id} OR EXISTS {{ MATCH ({place})-[within:PART_OF]->(:Territory {{id: "
            f"{territory_id}}}) WHERE {held_on_if_given('within', day)} }})")


def territories_inside(scope: str, day: str) -> str:
    """A generator: binds `inside` to each territory inside the bound territory `scope` on `day`, itself included."""
    return f"""CALL ({scope}) {{
  RETURN {scope} AS inside
  UNION
  MATCH ({scope})<-[within:PART_OF]-(inside:Territory)
  WHERE {held_on_if_given('within', day)}
  RETURN inside
}}"""


# The rule, from an organization up (schema/MODEL.md, "Inside a territory"), as graphdir.domain.territories.inside_links
# writes it down: each organization is linked to every territory it is inside at some time, the link holding the
# dates of each way the rule puts it there. The link's type is its family's (INSIDE_COOPERATIVE…; INSIDE without a
# family), so that a territory's number of organizations of a family is its degree for that type, which Neo4j keeps.
INSIDE: Final = "INSIDE"
INSIDE_OF_FAMILY: Final = {family.value: f"{INSIDE}_{family.value}" for family in OrganizationFamily}
INSIDE_ANY: Final = "|".join([INSIDE, *INSIDE_OF_FAMILY.values()])
# The type of an organization `o`'s links.
INSIDE_TYPE_OF_O: Final = ("CASE o.family " + " ".join(f"WHEN '{family}' THEN '{rel}'" for family, rel in
                                                       INSIDE_OF_FAMILY.items()) + f" ELSE '{INSIDE}' END")

# What the rule walks, from `o`: each place o is located in or covers, with the dates that placing holds.
PLACES_OF_O: Final = f"""CALL (o) {{
    MATCH (o)-[:LOCATED_IN]->(place:Territory)
    RETURN place, {EARLIEST} AS since, {LATEST} AS until
    UNION
    MATCH (o)-[:HAS_SITE]->(:Establishment)-[:LOCATED_IN]->(place:Territory)
    RETURN place, {EARLIEST} AS since, {LATEST} AS until
    UNION
    MATCH (o)-[l:COVERS]->(place:Territory)
    RETURN place, coalesce(l.sinceFrom, {EARLIEST}) AS since, coalesce(l.untilTo, {LATEST}) AS until
  }}"""

# Then each territory the place is inside: itself, and every PART_OF (dates met).
CONTAINERS_OF_PLACE: Final = f"""CALL (place, since, until) {{
    RETURN place AS t, since AS fromDay, until AS toDay
    UNION
    MATCH (place)-[p:PART_OF]->(t:Territory)
    WITH t, coalesce(p.sinceFrom, {EARLIEST}) AS a, coalesce(p.untilTo, {LATEST}) AS b, since, until
    RETURN t, CASE WHEN a > since THEN a ELSE since END AS fromDay, CASE WHEN b < until THEN b ELSE until END AS toDay
  }}"""


def held_inside(link: str, day: str) -> str:
    """The INSIDE `link` holds on `day` (null: at any time)."""
    return (f"({day} IS NULL OR any(i IN range(0, size({link}.froms) - 1) "
            f"WHERE {link}.froms[i] <= {day} AND {day} <= {link}.tos[i]))")


# A predicate on `o` (:Organization): inside $f_territory on $f_on (null: at any time), by its INSIDE links. Used by
# organization filters (graphdir.domain.organizations.filters).
ORGANIZATION_IN_TERRITORY: Final = (
    "EXISTS { MATCH (o)-[inside:" + INSIDE_ANY + "]->(:Territory {id: $f_territory}) WHERE "
    + held_inside("inside", "$f_on") + " }"
)

# The same from a bound territory `scope`: the organizations `o` inside it on $f_on, each once (one link per pair).
ORGANIZATIONS_OF_SCOPE: Final = (
    "MATCH (scope)<-[inside:" + INSIDE_ANY + "]-(o:Organization)\nWHERE " + held_inside("inside", "$f_on")
    + "\nWITH o\n"
)

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
_LEVEL_ON: Final = "($level IS NULL OR t.level = $level) AND " + held_on_if_given("t", "$on", NODE)

PAGE: Final = (
    """
MATCH (t:Territory)
WHERE """
    + _LEVEL_ON
    + """
WITH t, [t.code, t.id] AS key
WHERE $after IS NULL OR key > $after
WITH t, key ORDER BY key LIMIT $limit
RETURN t """
    + TERRITORY_MAP
    + " AS node, key"
)

PAGE_COUNT: Final = "MATCH (t:Territory)\nWHERE " + _LEVEL_ON + "\nRETURN count(t) AS total"

# The children of `parent` on `day`: with $level, every territory of that level inside it; without, its direct
# children, those inside it and inside nothing else inside it (a région's départements, a département's EPCI and the
# communes of its EPCI that span a border), so that a drill-down reaches each territory inside, one level at a time.
_CHILD: Final = (
    "MATCH (t:Territory)-[r:PART_OF]->(parent)\n  WHERE " + held_on("r", "day") + """
    AND CASE WHEN $level IS NULL
             THEN NOT EXISTS { MATCH (t)-[r1:PART_OF]->(between:Territory)
                               WHERE """ + held_on("r1", "day") + """
                                 AND EXISTS { MATCH (between)-[r2:PART_OF]->(parent) WHERE """ + held_on("r2", "day")
    + """ } }
             ELSE t.level = $level END"""
)

# Territory.children, and Query.territories(parentCode:): a page of children per parent of $ids.
CHILDREN: Final = (
    """
UNWIND $ids AS id
MATCH (parent:Territory {id: id})
WITH id, parent, """
    + standing_day("parent", "$on")
    + """ AS day
CALL (parent, day) {
  """
    + _CHILD
    + """
  WITH t, [t.code, t.id] AS key
  WHERE $after IS NULL OR key > $after
  WITH t, key ORDER BY key LIMIT $limit
  RETURN collect({node: t """
    + TERRITORY_MAP
    + """, key: key}) AS edges
}
RETURN id, edges, COUNT {
  """
    + _CHILD
    + """
} AS total
"""
)

# Territory.parents: the territories each of $ids lies inside on the standing day, smallest level first.
_PARENTS_SMALLEST_FIRST = (TerritoryLevel.EPCI, TerritoryLevel.PAYS, TerritoryLevel.DEPARTMENT, TerritoryLevel.REGION)
_PARENT_RANK: Final = ("CASE t.level "
                       + " ".join(f"WHEN '{level.value}' THEN {rank}" for rank, level in
                                  enumerate(_PARENTS_SMALLEST_FIRST, 1))
                       + f" ELSE {len(_PARENTS_SMALLEST_FIRST) + 1} END")
PARENTS: Final = (
    """
UNWIND $ids AS id
MATCH (child:Territory {id: id})
WITH id, child, """
    + standing_day("child", "$on")
    + """ AS day
OPTIONAL MATCH (child)-[r:PART_OF]->(t:Territory)
WHERE """
    + held_on("r", "day")
    + """
WITH id, t, """
    + _PARENT_RANK
    + """ AS rank
ORDER BY id, rank, t.code
RETURN id, collect(t """
    + TERRITORY_MAP
    + """) AS nodes
"""
)

def _succession(pattern: str) -> str:
    """The territories at the other end of `pattern` (from the territory of each of $ids to `t`), by code."""
    return f"""
UNWIND $ids AS id
MATCH {pattern}
WITH id, t ORDER BY t.code
RETURN id, collect(t {TERRITORY_MAP}) AS nodes
"""


SUCCESSORS: Final = _succession("(:Territory {id: id})-[:SUCCEEDED_BY]->(t:Territory)")
PREDECESSORS: Final = _succession("(:Territory {id: id})<-[:SUCCEEDED_BY]-(t:Territory)")

# Organization.territories: what each organization of $ids COVERS, on $on (null: at any time).
COVERED_BY: Final = (
    """
UNWIND $ids AS id
MATCH (:Organization {id: id})-[r:COVERS]->(t:Territory)
WHERE """
    + held_on_if_given("r", "$on")
    + """
WITH id, t, r ORDER BY t.id, r.since
RETURN id, collect({node: t """
    + TERRITORY_MAP
    + """, since: r.since, until: r.until}) AS edges
"""
)


def _commune_of(label: str, relationship: str) -> str:
    return f"""
UNWIND $ids AS id
MATCH (:{label} {{id: id}})-[:{relationship}]->(t:Territory)
RETURN id, t {TERRITORY_MAP} AS node
"""


# The commune an organization is located in, a convention signed in, an event held in, by the label of the node.
COMMUNE_OF: Final = {
    "Organization": _commune_of("Organization", "LOCATED_IN"),
    "Convention": _commune_of("Convention", "SIGNED_IN"),
    "Event": _commune_of("Event", "HELD_IN"),
}


# An editor limited to territories (graphdir.domain.accounts) edits what lies inside one of $scope today, by the rule
# above: of $ids, the organizations located in or covering no territory inside any of them, and of $places, the
# territories inside none of them.
_IN_SCOPE: Final = "any(scopeId IN $scope WHERE " + inside("place", "scopeId", "date()") + ")"

ORGANIZATIONS_OUTSIDE: Final = (
    """
UNWIND $ids AS id
MATCH (o:Organization {id: id})
WHERE NOT EXISTS {
  MATCH (o)-[l:LOCATED_IN|COVERS]->(place:Territory)
  WHERE (type(l) = 'LOCATED_IN' OR """
    + held_on("l", "date()")
    + ") AND "
    + _IN_SCOPE
    + """
}
RETURN collect(id) AS outside
"""
)

TERRITORIES_OUTSIDE: Final = (
    """
UNWIND $places AS id
MATCH (place:Territory {id: id})
WHERE NOT """
    + _IN_SCOPE
    + """
RETURN collect(id) AS outside
"""
)
