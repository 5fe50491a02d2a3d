"""The direct-create path of imports (graphdir.importers.new_nodes) holds new records to the loader's record rules:
a point outside France rejects the batch, and nothing of it is written."""

from __future__ import annotations

import pytest
from neo4j import AsyncDriver

from graphdir.config import Settings
from graphdir.importers.new_nodes import create_new
from graphdir.importers.records import line_dict
from graphdir.loader import LoadRejected, Record
from graphdir.loader.history import import_actor

FILE = "StockUniteLegale_test.csv"


def unit(index: int, latitude: float, longitude: float) -> Record:
    line = index + 2
    return Record(FILE, line, "organizations", index, line_dict(line, [
        ("id", f"siren-99920000{index}"), ("name", f"UNITE TEST {index}"), ("kind", "ENTERPRISE"),
        ("family", "ASSOCIATION"), ("classifiedBy", "sirene:9220"), ("siren", f"99920000{index}"),
        ("commune", "03095"), ("location", line_dict(line, [("latitude", latitude), ("longitude", longitude)])),
        ("cited", [line_dict(line, [("source", "src-cres-auvergne-2012"), ("excerpt", f"{FILE} line {line}")])]),
    ]))


async def count_units(graph: AsyncDriver, settings: Settings) -> int:
    records, _, _ = await graph.execute_query("MATCH (o:Organization) WHERE o.siren STARTS WITH '9992' "
                                              "RETURN count(o) AS n", database_=settings.neo4j_database)
    return int(records[0]["n"])


async def test_a_point_outside_france_rejects_the_batch(graph: AsyncDriver, settings: Settings) -> None:
    records = [unit(1, 46.13, 3.45), unit(2, 3.45, 46.13)]  # the second has its coordinates swapped
    with pytest.raises(LoadRejected) as rejected:
        await create_new(graph, settings.neo4j_database, records, actor=import_actor("sirene", [FILE]), files=1,
                         dry_run=False)
    errors = rejected.value.errors
    assert [(e.line, e.field, e.code) for e in errors] == [(4, "location", "OUT_OF_RANGE")]
    assert "not in France" in errors[0].message
    assert await count_units(graph, settings) == 0


async def test_a_valid_batch_is_created(graph: AsyncDriver, settings: Settings) -> None:
    report = await create_new(graph, settings.neo4j_database, [unit(1, 46.13, 3.45)],
                              actor=import_actor("sirene", [FILE]), files=1, dry_run=False)
    assert str(report.counts["organizations"]) == "1 created, 0 updated, 0 unchanged"
    assert await count_units(graph, settings) == 1
