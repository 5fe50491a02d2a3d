// C6 floor: a shortest undirected path of at most 6 relationships between two organizations.
MATCH (a:Organization {id: $from}), (b:Organization {id: $to})
MATCH p = SHORTEST 1 (a) (()-[r]-() WHERE type(r) IN $types){1,6} (b)
RETURN length(p) AS length,
       [n IN nodes(p) | {id: n.id, labels: labels(n), label: coalesce(n.name, n.title)}] AS nodes,
       [r IN relationships(p) | {type: type(r), source: startNode(r).id, target: endNode(r).id, since: r.since}] AS edges
