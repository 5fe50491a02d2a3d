// C4 floor: the full-text candidates graphdir ranks (the same Lucene query, the same pool of 40), with the fields
// the hits show.
CALL db.index.fulltext.queryNodes('search_text', $query) YIELD node, score
WITH node, score LIMIT $pool
RETURN node.id AS id, labels(node) AS labels, score, coalesce(node.name, node.title) AS name,
       node.acronym AS acronym, node.population AS population, node.kind AS kind, node.family AS family,
       node.level AS level, [(node)-[:LOCATED_IN]->(c:Commune) | c.name][0] AS commune
