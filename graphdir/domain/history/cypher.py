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

# The changes of a batch a load or an import writes, numbered in one step of the sequence (its lock is taken once per
# batch, at its end, and held until the batch commits); each linked to the organizations it concerns and cites the
# sources its record names.
LOCK_SEQUENCE: Final = "MERGE (sequence:ChangeSequence {id: 'changes'}) SET sequence._lock = true REMOVE sequence._lock"

# Run after LOCK_SEQUENCE, in its own statement: the batches of a bulk load run two at a time, and a value read before
# the lock is taken could be one the other batch is about to move on.
RECORD_BATCH: Final = """
MATCH (sequence:ChangeSequence {id: 'changes'})
WITH sequence, coalesce(sequence.last, 0) AS base
SET sequence.last = base + size($changes)
WITH base
UNWIND range(0, size($changes) - 1) AS i
WITH base + i + 1 AS seq, $changes[i] AS row
CREATE (c:Change {id: row.id, seq: seq, at: datetime(), actorId: $actorId, actor: $actor, operation: row.operation,
                  objectType: row.objectType, objectIds: row.objectIds, fields: row.fields, before: row.before,
                  after: row.after, requestId: $requestId, version: row.version})
WITH c, row
CALL (c, row) {
  UNWIND row.organizations AS organizationId
  MATCH (o:Organization {id: organizationId})
  CREATE (c)-[:CHANGED]->(o)
}
CALL (c, row) {
  UNWIND row.sources AS sourceId
  MATCH (s:Source {id: sourceId})
  CREATE (c)-[:CITES]->(s)
}
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
