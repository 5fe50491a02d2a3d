"""Cypher of the search: one full-text query, filtered by label, that returns what ranking needs."""

from typing import LiteralString

# $query is a Lucene query built by graphdir.domain.search.lucene (escaped words only). The candidates come back as one
# record: the driver spends about 0.1 ms of the API's CPU per record it receives.
_CANDIDATES: LiteralString = """
RETURN collect({id: node.id, labels: labels(node), score: score, name: coalesce(node.name, node.title),
                acronym: node.acronym, population: node.population}) AS candidates
"""

# No filter: the pool's size goes into the index call, so Lucene keeps the best $pool hits as it scores (a top-k)
# instead of handing Neo4j every matching document in score order: a broad text ("association culture") matches most
# of the index. Half the statement's time at 100k (bench/README.md, C4).
SEARCH_ALL: LiteralString = """
CALL db.index.fulltext.queryNodes('search_text', $query, {limit: $pool}) YIELD node, score
""" + _CANDIDATES

# Filtered by label (and an organization by its kind and family): the index cannot filter, so hits stream in Lucene's
# score order and the filter runs before LIMIT, which keeps the best candidates of the requested kinds.
SEARCH_FILTERED: LiteralString = """
CALL db.index.fulltext.queryNodes('search_text', $query) YIELD node, score
WHERE ($labels IS NULL OR any(label IN labels(node) WHERE label IN $labels))
  AND (NOT node:Organization OR (($organizationKinds IS NULL OR node.kind IN $organizationKinds)
                                 AND ($families IS NULL OR node.family IN $families)))
WITH node, score
LIMIT $pool
""" + _CANDIDATES
