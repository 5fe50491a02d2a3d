"""Cypher texts of the organizations domain. Every value is a parameter; `{where}` takes fragments of `filters.py`.

Counts of relationships without conditions read the degree store (`COUNT { (n)<-[:MEMBER_OF]-() }`), not the
relationships. Keys of relationship pages end with elementId(r), which tells apart two links between the same two
organizations without reading a property; pages sort on the key's columns (cheaper than on a list per row) and build
the key for the rows kept only.

Rows: `node` is an organization map (ORGANIZATION_MAP); `key` is the row's sort key, compared as a list for keyset
pages. `$on` is a date or null (null: at any time); `$after` a sort key or null; `$limit` the page size plus one.
"""

from __future__ import annotations

from typing import Final

from graphdir.domain.common.validity import all_held_on_if_given, held_on, held_on_if_given
from graphdir.domain.facts.cypher import SOURCE_OF_R
from graphdir.domain.territories.cypher import ORGANIZATIONS_OF_SCOPE
from graphdir.vocabulary import Direction, PartnershipKind

# The map every query returns for an organization (the fields of the GraphQL type Organization).
ORGANIZATION_MAP: Final = """{
  .id, .name, .acronym, .kind, .family, .legalForm, .siren, .siret, .rna, .website, .foundedOn, .foundedOnInferred,
  .foundedOnNote, .description, .address, slug: coalesce(o.slug, o.id),
  synthetic: coalesce(o.synthetic, false), version: coalesce(o.version, 1),
  latitude: o.location.latitude, longitude: o.location.longitude, approximate: o.locationApproximate,
  .classifiedBy, .insertionMeasures, .ceasedOn, ceased: coalesce(o.ceased, false) OR o.ceasedOn IS NOT NULL
}"""

# An id (or slug, or SIREN) of an organization merged into another finds the survivor (one hop: merging points every
# tombstone at a live organization); its own id comes first, one index seek each.
BY_IDS: Final = (
    """
UNWIND $ids AS id
OPTIONAL MATCH (own:Organization {id: id})
OPTIONAL MATCH (:MergedOrganization {id: id})-[:MERGED_INTO]->(survivor:Organization)
WITH id, coalesce(own, survivor) AS o
WHERE o IS NOT NULL
RETURN id, o """
    + ORGANIZATION_MAP
    + " AS node"
)

BY_SIREN: Final = (
    """
OPTIONAL MATCH (own:Organization {siren: $siren})
OPTIONAL MATCH (:MergedOrganization {siren: $siren})-[:MERGED_INTO]->(survivor:Organization)
WITH coalesce(own, survivor) AS o
WHERE o IS NOT NULL
RETURN o """
    + ORGANIZATION_MAP
    + " AS node"
)

BY_SLUG: Final = (
    """
OPTIONAL MATCH (bySlug:Organization {slug: $slug})
OPTIONAL MATCH (byId:Organization {id: $slug})
OPTIONAL MATCH (:MergedOrganization {slug: $slug})-[:MERGED_INTO]->(mergedSlug:Organization)
OPTIONAL MATCH (:MergedOrganization {id: $slug})-[:MERGED_INTO]->(mergedId:Organization)
WITH coalesce(bySlug, byId, mergedSlug, mergedId) AS o
WHERE o IS NOT NULL
RETURN o """
    + ORGANIZATION_MAP
    + " AS node"
)

# Query.organizations by name when nothing narrows the organizations down first: the range on sortName (with id IS
# NOT NULL) makes the planner walk the organization_sort index (sortName, id) in order and stop after $limit rows; the
# keyset condition is one list comparison (an OR would be planned as a union, without the index order).
PAGE_BY_NAME: Final = (
    """
MATCH (o:Organization)
WHERE o.sortName >= $afterName AND o.id IS NOT NULL AND [o.sortName, o.id] > [$afterName, $afterId]
  AND {where}
WITH o ORDER BY o.sortName, o.id LIMIT $limit
RETURN o """
    + ORGANIZATION_MAP
    + """ AS node, [o.sortName, o.id] AS key"""
)

PAGE_BY_NAME_BACKWARD: Final = (
    """
MATCH (o:Organization)
WHERE o.sortName <= $beforeName AND o.id IS NOT NULL AND [o.sortName, o.id] < [$beforeName, $beforeId]
  AND {where}
WITH o ORDER BY o.sortName DESC, o.id DESC LIMIT $limit
RETURN o """
    + ORGANIZATION_MAP
    + """ AS node, [o.sortName, o.id] AS key"""
)

# The general page: {match} binds `o` (MATCH_ALL, or walks down from the territory or body of the filter), {where}
# filters it, {key} is its sort key
# (KEY_NAME or KEY_FOUNDED_ON). Keys compare as lists.
MATCH_ALL: Final = "MATCH (o:Organization)"
MATCH_IN_TERRITORY: Final = "MATCH (scope:Territory {id: $f_territory})\n" + ORGANIZATIONS_OF_SCOPE
MATCH_MEMBERS: Final = """
MATCH (:Organization {id: $f_memberOf})<-[r:MEMBER_OF]-(o:Organization)
WHERE """ + held_on_if_given("r", "$f_on") + """
WITH DISTINCT o
"""
MATCH_MEMBERS_TRANSITIVE: Final = """
MATCH (:Organization {id: $f_memberOf})<-[rs:MEMBER_OF*1..12]-(o:Organization)
WHERE """ + all_held_on_if_given("rs", "$f_on") + """
WITH DISTINCT o
"""
# Sort keys: {key} the list a cursor holds, {order} the same columns for ORDER BY (sorting on columns is cheaper than
# on a list built per row). Partial dates sort as text ("1985" < "1985-03" < "1986"); undated organizations come last.
KEY_NAME: Final = "[coalesce(o.sortName, ''), o.id]"
ORDER_NAME: Final = "coalesce(o.sortName, ''), o.id"
ORDER_NAME_DESC: Final = "coalesce(o.sortName, '') DESC, o.id DESC"
KEY_FOUNDED_ON: Final = "[coalesce(o.foundedOn, '~'), o.id]"
ORDER_FOUNDED_ON: Final = "coalesce(o.foundedOn, '~'), o.id"
ORDER_FOUNDED_ON_DESC: Final = "coalesce(o.foundedOn, '~') DESC, o.id DESC"

PAGE_FORWARD: Final = (
    """
{match}
WHERE {where}
  AND ($after IS NULL OR {key} > $after)
WITH o ORDER BY {order} LIMIT $limit
RETURN o """
    + ORGANIZATION_MAP
    + """ AS node, {key} AS key"""
)

PAGE_BACKWARD: Final = (
    """
{match}
WHERE {where}
  AND ($before IS NULL OR {key} < $before)
WITH o ORDER BY {order} LIMIT $limit
RETURN o """
    + ORGANIZATION_MAP
    + """ AS node, {key} AS key"""
)

# The first pages of a walked-down list (a territory, a body's members) with its total, in one pass: the walk is what
# costs (a région reaches ~50,000 organizations at France scale), so the candidates are collected once, counted, and
# the page is cut from them, instead of a page query and a count query walking twice. One row, even when empty.
PAGE_WITH_TOTAL: Final = (
    """
{match}
WHERE {where}
WITH collect(o) AS found
CALL (found) {
  UNWIND found AS o
  WITH o WHERE $after IS NULL OR {key} > $after
  WITH o ORDER BY {order} LIMIT $limit
  RETURN collect({node: o """
    + ORGANIZATION_MAP
    + """, key: {key}}) AS edges
}
RETURN size(found) AS total, edges
"""
)

COUNT: Final = """
{match}
WHERE {where}
RETURN count(o) AS total
"""

# Territory.organizations: a page per territory of $ids (organizations in or covering it or a territory inside it).
# One pass per territory: the candidates are sorted once, counted, and the page is cut from them.
IN_TERRITORIES: Final = (
    """
UNWIND $ids AS id
MATCH (scope:Territory {id: id})
CALL (scope) {
"""
    + ORGANIZATIONS_OF_SCOPE
    + """
  WHERE {where}
  WITH o, {key} AS key
  ORDER BY key
  WITH count(o) AS total, collect(CASE WHEN $after IS NULL OR key > $after THEN [o, key] END)[..$limit] AS page
  UNWIND CASE WHEN page = [] THEN [null] ELSE page END AS row
  WITH total, row[0] AS o, row[1] AS key
  RETURN total, collect(CASE WHEN o IS NOT NULL THEN {node: o """
    + ORGANIZATION_MAP
    + """, key: key} END) AS edges
}
RETURN id, edges, total
"""
)

# Organization.members / memberOf: a page per organization of $ids, one query for them all.
MEMBERS: Final = (
    """
UNWIND $ids AS id
MATCH (parent:Organization {id: id})
CALL (parent) {
  MATCH (o:Organization)-[r:MEMBER_OF]->(parent)
  WHERE """ + held_on_if_given("r", "$on") + """
    AND ($after IS NULL OR [o.sortName, o.id, elementId(r)] > $after)
  WITH o, r ORDER BY o.sortName, o.id, elementId(r) LIMIT $limit
  WITH o, r, [o.sortName, o.id, elementId(r)] AS key
  RETURN collect({node: o """
    + ORGANIZATION_MAP
    + """, key: key, role: r.role, since: r.since, until: r.until, excerpt: r.excerpt,
                  inferred: coalesce(r.inferred, false), note: r.note, version: coalesce(r.version, 1), source: """
    + SOURCE_OF_R
    + """}) AS edges
}
RETURN id, edges, CASE WHEN $on IS NULL THEN COUNT { (parent)<-[:MEMBER_OF]-() } ELSE COUNT {
  MATCH (:Organization)-[r:MEMBER_OF]->(parent)
  WHERE """ + held_on("r", "$on") + """
} END AS total
"""
)

MEMBER_OF: Final = (
    """
UNWIND $ids AS id
MATCH (member:Organization {id: id})
CALL (member) {
  MATCH (member)-[r:MEMBER_OF]->(o:Organization)
  WHERE """ + held_on_if_given("r", "$on") + """
    AND ($after IS NULL OR [o.sortName, o.id, elementId(r)] > $after)
  WITH o, r ORDER BY o.sortName, o.id, elementId(r) LIMIT $limit
  WITH o, r, [o.sortName, o.id, elementId(r)] AS key
  RETURN collect({node: o """
    + ORGANIZATION_MAP
    + """, key: key, role: r.role, since: r.since, until: r.until, excerpt: r.excerpt,
                  inferred: coalesce(r.inferred, false), note: r.note, version: coalesce(r.version, 1), source: """
    + SOURCE_OF_R
    + """}) AS edges
}
RETURN id, edges, CASE WHEN $on IS NULL THEN COUNT { (member)-[:MEMBER_OF]->() } ELSE COUNT {
  MATCH (member)-[r:MEMBER_OF]->(:Organization)
  WHERE """ + held_on("r", "$on") + """
} END AS total
"""
)

# Organization.partners: the other organization of each partnership relationship (vocabulary.PartnershipKind), either
# way; `$kinds` (relationship types) and `$direction` (INCOMING, OUTGOING) may be null.
_PARTNERSHIPS: Final = "|".join(kind.value for kind in PartnershipKind)
_DIRECTION: Final = (f"CASE WHEN startNode(r) = self THEN '{Direction.OUTGOING.value}' "
                     f"ELSE '{Direction.INCOMING.value}' END")
PARTNERS: Final = (
    """
UNWIND $ids AS id
MATCH (self:Organization {id: id})
CALL (self) {
  MATCH (self)-[r:"""
    + _PARTNERSHIPS
    + """]-(o:Organization)
  WITH o, r, """
    + _DIRECTION
    + """ AS direction
  WHERE ($kinds IS NULL OR type(r) IN $kinds) AND ($direction IS NULL OR direction = $direction)
    AND """ + held_on_if_given("r", "$on") + """
    AND ($after IS NULL OR [o.sortName, o.id, type(r), direction, elementId(r)] > $after)
  WITH o, r, direction ORDER BY o.sortName, o.id, type(r), direction, elementId(r) LIMIT $limit
  WITH o, r, direction, [o.sortName, o.id, type(r), direction, elementId(r)] AS key
  RETURN collect({node: o """
    + ORGANIZATION_MAP
    + """, key: key, kind: type(r), direction: direction, since: r.since, until: r.until,
                  excerpt: r.excerpt, inferred: coalesce(r.inferred, false), note: r.note, role: r.role,
                  version: coalesce(r.version, 1), source: """
    + SOURCE_OF_R
    + """}) AS edges
}
RETURN id, edges, CASE WHEN $on IS NULL AND $kinds IS NULL AND $direction IS NULL
  THEN COUNT { (self)-[:"""
    + _PARTNERSHIPS
    + """]-() }
  ELSE COUNT {
  MATCH (self)-[r:"""
    + _PARTNERSHIPS
    + """]-(o:Organization)
  WHERE ($kinds IS NULL OR type(r) IN $kinds)
    AND ($direction IS NULL OR ("""
    + _DIRECTION
    + """) = $direction)
    AND """ + held_on_if_given("r", "$on") + """
} END AS total
"""
)

# Event.organisers: the organizations that organised each event of $ids.
ORGANISERS_OF_EVENTS: Final = (
    """
UNWIND $ids AS id
MATCH (o:Organization)-[:ORGANISED]->(:Event {id: id})
WITH id, o ORDER BY o.sortName, o.id
RETURN id, collect(o """
    + ORGANIZATION_MAP
    + """) AS nodes
"""
)
