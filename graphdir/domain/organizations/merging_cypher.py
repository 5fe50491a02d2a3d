"""Cypher texts of merging an organization into another and of deleting one, run in the edit's write transaction.

Both leave a tombstone: the node loses its `Organization` label (so no read, index or uniqueness constraint of
organizations sees it any more) and takes `MergedOrganization` (keeping every property it had, its identifiers
included, and a `MERGED_INTO` link to the survivor) or `DeletedOrganization` (its id and name only). Relationships
are moved with their type as a parameter (`$(row.type)`), so that every type the model has, or will have, moves.
"""

from __future__ import annotations

from typing import Final

from graphdir.domain.territories.cypher import INSIDE_ANY

# The write lock of an organization an edit changes, taken before it is read (editing_cypher.py says why).
LOCK_AND_READ: Final = """
MATCH (o:Organization {id: $id})
SET o._lock = true REMOVE o._lock
RETURN properties(o) AS props, elementId(o) AS element, COUNT { (o)-[:LOCATED_IN]->() } > 0 AS placed
"""

SOURCE_EXISTS: Final = "MATCH (s:Source {id: $id}) RETURN s.id AS id"

# What an id names when it is no organization: a merged one (and its survivor) or a deleted one.
TOMBSTONE: Final = """
OPTIONAL MATCH (m:MergedOrganization {id: $id})-[:MERGED_INTO]->(s:Organization)
OPTIONAL MATCH (d:DeletedOrganization {id: $id})
RETURN s.id AS survivor, d IS NOT NULL AS deleted
"""

# Every relationship of an organization, both directions, with what tells two of them apart after a move; not its
# INSIDE links, derived data that the merge rebuilds for the survivor (graphdir.domain.territories.inside_links).
RELATIONSHIPS: Final = """
MATCH (o:Organization {id: $id})-[r]-(x)
WHERE NOT type(r) IN ['""" + INSIDE_ANY.replace("|", "', '") + """']
RETURN elementId(r) AS id, type(r) AS type, startNode(r) = o AS outgoing, elementId(x) AS other, x.id AS otherId,
       head(labels(x)) AS otherLabel, properties(r) AS props
"""

# Each relationship of the merged one that the survivor takes, as a copy with the same type and properties.
MOVE: Final = """
MATCH (s:Organization {id: $survivor})
UNWIND $rows AS row
MATCH (x) WHERE elementId(x) = row.other
CALL (s, x, row) {
  WITH * WHERE row.outgoing
  CREATE (s)-[r:$(row.type)]->(x)
  SET r = row.props
}
CALL (s, x, row) {
  WITH * WHERE NOT row.outgoing
  CREATE (x)-[r:$(row.type)]->(s)
  SET r = row.props
}
"""

SET_RELATIONSHIPS: Final = """
UNWIND $rows AS row
MATCH ()-[r]->() WHERE elementId(r) = row.id
SET r = row.props
"""

# The merged node becomes its tombstone before the survivor takes its identifiers (the uniqueness constraints are
# checked at each write, and they are on the Organization label only).
RETIRE_MERGED: Final = """
MATCH (m:Organization {id: $merged}), (s:Organization {id: $survivor})
CALL (m) {
  MATCH (m)-[r]-()
  DELETE r
}
REMOVE m:Organization
SET m:MergedOrganization, m.mergedInto = $survivor, m.mergedAt = datetime()
CREATE (m)-[:MERGED_INTO]->(s)
"""

FILL_SURVIVOR: Final = """
MATCH (s:Organization {id: $survivor})
SET s += $props
WITH s
CALL (s) {
  MATCH (src:Source {id: $source})
  MERGE (s)-[cited:CITED_IN]->(src)
  ON CREATE SET cited.excerpt = $excerpt
}
"""

# A deleted organization: its relationships go (those of the changes that record its history stay), the nodes only
# it owned go (its establishments, statements and figures), its other properties go; the tombstone keeps id and name.
DELETE_OWNED: Final = """
MATCH (o:Organization {id: $id})
CALL (o) {
  MATCH (o)-[:HAS_SITE|HAS_STATEMENT|PUBLISHED]->(owned)
  WHERE COUNT { (owned)<-[:HAS_SITE|HAS_STATEMENT|PUBLISHED]-() } = 1
  DETACH DELETE owned
  RETURN count(*) AS owned
}
RETURN owned
"""

DELETE_ORGANIZATION: Final = """
MATCH (o:Organization {id: $id})
CALL (o) {
  MATCH (o)-[r]-()
  WHERE NOT (type(r) = 'CHANGED' AND endNode(r) = o)
  DELETE r
}
WITH o, o.name AS name
SET o = {id: $id, name: name, version: $version, deletedAt: datetime()}
REMOVE o:Organization
SET o:DeletedOrganization
"""

# The organizations linked to one (their histories show its deletion).
NEIGHBOURS: Final = """
MATCH (o:Organization {id: $id})--(x:Organization)
RETURN collect(DISTINCT x.id) AS ids
"""
