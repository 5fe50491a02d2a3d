"""Imports written in batches as they are read (graphdir.importers.batches): with a batch of a few records, the RNA,
spreadsheet and SIRENE importers give the graph one batch gives; a bad row late in a file is reported by its line and
the rows around it imported; a file found unreadable late in it (after the first batch's worth of rows) writes
nothing."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from neo4j import AsyncDriver

from graphdir.config import Settings
from graphdir.importers.csvfile import ImportFileError
from graphdir.importers.rna_import import import_rna
from graphdir.importers.sheet_import import import_sheet
from graphdir.importers.sirene_records import import_sirene
from tests.importers.conftest import CLEAN_UP
from tests.importers.test_import_sheet import MEMBERS, MEMBERS_MAPPING
from tests.importers.test_import_siae import node_count, places
from tests.importers.test_import_sirene import ESS_LIST, SITES, UNITS
from tests.importers.test_rna_rows import IMPORT, WALDEC

# Everything an import wrote, as comparable values: nodes with their properties and their relationships.
GRAPH = """
MATCH (n) WHERE n:Establishment OR n:Organization AND (n.describedBy IS NOT NULL OR n.id STARTS WITH 'siren-')
   OR n:Source AND (n.id STARTS WITH 'src-rna-' OR n.id STARTS WITH 'src-sheet-' OR n.id STARTS WITH 'src-sirene-'
                    OR n.id STARTS WITH 'src-ess-')
RETURN n {.*, labels: labels(n), out: [(n)-[r]->(m) | [type(r), coalesce(m.id, m.siret), properties(r)]]} AS n
"""
SHEET_CLEAN_UP = ("MATCH (n) WHERE n:Organization AND any(s IN [(n)-[:CITED_IN]->(s:Source) | s.id] WHERE s STARTS "
                  "WITH 'src-sheet-') OR n:Source AND n.id STARTS WITH 'src-sheet-' DETACH DELETE n")
RNA_CLEAN_UP = ("MATCH (n) WHERE n:Organization AND n.classifiedBy = 'rna:association' OR n:Source AND n.id STARTS "
                "WITH 'src-rna-' DETACH DELETE n")


@pytest.fixture
async def graph(seeded: AsyncDriver, settings: Settings) -> AsyncIterator[AsyncDriver]:
    await clean(seeded, settings)
    yield seeded
    await clean(seeded, settings)


async def clean(driver: AsyncDriver, settings: Settings) -> None:
    for query in (CLEAN_UP, SHEET_CLEAN_UP, RNA_CLEAN_UP):
        await driver.execute_query(query, database_=settings.neo4j_database)


async def snapshot(driver: AsyncDriver, settings: Settings) -> list[Any]:
    records, _, _ = await driver.execute_query(GRAPH, database_=settings.neo4j_database)
    nodes = [record["n"] for record in records]
    for node in nodes:
        node["out"] = sorted(node["out"], key=repr)
    return sorted(nodes, key=repr)


def counts(summary: Any) -> list[str]:
    """The summary without its timing."""
    return [line for line in summary.lines() if not line.startswith("(")]


async def test_rna_in_batches_of_two_is_the_graph_of_one_batch(graph: AsyncDriver, settings: Settings,
                                                               tmp_path: Path) -> None:
    index = await places(graph, settings)
    whole = await import_rna(graph, settings.neo4j_database, [WALDEC, IMPORT], places=index,
                             report=tmp_path / "whole.txt")
    expected = await snapshot(graph, settings)
    await clean(graph, settings)
    batched = await import_rna(graph, settings.neo4j_database, [WALDEC, IMPORT], places=index, batch=2,
                               report=tmp_path / "batched.txt")
    assert await snapshot(graph, settings) == expected
    assert counts(batched) == counts(whole)
    assert "rejected rows: 4 (malformed row: 1, no RNA id: 2, repeated RNA id: 1)" in counts(batched)
    again = await import_rna(graph, settings.neo4j_database, [WALDEC, IMPORT], places=index, batch=2,
                             report=tmp_path / "again.txt")
    assert again.lines()[-1] == "nothing changed"


async def test_a_spreadsheet_in_batches_of_three(graph: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    index = await places(graph, settings)
    whole = await import_sheet(graph, settings.neo4j_database, MEMBERS, MEMBERS_MAPPING, places=index,
                               report=tmp_path / "whole.txt")
    expected = await snapshot(graph, settings)
    await clean(graph, settings)
    # 3 records a batch: the source, then an organization and its MEMBER_OF never split.
    batched = await import_sheet(graph, settings.neo4j_database, MEMBERS, MEMBERS_MAPPING, places=index, batch=3,
                                 report=tmp_path / "batched.txt")
    assert await snapshot(graph, settings) == expected
    assert counts(batched) == counts(whole)


async def test_sirene_in_batches_of_two(graph: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    whole = await import_sirene(graph, settings.neo4j_database, UNITS, SITES, ess_list=ESS_LIST,
                                report=tmp_path / "whole.txt")
    expected = await snapshot(graph, settings)
    await clean(graph, settings)
    dry = await import_sirene(graph, settings.neo4j_database, UNITS, SITES, ess_list=ESS_LIST, batch=2,
                              dry_run=True, report=tmp_path / "dry.txt")
    assert await snapshot(graph, settings) == []
    batched = await import_sirene(graph, settings.neo4j_database, UNITS, SITES, ess_list=ESS_LIST, batch=2,
                                  report=tmp_path / "batched.txt")
    assert await snapshot(graph, settings) == expected
    assert counts(batched) == counts(whole)
    assert counts(dry)[1:] == counts(whole)  # its first line says it is a dry run


def _waldec_rows(tmp_path: Path, rows: int, bad: dict[int, str]) -> Path:
    """A waldec file of `rows` associations (UTF-8); row number n (1-based) replaced by bad[n] when given."""
    lines = WALDEC.read_text(encoding="cp1252").splitlines()
    header, model = lines[0], lines[1].split(";")
    out = [header]
    for n in range(1, rows + 1):
        fields = list(model)
        fields[0] = f"W03{n:07d}"
        fields[11] = fields[12] = f"ASSOCIATION TEST NUMÉRO {n}"
        out.append(bad.get(n, ";".join(fields)))
    path = tmp_path / "rna_waldec_20241201_dpt_03.csv"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


async def test_a_bad_row_late_in_a_file_is_reported_and_the_others_imported(graph: AsyncDriver, settings: Settings,
                                                                           tmp_path: Path) -> None:
    path = _waldec_rows(tmp_path, 30, {28: "W030000028;too;few;fields"})
    summary = await import_rna(graph, settings.neo4j_database, [path], places=await places(graph, settings),
                               batch=4, report=tmp_path / "report.txt")
    lines = summary.lines()
    assert "rows read: 30 (29 associations)" in lines
    assert "rejected rows: 1 (malformed row: 1)" in lines
    assert f"{path}:29: rejected, malformed row: 4 fields where the header has 41" in lines  # line 1 is the header
    assert summary.load is not None
    assert str(summary.load.counts["organizations"]) == "29 created, 0 updated, 0 unchanged"


async def test_bytes_the_encoding_refuses_late_in_a_file_write_nothing(seeded: AsyncDriver, settings: Settings,
                                                                      tmp_path: Path) -> None:
    path = _waldec_rows(tmp_path, 30, {})
    raw = path.read_bytes().replace("NUMÉRO 27".encode(), "NUMÉRO 27".encode("latin-1"))
    path.write_bytes(raw)
    before = await node_count(seeded, settings)
    with pytest.raises(ImportFileError) as caught:
        await import_rna(seeded, settings.neo4j_database, [path], places=await places(seeded, settings),
                         encoding="utf-8", batch=4)
    assert str(caught.value).startswith(f"{path}:28: column titre: byte 0xc9")
    assert await node_count(seeded, settings) == before
