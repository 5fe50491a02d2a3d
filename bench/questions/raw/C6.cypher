// C6 floor: a shortest undirected path of at most 6 relationships between two organizations, by Neo4j's bidirectional
// breadth-first search (shortestPath), over every type a path may follow, keeping the requested ones as it expands
// (graphdir/domain/network/cypher.py SHORTEST_PATHS).
MATCH (a:Organization {id: $from}), (b:Organization {id: $to})
MATCH p = shortestPath((a)-[:COVERS|FOUNDED|FUNDS|HOLDS_ROLE|INTERLOCUTOR_OF|LOCATED_IN|MEMBER_OF|ORGANISED|PARTNER_OF|PARTY_TO|RECOGNISES|SPOKE_AT|SUPPORTS*1..6]-(b))
WHERE all(r IN relationships(p) WHERE type(r) IN $types)
RETURN length(p) AS length,
       [n IN nodes(p) | {id: n.id, labels: labels(n), label: coalesce(n.name, n.title)}] AS nodes,
       [r IN relationships(p) | {type: type(r), source: startNode(r).id, target: endNode(r).id, since: r.since}] AS edges
