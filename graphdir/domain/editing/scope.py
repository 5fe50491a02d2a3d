"""Where the objects an edit names lie, for an editor limited to territories (graphdir.api.permissions): a
convention is where its parties and its commune are, a person where the organizations of its roles are, a figure
where its publisher and its territory are (the rule of "Inside a territory", schema/MODEL.md, applied to those)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from graphdir.db.reader import Reader

WHERE: Final = """
CALL () {
  UNWIND $conventions AS id MATCH (:Convention {id: id})<-[:PARTY_TO]-(o:Organization) RETURN collect(o.id) AS a
}
CALL () {
  UNWIND $conventions AS id MATCH (:Convention {id: id})-[:SIGNED_IN]->(t:Territory) RETURN collect(t.id) AS b
}
CALL () { UNWIND $people AS id MATCH (:Person {id: id})-[:HOLDS_ROLE]->(o:Organization) RETURN collect(o.id) AS c }
CALL () { UNWIND $figures AS id MATCH (:Figure {id: id})<-[:PUBLISHED]-(o:Organization) RETURN collect(o.id) AS d }
CALL () { UNWIND $figures AS id MATCH (:Figure {id: id})-[:FOR_TERRITORY]->(t:Territory) RETURN collect(t.id) AS e }
RETURN a + c + d AS organizations, b + e AS places
"""


async def placed_by(reader: Reader, subjects: Sequence[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """The organizations and territories (graph ids) that place these (label, graph id) objects."""
    if not subjects:
        return [], []
    ids = {label: [graph_id for kind, graph_id in subjects if kind == label] for label in ("Convention", "Person",
                                                                                       "Figure")}
    row = await reader.read_one(WHERE, {"conventions": ids["Convention"], "people": ids["Person"],
                                        "figures": ids["Figure"]})
    if row is None:
        return [], []
    return sorted(set(row["organizations"])), sorted(set(row["places"]))
