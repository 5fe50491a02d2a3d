"""Cypher texts of sources (citations), figures and statements."""

from __future__ import annotations

from typing import Final

SOURCE_MAP: Final = "{.id, .document, .title, .url, .publishedOn}"

# The Source a relationship `r` names in its `source` property, as a map (null when it names none).
SOURCE_OF_R: Final = "head(COLLECT { MATCH (s:Source {id: r.source}) RETURN s " + SOURCE_MAP + " })"

SOURCES_BY_IDS: Final = (
    """
UNWIND $ids AS id
MATCH (s:Source {id: id})
RETURN id, s """
    + SOURCE_MAP
    + " AS node"
)

# The sources citing each fact node (CITED_IN {excerpt}); one text per label so that the id index is used.
_CITATIONS: Final = (
    """
UNWIND $ids AS id
MATCH (:{label} {id: id})-[c:CITED_IN]->(s:Source)
WITH id, s, c ORDER BY s.id, c.excerpt
RETURN id, collect({source: s """
    + SOURCE_MAP
    + """, excerpt: c.excerpt}) AS citations
"""
)
CITATIONS: Final = {
    label: _CITATIONS.replace("{label}", label)
    for label in ("Organization", "Person", "Convention", "Event", "Statement", "Figure")
}
# Territories cite their data set by CITED_IN or by their `source` property.
CITATIONS["Territory"] = (
    """
UNWIND $ids AS id
MATCH (t:Territory {id: id})
CALL (t) {
  MATCH (t)-[c:CITED_IN]->(s:Source) RETURN s, c.excerpt AS excerpt
  UNION
  MATCH (s:Source {id: t.source}) RETURN s, t.excerpt AS excerpt
}
WITH id, s, excerpt ORDER BY s.id
RETURN id, collect({source: s """
    + SOURCE_MAP
    + """, excerpt: excerpt}) AS citations
"""
)

FIGURE_MAP: Final = (
    "{.id, .measure, .value, .unit, .year, .yearInferred, .yearNote, .scope, .approximate, "
    "version: coalesce(f.version, 1)}"
)
_FIGURE_ROW: Final = (
    "{figure: f "
    + FIGURE_MAP
    + """, territoryId: head(COLLECT { MATCH (f)-[:FOR_TERRITORY]->(t:Territory) RETURN t.id }),
     publisherId: head(COLLECT { MATCH (o:Organization)-[:PUBLISHED]->(f) RETURN o.id })}"""
)

FIGURES_OF_ORGANIZATIONS: Final = (
    """
UNWIND $ids AS id
MATCH (:Organization {id: id})-[:PUBLISHED]->(f:Figure)
WITH id, f ORDER BY f.year, f.measure, f.id
RETURN id, collect("""
    + _FIGURE_ROW
    + """) AS figures
"""
)

FIGURES_OF_TERRITORIES: Final = (
    """
UNWIND $ids AS id
MATCH (:Territory {id: id})<-[:FOR_TERRITORY]-(f:Figure)
WITH id, f ORDER BY f.year, f.measure, f.id
RETURN id, collect("""
    + _FIGURE_ROW
    + """) AS figures
"""
)

STATEMENT_MAP: Final = "{.id, .kind, .position, .text, .adoptedOn}"

STATEMENTS_OF_ORGANIZATIONS: Final = (
    """
UNWIND $ids AS id
MATCH (o:Organization {id: id})-[:HAS_STATEMENT]->(st:Statement)
WHERE $kinds IS NULL OR st.kind IN $kinds
WITH id, o, st ORDER BY st.kind, st.position, st.id
RETURN id, collect(st {.id, .kind, .position, .text, .adoptedOn, organizationId: o.id}) AS statements
"""
)

FIGURES_BY_IDS: Final = (
    """
UNWIND $ids AS id
MATCH (f:Figure {id: id})
RETURN id, """
    + _FIGURE_ROW
    + """ AS node
"""
)

STATEMENTS_BY_IDS: Final = """
UNWIND $ids AS id
MATCH (st:Statement {id: id})
RETURN id, st {.id, .kind, .position, .text, .adoptedOn,
               organizationId: head(COLLECT { MATCH (o:Organization)-[:HAS_STATEMENT]->(st) RETURN o.id })} AS node
"""
