// C4 floor: the full-text candidates graphdir ranks (the same Lucene query, the same pool of 40, the pool's size given
// to the index call so that Lucene keeps a top 40 as it scores), with the fields the hits show.
CALL db.index.fulltext.queryNodes('search_text', $query, {limit: $pool}) YIELD node, score
RETURN node.id AS id, labels(node) AS labels, score, coalesce(node.name, node.title) AS name,
       node.acronym AS acronym, node.population AS population, node.kind AS kind, node.family AS family,
       node.level AS level, [(node)-[:LOCATED_IN]->(c:Commune) | c.name][0] AS commune
