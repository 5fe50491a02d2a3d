"""`graphdir import rna` on a real Neo4j holding the seeds: the hand-written samples in the graph, re-import, CLI."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from neo4j import AsyncDriver

from graphdir.config import Settings
from graphdir.importers.rna_import import import_rna
from tests.importers.test_import_siae import node_count, places
from tests.importers.test_rna_rows import IMPORT, WALDEC
from tests.loader.test_cli import graphdir


@pytest.fixture
async def graph(seeded: AsyncDriver, settings: Settings) -> AsyncIterator[AsyncDriver]:
    yield seeded
    await seeded.execute_query("MATCH (n) WHERE n:Organization AND n.classifiedBy = 'rna:association' "
                               "OR n:Source AND n.id STARTS WITH 'src-rna-' DETACH DELETE n",
                               database_=settings.neo4j_database)


async def associations(driver: AsyncDriver, settings: Settings) -> dict[str, dict[str, Any]]:
    records, _, _ = await driver.execute_query(
        """MATCH (o:Organization {classifiedBy: 'rna:association'})
           OPTIONAL MATCH (o)-[:LOCATED_IN]->(c:Commune)
           MATCH (o)-[cited:CITED_IN]->(s:Source)
           RETURN o {.id, .name, .rna, .siren, .siret, .kind, .family, .ceased, .ceasedOn, .foundedOn, .website,
                     commune: c.code, source: s.id, excerpt: cited.excerpt} AS o""",
        database_=settings.neo4j_database)
    return {r["o"]["rna"]: r["o"] for r in records}


async def test_the_samples_in_the_graph_then_again_unchanged(graph: AsyncDriver, settings: Settings,
                                                             tmp_path: Path) -> None:
    index = await places(graph, settings)
    summary = await import_rna(graph, settings.neo4j_database, [WALDEC, IMPORT], places=index,
                               report=tmp_path / "report.txt")
    assert summary.load is not None
    assert str(summary.load.counts["organizations"]) == "8 created, 0 updated, 0 unchanged"
    assert str(summary.load.counts["sources"]) == "2 created, 0 updated, 0 unchanged"
    lines = summary.lines()
    assert lines[:2] == ["rows read: 13 (8 associations)", "dissolved, kept and marked ceased: 2"]
    assert "placed: 7 (6 by commune code, 1 by postal code, 0 by name in the département)" in lines
    assert "not placed, imported without a commune: 1 (unknown commune code: 1)" in lines
    assert "rejected rows: 4 (malformed row: 1, no RNA id: 2, repeated RNA id: 1)" in lines
    assert "skipped associations: 1 (deleted from the register: 1)" in lines
    assert f"{WALDEC}:5: skipped, deleted from the register: W031000004: position S" in lines
    found = await associations(graph, settings)
    assert len(found) == 8
    assert found["W031000001"] == {
        "id": "rna-w031000001", "name": "SOCIÉTÉ D'ENTRAIDE TEST DU BOURBONNAIS", "rna": "W031000001", "siren": None,
        "siret": None, "kind": "ENTERPRISE", "family": "ASSOCIATION", "ceased": None, "ceasedOn": None,
        "foundedOn": "2001-05-12", "website": "http://www.exemple-entraide.org", "commune": "03095",
        "source": "src-rna-waldec-2024-12-01", "excerpt": f"{WALDEC.name} line 2"}
    assert (found["W031000002"]["ceased"], found["W031000002"]["ceasedOn"]) == (True, "2019-06-30")
    assert found["W031000003"]["id"] == "siren-998000003"
    assert (found["W031000003"]["siret"], found["W031000003"]["ceased"]) == ("99800000300012", True)
    assert found["W751990001"]["source"] == "src-rna-import-2024-12-01"
    again = await import_rna(graph, settings.neo4j_database, [WALDEC, IMPORT], places=index,
                             report=tmp_path / "report.txt")
    assert again.load is not None and not again.load.changed
    assert again.lines()[-1] == "nothing changed"


async def test_cli_dry_run_then_a_wrong_encoding(seeded: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    before = await node_count(seeded, settings)
    done = graphdir("import", "rna", str(WALDEC), "--dry-run", "--quiet")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:2] == ["dry run: nothing written; an import would give",
                                            "rows read: 11 (7 associations)"]
    done = graphdir("import", "rna", str(WALDEC), "--encoding", "utf-8", "--quiet")
    assert done.returncode == 1
    assert done.stderr == (f"graphdir import: {WALDEC}:2: column titre: byte 0xc9 at byte 72 of the line is not "
                           "UTF-8 (a latin-1 file? declare its encoding latin-1, or convert it with iconv -f latin1 "
                           "-t utf-8); nothing written\n")
    assert await node_count(seeded, settings) == before


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    import zipfile

    text = WALDEC.read_bytes()
    commas = tmp_path / "rna_waldec_20241201_commas.csv"
    commas.write_bytes(text.replace(b";", b","))
    missing = tmp_path / "rna_waldec_20241201_missing.csv"
    missing.write_bytes(text.replace(b"adrs_codeinsee;", b"code_insee;", 1))
    utf8 = tmp_path / "rna_waldec_20241201_utf8.csv"
    utf8.write_bytes(text.decode("cp1252").encode("utf-8"))
    whole = tmp_path / "whole.zip"
    with zipfile.ZipFile(whole, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(WALDEC, WALDEC.name)
    cut = tmp_path / "rna_waldec_20241201.zip"
    cut.write_bytes(whole.read_bytes()[:-40])
    return {
        "wrong delimiter": (commas, f"{commas}:1: the header is a single column: expected ';'-separated columns (it "
                                    "looks ','-separated)"),
        "missing required column": (missing, f"{missing}:1: column adrs_codeinsee: required columns of the RNA "
                                             "waldec format missing"),
        "wrong encoding": (utf8, f"{utf8}:2: column titre: the line's bytes are UTF-8"),
        "truncated zip": (cut, f"{cut}: a zip that cannot be opened (truncated or damaged"),
    }


@pytest.mark.parametrize("case", ["wrong delimiter", "missing required column", "wrong encoding", "truncated zip"])
async def test_a_bad_file_is_one_error_naming_it_and_nothing_is_written(seeded: AsyncDriver, settings: Settings,
                                                                       tmp_path: Path, case: str) -> None:
    from graphdir.importers.csvfile import ImportFileError

    path, message = _bad_files(tmp_path)[case]
    before = await node_count(seeded, settings)
    encoding = "cp1252" if case == "wrong encoding" else "auto"
    with pytest.raises(ImportFileError) as caught:
        await import_rna(seeded, settings.neo4j_database, [path, IMPORT], places=await places(seeded, settings),
                         encoding=encoding)
    assert str(caught.value).startswith(message)
    assert await node_count(seeded, settings) == before
