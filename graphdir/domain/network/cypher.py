"""Cypher of the network map, of shortest paths and of the network inside a territory.

Relationship types are parameters (`type(r) IN $types`), chosen by the service from the fixed set of
graphdir.domain.network.relations; labels come from a fixed UNION (one index seek per label), never from request text.

Validity "as it stood on $on" is graphdir.domain.common.validity's: a node exists on D unless it certainly did not
(validFrom/foundedOn certainly after D, validUntil certainly before D). With `$on` null everything holds.
"""

from typing import LiteralString

from graphdir.domain.common.validity import held_on_if_given
from graphdir.domain.network.relations import Relation
from graphdir.domain.territories.cypher import ORGANIZATIONS_OF_SCOPE

_REL_VALID = held_on_if_given("r", "$on")


def _node_valid(node: str) -> LiteralString:
    return held_on_if_given(node, "$on", (("validFromFrom", "foundedOnFrom"), "validUntilTo"))


_NODE_VALID = _node_valid("m")

# The node of a (label, id) pair: one branch per label that may be a network or path end, each an index seek.
_NODE_BY_LABEL_AND_ID: LiteralString = """
  MATCH (n:Organization {id: $id}) WHERE $label = 'Organization' RETURN n
  UNION
  MATCH (:MergedOrganization {id: $id})-[:MERGED_INTO]->(n:Organization) WHERE $label = 'Organization' RETURN n
  UNION
  MATCH (n:Person {id: $id}) WHERE $label = 'Person' RETURN n
  UNION
  MATCH (n:Territory {id: $id}) WHERE $label = 'Territory' RETURN n
  UNION
  MATCH (n:Convention {id: $id}) WHERE $label = 'Convention' RETURN n
  UNION
  MATCH (n:Event {id: $id}) WHERE $label = 'Event' RETURN n
"""

_NODE_FIELDS: LiteralString = "{eid: elementId(n), id: n.id, labels: labels(n), label: coalesce(n.name, n.title)}"

_SOURCE_FIELDS: LiteralString = "{.id, .document, .title, .url, .publishedOn}"

# What an edge says: its ends (element ids, resolved against the nodes of the same answer), its validity, its
# evidence, and how many relationships of the same type join the same two nodes in the same direction (the edge id
# needs a discriminator only then). A PARTY_TO, ORGANISED or SPOKE_AT relationship is declared by its convention or
# event record and often carries no excerpt: `citations` are then that node's CITED_IN excerpts, from which the service
# keeps the one naming the other end (`otherNames`). The documents of `source` are read once per answer (_DOCUMENTS).
_EDGE_FIELDS: LiteralString = """{
    type: type(r), start: elementId(startNode(r)), end: elementId(endNode(r)),
    since: r.since, until: r.until, title: r.title, role: r.role, portfolio: r.portfolio,
    excerpt: r.excerpt, source: r.source, inferred: coalesce(r.inferred, false), note: r.note,
    citations: CASE WHEN r.excerpt IS NULL AND type(r) IN ['PARTY_TO', 'ORGANISED', 'SPOKE_AT'] THEN COLLECT {
      WITH endNode(r) AS declaring
      MATCH (declaring)-[c:CITED_IN]->(d:Source)
      RETURN {excerpt: c.excerpt, document: d """ + _SOURCE_FIELDS + """} AS citation ORDER BY c.excerpt
    } ELSE [] END,
    otherNames: [startNode(r).name, startNode(r).acronym],
    parallel: COUNT { WITH startNode(r) AS s, endNode(r) AS e MATCH (s)-[x]->(e) WHERE type(x) = type(r) }
  }"""

# The Source documents the `edges` (a list of _EDGE_FIELDS maps) name, each read once.
_DOCUMENTS: LiteralString = """COLLECT {
    UNWIND edges AS e
    WITH DISTINCT e.source AS id WHERE id IS NOT NULL
    MATCH (d:Source {id: id})
    RETURN d """ + _SOURCE_FIELDS + """
  } AS documents"""


def _expand(seen: LiteralString, carry: LiteralString = "") -> LiteralString:
    """One breadth-first level. In scope: `frontier` (the nodes found at the previous level); `seen` is the list of the
    element ids of every node kept so far (the `$seen` parameter when it can be: a parameter list is tested as a set);
    `carry` names the further variables `seen` uses (", centerEid").

    Finds the new neighbours (most linked to the frontier first, then by id), keeps $room of them (one more is read to
    know whether the map is cut), and the edges between each new node and any kept or new node, so that the map holds
    every edge among its nodes."""
    return """
CALL (frontier""" + carry + """) {
  UNWIND frontier AS f
  MATCH (f)-[r]-(m)
  WHERE type(r) IN $types AND NOT elementId(m) IN """ + seen + " AND " + _REL_VALID + " AND " + _NODE_VALID + """
  WITH m, count(r) AS links
  ORDER BY links DESC, m.id, elementId(m)
  LIMIT $room + 1
  RETURN collect(m) AS found
}
WITH frontier""" + carry + """, found[..$room] AS fresh, size(found) > $room AS truncated
CALL (fresh""" + carry + """) {
  UNWIND fresh AS a
  MATCH (a)-[r]-(b)
  WHERE type(r) IN $types AND (elementId(b) IN """ + seen + " OR b IN fresh) AND " + _REL_VALID + """
  WITH DISTINCT r
  RETURN collect(r """ + _EDGE_FIELDS + """) AS edges
}
"""


_RETURN_LEVEL: LiteralString = "[n IN fresh | n " + _NODE_FIELDS + "] AS nodes, edges, " + _DOCUMENTS + ", truncated"

# The center and the first level around it, in one round trip. No row when the center does not exist.
FIRST_LEVEL: LiteralString = """
CALL () {""" + _NODE_BY_LABEL_AND_ID + """}
WITH [n] AS frontier, elementId(n) AS centerEid
""" + _expand("[centerEid]", ", centerEid") + """
RETURN [n IN frontier | n """ + _NODE_FIELDS + "][0] AS center, " + _RETURN_LEVEL

# A further level: $frontier and $seen are element ids read earlier in the same request.
NEXT_LEVEL: LiteralString = """
MATCH (f) WHERE elementId(f) IN $frontier
WITH collect(f) AS frontier
""" + _expand("$seen") + """
RETURN """ + _RETURN_LEVEL

NODE: LiteralString = """
CALL () {""" + _NODE_BY_LABEL_AND_ID + """}
RETURN n """ + _NODE_FIELDS + """ AS node
"""

# The shortest undirected path over the allowed types, at most maxLength relationships long (never more than 10).
# Both ends are looked up first; no row when either is missing, when both are the same node (a merged id and its
# survivor: the service answers a node to itself before asking), or when no path is short enough.
# shortestPath() is Neo4j's bidirectional breadth-first search, which meets in the middle: at 100k its worst draws of
# the benchmark's C6 took 0.6 s where `SHORTEST 1` (which expanded from one end through the federations' and chambers'
# thousands of members) took 16 s (bench/README.md, C6). Its relationship types are every type a path may follow,
# written in the pattern so that each node's relationships are read by type (an organization's INSIDE, CITED_IN and
# LOCATED_IN links are never read), and the `all(...)` predicate, which the search checks on each relationship as it
# expands, keeps the requested ones. Bounds cannot be parameters: one statement per bound, SHORTEST_PATHS[maxLength].
_PATH_TYPES: LiteralString = "|".join(sorted(relation.value for relation in Relation))
_SHORTEST_PATH: LiteralString = """
CALL () {""" + _NODE_BY_LABEL_AND_ID.replace("$id", "$fromId").replace("$label", "$fromLabel") + """}
WITH n AS a
CALL () {""" + _NODE_BY_LABEL_AND_ID.replace("$id", "$toId").replace("$label", "$toLabel") + """}
WITH a, n AS b WHERE a <> b
MATCH p = shortestPath((a)-[:""" + _PATH_TYPES + """*1..MAX_LENGTH]-(b))
WHERE all(r IN relationships(p) WHERE type(r) IN $types)
WITH p, [r IN relationships(p) | r """ + _EDGE_FIELDS + """] AS edges
RETURN [n IN nodes(p) | n """ + _NODE_FIELDS + """] AS nodes, edges, """ + _DOCUMENTS + """
"""
MAX_PATH_LENGTH = 10
SHORTEST_PATHS: dict[int, LiteralString] = {
    bound: _SHORTEST_PATH.replace("MAX_LENGTH", str(bound)) for bound in range(1, MAX_PATH_LENGTH + 1)
}

# The network inside a territory: the organizations inside it on $on (the rule of graphdir.domain.territories.cypher,
# with $f_on its day), the most linked over $types first, then by id, and the people, conventions, events (and, when
# asked for, territories) linked to the ones kept, most linked first; at most $room nodes in all. `total` counts every
# organization inside, kept or not. The walk down a région reaches every organization in it (~50,000 at France
# scale), as Territory.organizations does; the answer is bounded by $room. No row when the territory does not exist.
TERRITORY_NODES: LiteralString = """
MATCH (scope:Territory {id: $territory})
CALL (scope) {
""" + ORGANIZATIONS_OF_SCOPE + """  WHERE """ + _node_valid("o") + """
  RETURN o, COUNT { MATCH (o)-[r]-() WHERE type(r) IN $types AND """ + _REL_VALID + """ } AS links
}
WITH o, links ORDER BY links DESC, o.id
WITH collect(o) AS inside
WITH size(inside) AS total, inside[..$room] AS organizations
CALL (organizations) {
  UNWIND organizations AS o
  MATCH (o)-[r]-(m)
  WHERE type(r) IN $types AND NOT m:Organization AND """ + _REL_VALID + " AND " + _NODE_VALID + """
  WITH m, count(r) AS links
  ORDER BY links DESC, m.id, elementId(m)
  RETURN collect(m) AS linked
}
WITH total, organizations, linked, $room - size(organizations) AS left
RETURN total, [n IN organizations | n """ + _NODE_FIELDS + """] AS organizations,
       [n IN linked[..left] | n """ + _NODE_FIELDS + """] AS linked,
       total > size(organizations) OR size(linked) > left AS truncated
"""

# Every relationship of $types among the nodes of element ids $eids (read by TERRITORY_NODES in the same request),
# with its evidence; a parameter list is tested as a set.
EDGES_AMONG: LiteralString = """
UNWIND $eids AS eid
MATCH (a) WHERE elementId(a) = eid
MATCH (a)-[r]->(b)
WHERE type(r) IN $types AND elementId(b) IN $eids AND """ + _REL_VALID + """
WITH collect(r """ + _EDGE_FIELDS + """) AS edges
RETURN edges, """ + _DOCUMENTS + """
"""
