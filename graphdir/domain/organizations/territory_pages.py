"""A territory's organizations by name, read from the INSIDE links (graphdir.domain.territories.inside_links).

When the only criteria are a territory, families and a date, the first page (or the page after a cursor) is read in
index order: one ordered seek per family's link type (its index on (territory, sortName, id)), each stopping after
$limit links, the families' pages merged. Nothing else of the territory's organizations is read. Each seek names its
index (USING INDEX: right after the links are first written, the planner's statistics still see an empty index and
choose a scan of every link) and orders on every column of it (ordering on the last two only is planned as a sort
of every entry). The total is the territory's degree for those types, kept by Neo4j; with a date, the links are read
for their periods.

Parameters: $f_territory, $f_on, $afterName / $afterId (the cursor, '' for the first page) and $limit. Rows: `node`
(ORGANIZATION_MAP) and `key` ([sortName, id]), as the other organization pages. `families` are vocabulary values
(checked by the API's enum): the link types are written into the text from cypher.INSIDE_OF_FAMILY, never from input.
"""

from __future__ import annotations

from collections.abc import Sequence

from graphdir.domain.organizations.cypher import ORGANIZATION_MAP
from graphdir.domain.territories.cypher import INSIDE, INSIDE_OF_FAMILY, held_inside

_HELD = held_inside("inside", "$f_on")


def _types(families: Sequence[str] | None) -> list[str]:
    """The link types of these families (None: every family, and none)."""
    if families is None:
        return [INSIDE, *INSIDE_OF_FAMILY.values()]
    return [INSIDE_OF_FAMILY[family] for family in dict.fromkeys(families)]


def _seek(rel_type: str) -> str:
    return f"""  MATCH (o)-[inside:{rel_type}]->()
  USING INDEX inside:{rel_type}(territory, sortName, id)
  WHERE inside.territory = $f_territory AND inside.sortName >= $afterName AND inside.id IS NOT NULL
    AND [inside.sortName, inside.id] > [$afterName, $afterId] AND {_HELD}
  WITH o, inside ORDER BY inside.territory, inside.sortName, inside.id LIMIT $limit
  RETURN o, inside
"""


def _nearest(families: Sequence[str] | None) -> str:
    types = _types(families)
    if not types:
        return "CALL () { RETURN null AS o, null AS inside LIMIT 0 }\n"
    return ("CALL () {\n" + "  UNION ALL\n".join(_seek(t) for t in types) + "}\n"
            "WITH o, inside ORDER BY inside.sortName, inside.id LIMIT $limit\n")


def _total(families: Sequence[str] | None) -> str:
    types = _types(families)
    if not types:
        return "0"
    degrees = " + ".join(f"COUNT {{ (scope)<-[:{t}]-() }}" for t in types)
    dated = "COUNT { (scope)<-[inside:" + "|".join(types) + "]-() WHERE " + _HELD + " }"
    return f"CASE WHEN $f_on IS NULL THEN {degrees} ELSE {dated} END"


def page(families: Sequence[str] | None) -> str:
    """Rows `node`, `key`."""
    return _nearest(families) + "RETURN o " + ORGANIZATION_MAP + " AS node, [inside.sortName, inside.id] AS key\n"


def count(families: Sequence[str] | None) -> str:
    """One row, `total` (none when the territory does not exist)."""
    return "MATCH (scope:Territory {id: $f_territory})\nRETURN " + _total(families) + " AS total\n"


def page_with_total(families: Sequence[str] | None) -> str:
    """One row: `edges` (list of {node, key}) and `total`."""
    return ("OPTIONAL MATCH (scope:Territory {id: $f_territory})\n"
            "WITH CASE WHEN scope IS NULL THEN 0 ELSE " + _total(families) + " END AS total\n"
            "CALL () {\n" + _nearest(families)
            + "RETURN collect({node: o " + ORGANIZATION_MAP + ", key: [inside.sortName, inside.id]}) AS edges\n}\n"
            "RETURN total, edges\n")
