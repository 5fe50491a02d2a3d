"""Cypher texts of conventions. Pages are latest signed first: key [signedOnFrom as text ('' if undated), id],
compared as lists in descending order, so undated conventions come last."""

from __future__ import annotations

from typing import Final

from graphdir.domain.common.validity import held_on
from graphdir.domain.facts.cypher import SOURCE_OF_R
from graphdir.domain.organizations.cypher import ORGANIZATION_MAP
from graphdir.domain.territories.cypher import (
    ORGANIZATION_IN_TERRITORY,
    ORGANIZATIONS_OF_SCOPE,
    inside,
    territories_inside,
)
from graphdir.vocabulary import ConventionStatus

CONVENTION_MAP: Final = """{
  .id, .title, .kind, .status, .signedOn, .signedOnInferred, .signedOnNote, .signedAt, .place, .validFrom,
  .validUntil, objectives: coalesce(c.objectives, []), version: coalesce(c.version, 1)
}"""

KEY: Final = "[coalesce(toString(c.signedOnFrom), ''), c.id]"

BY_IDS: Final = (
    """
UNWIND $ids AS id
MATCH (c:Convention {id: id})
RETURN id, c """
    + CONVENTION_MAP
    + " AS node"
)

# Filter fragments over `c` (:Convention), joined by AND (see filters.py). Partial dates overlap: a convention
# signed in "2012" is kept by signedFrom 2012-06-01.
PARTY: Final = "EXISTS { (:Organization {id: $f_party})-[:PARTY_TO]->(c) }"
TERRITORY: Final = (
    "(EXISTS { MATCH (c)-[:SIGNED_IN]->(place:Territory) WHERE "
    + inside("place", "$f_territory", "$f_on")
    + """ }
   OR EXISTS { MATCH (o:Organization)-[:PARTY_TO]->(c) WHERE """
    + ORGANIZATION_IN_TERRITORY
    + " })"
)
SIGNED_FROM: Final = "c.signedOnTo >= $f_signedFrom"
SIGNED_TO: Final = "c.signedOnFrom <= $f_signedTo"
IN_FORCE_ON: Final = (
    f"(coalesce(c.status, '{ConventionStatus.SIGNED.value}') <> '{ConventionStatus.PLANNED.value}' AND "
    + held_on("c", "$f_inForceOn", (("validFromFrom", "signedOnFrom"), "validUntilTo")) + ")"
)
ANY: Final = "true"

# What binds `c` for a page: every convention, or (when the filter names a territory) those signed in it or with a
# party in it, found by walking down from the territory rather than testing each convention.
MATCH_ALL: Final = "MATCH (c:Convention)"
MATCH_IN_TERRITORY: Final = (
    """
MATCH (scope:Territory {id: $f_territory})
CALL (scope) {
"""
    + ORGANIZATIONS_OF_SCOPE
    + """
  MATCH (o)-[:PARTY_TO]->(c:Convention)
  RETURN c
  UNION
  """
    + territories_inside("scope", "$f_on")
    + """
  MATCH (inside)<-[:SIGNED_IN]-(c:Convention)
  RETURN c
}
WITH DISTINCT c
"""
)

PAGE: Final = (
    """
{match}
WHERE {where}
WITH c, """
    + KEY
    + """ AS key
WHERE $after IS NULL OR key < $after
WITH c, key ORDER BY key DESC LIMIT $limit
RETURN c """
    + CONVENTION_MAP
    + " AS node, key"
)

PAGE_BACKWARD: Final = (
    """
{match}
WHERE {where}
WITH c, """
    + KEY
    + """ AS key
WHERE $before IS NULL OR key > $before
WITH c, key ORDER BY key LIMIT $limit
RETURN c """
    + CONVENTION_MAP
    + " AS node, key"
)

COUNT: Final = """
{match}
WHERE {where}
RETURN count(c) AS total
"""

# Organization.conventions: a page per organization of $ids of the conventions it is party to.
OF_ORGANIZATIONS: Final = (
    """
UNWIND $ids AS id
MATCH (o:Organization {id: id})
CALL (o) {
  MATCH (o)-[:PARTY_TO]->(c:Convention)
  WITH DISTINCT c
  WITH c, """
    + KEY
    + """ AS key
  WHERE $after IS NULL OR key < $after
  WITH c, key ORDER BY key DESC LIMIT $limit
  RETURN collect({node: c """
    + CONVENTION_MAP
    + """, key: key}) AS edges
}
RETURN id, edges, COUNT { MATCH (o)-[:PARTY_TO]->(c:Convention) RETURN DISTINCT c } AS total
"""
)

# Event.conventions: the conventions signed during each event of $ids.
SIGNED_DURING: Final = (
    """
UNWIND $ids AS id
MATCH (c:Convention)-[:SIGNED_DURING]->(:Event {id: id})
WITH id, c ORDER BY c.signedOnFrom, c.id
RETURN id, collect(c """
    + CONVENTION_MAP
    + """) AS nodes
"""
)

# Convention.parties: each party with its role and the source stating it.
PARTIES: Final = (
    """
UNWIND $ids AS id
MATCH (o:Organization)-[r:PARTY_TO]->(:Convention {id: id})
WITH id, o, r ORDER BY o.sortName, o.id
RETURN id, collect({organization: o """
    + ORGANIZATION_MAP
    + ", role: r.role, excerpt: r.excerpt, source: "
    + SOURCE_OF_R
    + """}) AS parties
"""
)
