"""An import keeps the INSIDE links (containment as data) what the containment rule says: the SIRENE samples'
units, placed by their establishments, in batches."""

from __future__ import annotations

from pathlib import Path

from neo4j import AsyncDriver

from graphdir.config import Settings
from graphdir.domain.territories.cypher import INSIDE_ANY
from tests.importers.test_import_sirene import ESS_LIST, SITES, UNITS, run_sirene
from tests.inside_rule import mismatches


async def test_an_import_writes_the_links_the_rule_gives(graph: AsyncDriver, settings: Settings,
                                                         tmp_path: Path) -> None:
    await run_sirene(graph, settings, tmp_path, UNITS, SITES, ess_list=ESS_LIST)
    records, _, _ = await graph.execute_query(
        "MATCH (o:Organization) WHERE o.siren STARTS WITH '9991' RETURN collect(o.id) AS ids, "
        "count { MATCH (o2:Organization)-[:" + INSIDE_ANY + "]->() WHERE o2.siren STARTS WITH '9991' } AS links",
        database_=settings.neo4j_database)
    ids, links = records[0]["ids"], records[0]["links"]
    assert ids and links >= len(ids)
    assert await mismatches(graph, settings.neo4j_database, ids) == {}
    # Imported again: nothing changes, links included.
    await run_sirene(graph, settings, tmp_path, UNITS, SITES, ess_list=ESS_LIST)
    assert await mismatches(graph, settings.neo4j_database, ids) == {}
