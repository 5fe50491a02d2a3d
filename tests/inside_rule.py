"""The check that the INSIDE links (graphdir/domain/territories/inside_links.py) say what the containment rule says.

The rule is walked here from each organization, as schema/MODEL.md states it ("Inside a territory"): located in a
commune, or with an establishment located in one, or covering a territory (the cover holding on D), then that place
itself or one PART_OF hop (holding on D); with no D, every link counts. The links are read with the predicate the
queries use (cypher.held_inside). Both must give the same territories for each organization on each day asked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from neo4j import AsyncDriver

from graphdir.domain.common.validity import held_on_if_given
from graphdir.domain.territories.cypher import INSIDE_ANY, INSIDE_TYPE_OF_O, held_inside

BY_RULE = """
UNWIND $ids AS id
MATCH (o:Organization {id: id})
CALL (o) {
  MATCH (o)-[l:LOCATED_IN|COVERS]->(place:Territory)
  WHERE type(l) = 'LOCATED_IN' OR """ + held_on_if_given("l", "$on") + """
  RETURN place
  UNION
  MATCH (o)-[:HAS_SITE]->(:Establishment)-[:LOCATED_IN]->(place:Territory)
  RETURN place
}
CALL (place) {
  RETURN place AS t
  UNION
  MATCH (place)-[p:PART_OF]->(t:Territory) WHERE """ + held_on_if_given("p", "$on") + """
  RETURN t
}
RETURN id, collect(DISTINCT t.id) AS territories
"""

BY_LINKS = """
UNWIND $ids AS id
MATCH (o:Organization {id: id})-[link:""" + INSIDE_ANY + """]->(t:Territory)
WHERE """ + held_inside("link", "$on") + """
RETURN id, collect(t.id) AS territories, collect(link.territory = t.id AND link.id = o.id
  AND link.sortName = coalesce(o.sortName, '') AND type(link) = """ + INSIDE_TYPE_OF_O + """
  AND coalesce(link.kind, '') = coalesce(o.kind, '')) AS faithful
"""

DAYS: tuple[dt.date | None, ...] = (None, dt.date(1990, 1, 1), dt.date(2015, 12, 31), dt.date(2016, 1, 1),
                                     dt.date(2020, 6, 30), dt.date.today(), dt.date(2100, 1, 1))


async def mismatches(driver: AsyncDriver, database: str, ids: Iterable[str],
                     days: Iterable[dt.date | None] = DAYS) -> dict[tuple[str, str], tuple[set[str], set[str]]]:
    """(organization, day) -> (territories by the rule, by the links) wherever they differ, or where a link's
    copied properties are not the organization's."""
    wanted = sorted(set(ids))
    wrong: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    for day in days:
        rule, _, _ = await driver.execute_query(BY_RULE, {"ids": wanted, "on": day}, database_=database)
        links, _, _ = await driver.execute_query(BY_LINKS, {"ids": wanted, "on": day}, database_=database)
        expected = {r["id"]: set(r["territories"]) for r in rule}
        found = {r["id"]: set(r["territories"]) for r in links}
        for r in links:
            if not all(r["faithful"]):
                wrong[(r["id"], f"{day} (copied properties)")] = (set(), set())
        for graph_id in wanted:
            if expected.get(graph_id, set()) != found.get(graph_id, set()):
                wrong[(graph_id, str(day))] = (expected.get(graph_id, set()), found.get(graph_id, set()))
    return wrong
