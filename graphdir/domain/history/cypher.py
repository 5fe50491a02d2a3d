"""Cypher texts of the history. A Change holds `fields`, `before` and `after` as parallel lists (values JSON-encoded:
a property list cannot hold nulls), and `seq`, taken from the one ChangeSequence node: its lock is held until the
edit commits, so seq order is commit order and a feed read after seq N never misses a change committed later with a
smaller number."""

from __future__ import annotations

from typing import Final

from graphdir.domain.facts.cypher import SOURCE_MAP

CHANGE_MAP: Final = (
    """{ .id, .seq, .at, .actorId, .actor, .operation, .objectType, .objectIds, .fields, .before, .after, .excerpt,
  .requestId, .version, source: head(COLLECT { MATCH (c)-[:CITES]->(s:Source) RETURN s """
    + SOURCE_MAP
    + " }) }"
)

RECORD: Final = """
MERGE (sequence:ChangeSequence {id: 'changes'})
SET sequence.last = coalesce(sequence.last, 0) + 1
CREATE (c:Change {id: $id, seq: sequence.last, at: datetime(), actorId: $actorId, actor: $actor,
                  operation: $operation, objectType: $objectType, objectIds: $objectIds, fields: $fields,
                  before: $before, after: $after, excerpt: $excerpt, requestId: $requestId, version: $version})
WITH c
CALL (c) {
  UNWIND $objectIds AS objectId
  MATCH (o:Organization {id: objectId})
  CREATE (c)-[:CHANGED]->(o)
}
CALL (c) {
  MATCH (s:Source {id: $source})
  CREATE (c)-[:CITES]->(s)
}
RETURN c.seq AS seq
"""

# Organization.history: newest first; key [seq].
HISTORY_OF: Final = (
    """
UNWIND $ids AS id
MATCH (o:Organization {id: id})
CALL (o) {
  MATCH (c:Change)-[:CHANGED]->(o)
  WHERE $after IS NULL OR [c.seq] < $after
  WITH c ORDER BY c.seq DESC LIMIT $limit
  RETURN collect({node: c """
    + CHANGE_MAP
    + """, key: [c.seq]}) AS edges
}
RETURN id, edges, COUNT { (:Change)-[:CHANGED]->(o) } AS total
"""
)

# Query.changes: oldest first from `since` (a datetime or null); key [seq].
FEED: Final = (
    """
MATCH (c:Change)
WHERE c.seq > coalesce($after[0], 0) AND ($since IS NULL OR c.at >= $since)
WITH c ORDER BY c.seq LIMIT $limit
RETURN c """
    + CHANGE_MAP
    + """ AS node, [c.seq] AS key
"""
)

FEED_COUNT: Final = "MATCH (c:Change) WHERE $since IS NULL OR c.at >= $since RETURN count(c) AS total"
