// C5 floor: breadth-first, two levels, at most $limit nodes (most linked first), and every allowed relationship
// among them, in one statement.
MATCH (center:Organization {id: $id})
CALL (center) {
  MATCH (center)-[r]-(m)
  WHERE type(r) IN $types
  WITH m, count(r) AS links ORDER BY links DESC, m.id
  RETURN collect(m) AS found1
}
WITH center, found1[..$limit - 1] AS level1
CALL (center, level1) {
  UNWIND level1 AS f
  MATCH (f)-[r]-(m)
  WHERE type(r) IN $types AND m <> center AND NOT m IN level1
  WITH m, count(r) AS links ORDER BY links DESC, m.id LIMIT $limit
  RETURN collect(m) AS found2
}
WITH center, level1, found2[..$limit - 1 - size(level1)] AS level2, size(found2) > $limit - 1 - size(level1) AS truncated
WITH center, level1, level2, truncated, [center] + level1 + level2 AS kept
CALL (kept) {
  UNWIND kept AS a
  MATCH (a)-[r]->(b)
  WHERE type(r) IN $types AND b IN kept
  RETURN collect({type: type(r), source: a.id, target: b.id, since: r.since}) AS edges
}
RETURN truncated, center {.id, label: center.name},
       [n IN [center] + level1 | n {.id, labels: labels(n), label: coalesce(n.name, n.title)}] + [n IN level2 | n {.id, labels: labels(n), label: coalesce(n.name, n.title)}] AS nodes,
       edges
