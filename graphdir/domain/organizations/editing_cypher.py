"""Cypher texts of edits to organizations and memberships, run in an edit's write transaction.

LOCK_* take the write lock of what an edit will change before it reads it (Neo4j reads committed data without
locks): two edits of the same object then run one after the other, and the second reads the first's version, so a
stale version is always seen (CONFLICT) and no update is lost.
"""

from __future__ import annotations

from typing import Final

from graphdir.domain.facts.cypher import SOURCE_OF_R
from graphdir.domain.organizations.cypher import ORGANIZATION_MAP

LOCK_ORGANIZATION: Final = "MATCH (o:Organization {id: $id}) SET o._lock = true REMOVE o._lock RETURN o.id AS id"

CURRENT_ORGANIZATION: Final = """
MATCH (o:Organization {id: $id})
RETURN properties(o) AS props, [(o)-[:LOCATED_IN]->(c:Commune) | c.code] AS communes
"""

# A merged or deleted organization's id stays its own (it still finds the survivor, or its history).
ID_TAKEN: Final = """
RETURN COUNT { (o:Organization {id: $id}) } + COUNT { (m:MergedOrganization {id: $id}) }
       + COUNT { (d:DeletedOrganization {id: $id}) } > 0 AS taken
"""

# All properties become $props (the loader's plan of the organization, with its version), and the fields the edit
# set join `editedFields`, which a later load keeps (graphdir.loader.api_edits); LOCATED_IN is replaced
# when the commune changed; the source is cited (once). A new organization is CREATEd: two edits creating the same
# id at once cannot both pass (the uniqueness constraint refuses the second), where MERGE would let the second
# overwrite the first.
_WRITE_TAIL: Final = (
    """
WITH o, coalesce(o.editedFields, []) AS edited
SET o = $props
SET o.editedFields = [name IN edited WHERE NOT name IN $edited] + $edited
WITH o
CALL (o) {
  MATCH (o)-[l:LOCATED_IN]->()
  WHERE $relocate
  DELETE l
}
CALL (o) {
  UNWIND CASE WHEN $relocate THEN $communes ELSE [] END AS communeId
  MATCH (c:Territory {id: communeId})
  CREATE (o)-[:LOCATED_IN]->(c)
}
CALL (o) {
  MATCH (s:Source {id: $source})
  MERGE (o)-[cited:CITED_IN]->(s)
  ON CREATE SET cited.excerpt = $excerpt
}
RETURN o """
    + ORGANIZATION_MAP
    + " AS node"
)
CREATE_ORGANIZATION: Final = "CREATE (o:Organization {id: $id})" + _WRITE_TAIL
UPDATE_ORGANIZATION: Final = "MATCH (o:Organization {id: $id})" + _WRITE_TAIL

LOCK_MEMBERSHIP: Final = """
MATCH (:Organization {id: $from})-[r:MEMBER_OF]->(:Organization {id: $to})
SET r._lock = true REMOVE r._lock
RETURN count(r) AS found
"""

CURRENT_MEMBERSHIP: Final = """
MATCH (:Organization {id: $from})-[r:MEMBER_OF]->(:Organization {id: $to})
RETURN properties(r) AS props
"""

CREATE_MEMBERSHIP: Final = """
MATCH (a:Organization {id: $from}), (b:Organization {id: $to})
CREATE (a)-[r:MEMBER_OF]->(b)
SET r = $props, r.editedFields = $edited
"""

# As for an organization, the fields the edit set join `editedFields`, which a later load keeps.
WRITE_MEMBERSHIP: Final = """
MATCH (:Organization {id: $from})-[r:MEMBER_OF]->(:Organization {id: $to})
WITH r, coalesce(r.editedFields, []) AS edited
SET r = $props
SET r.editedFields = [name IN edited WHERE NOT name IN $edited] + $edited
"""

# The membership an edit made, for its payload (read after the write, with its bookmarks).
MEMBERSHIP: Final = (
    """
MATCH (m:Organization {id: $from})-[r:MEMBER_OF]->(o:Organization {id: $to})
RETURN o """
    + ORGANIZATION_MAP
    + """ AS node, r.role AS role, r.since AS since, r.until AS until, r.excerpt AS excerpt,
       coalesce(r.inferred, false) AS inferred, r.note AS note, coalesce(r.version, 1) AS version,
       """
    + SOURCE_OF_R
    + """ AS source
"""
)
