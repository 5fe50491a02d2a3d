"""Cypher of the search: one full-text query, filtered by label, that returns what ranking needs."""

from typing import LiteralString

# $query is a Lucene query built by graphdir.domain.search.lucene (escaped words only). Index hits stream in Lucene's
# score order, so filtering by label (and an organization by its kind and family) before LIMIT keeps the best candidates
# of the requested kinds. The candidates
# come back as one record: the driver spends about 0.1 ms of the API's CPU per record it receives.
SEARCH: LiteralString = """
CALL db.index.fulltext.queryNodes('search_text', $query) YIELD node, score
WHERE ($labels IS NULL OR any(label IN labels(node) WHERE label IN $labels))
  AND (NOT node:Organization OR (($organizationKinds IS NULL OR node.kind IN $organizationKinds)
                                 AND ($families IS NULL OR node.family IN $families)))
WITH node, score
LIMIT $pool
RETURN collect({id: node.id, labels: labels(node), score: score, name: coalesce(node.name, node.title),
                acronym: node.acronym, population: node.population}) AS candidates
"""
