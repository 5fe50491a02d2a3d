"""`graphdir import sheet FILE --mapping M.yaml` on a real Neo4j holding the seeds: CSV and XLSX member lists."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from neo4j import AsyncDriver

from graphdir.config import Settings
from graphdir.importers.csvfile import ImportFileError
from graphdir.importers.mapping import Mapping
from graphdir.importers.sheet_import import import_sheet
from tests.importers.test_import_siae import node_count, places
from tests.loader.test_cli import graphdir

SHEETS = Path(__file__).parent / "fixtures" / "sheets"
MEMBERS, MEMBERS_MAPPING = SHEETS / "cress-membres-2024.csv", SHEETS / "cress-membres-2024.mapping.yaml"
XLSX, XLSX_MAPPING = SHEETS / "membres-2024.xlsx", SHEETS / "membres-2024.mapping.yaml"
GOGOCARTO, GOGOCARTO_MAPPING = SHEETS / "gogocarto-export.csv", SHEETS / "gogocarto-export.mapping.yaml"


@pytest.fixture
async def graph(seeded: AsyncDriver, settings: Settings) -> AsyncIterator[AsyncDriver]:
    yield seeded
    await seeded.execute_query("MATCH (n) WHERE n:Organization AND any(s IN [(n)-[:CITED_IN]->(s:Source) | s.id] "
                               "WHERE s STARTS WITH 'src-sheet-') OR n:Source AND n.id STARTS WITH 'src-sheet-' "
                               "DETACH DELETE n", database_=settings.neo4j_database)


async def run(driver: AsyncDriver, settings: Settings, path: Path, mapping: Path, tmp_path: Path,
              **options: Any) -> Any:
    return await import_sheet(driver, settings.neo4j_database, path, mapping, places=await places(driver, settings),
                              report=tmp_path / "report.txt", **options)


async def members(driver: AsyncDriver, settings: Settings, source: str) -> dict[str, dict[str, Any]]:
    records, _, _ = await driver.execute_query(
        """MATCH (o:Organization)-[cited:CITED_IN]->(:Source {id: $source})
           OPTIONAL MATCH (o)-[:LOCATED_IN]->(c:Commune)
           OPTIONAL MATCH (o)-[m:MEMBER_OF]->(chamber:Organization)
           RETURN o {.id, .name, .siren, .siret, .rna, .kind, .family, .classifiedBy, .website, commune: c.code,
                     memberOf: chamber.id, role: m.role, excerpt: cited.excerpt} AS o""",
        source=source, database_=settings.neo4j_database)
    return {r["o"]["name"]: r["o"] for r in records}


async def test_a_chamber_member_list(graph: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    summary = await run(graph, settings, MEMBERS, MEMBERS_MAPPING, tmp_path)
    assert summary.load is not None
    assert str(summary.load.counts["organizations"]) == "4 created, 0 updated, 0 unchanged"
    assert str(summary.load.counts["relations"]) == "4 created, 0 updated, 0 unchanged"
    lines = summary.lines()
    assert "rows read: 8 (4 organizations)" in lines
    assert "members of cres-auvergne: 4" in lines
    assert "without SIREN, SIRET or RNA id (kept under a name id): 1" in lines
    assert ("rejected rows: 4 (SIRET and SIREN disagree: 1, family not classified: 1, no name: 1, repeated "
            "organization: 1)") in lines
    assert f"{MEMBERS}:6: rejected, family not classified: Famille 'Autre' is not in the mapping's families" in lines
    found = await members(graph, settings, "src-sheet-cress-membres-2024")
    assert found["Coopérative Test du Bassin"] == {
        "id": "siren-997000001", "name": "Coopérative Test du Bassin", "siren": "997000001", "siret": "99700000100015",
        "rna": None, "kind": "ENTERPRISE", "family": "COOPERATIVE",
        "classifiedBy": "sheet:cress-membres-2024.mapping.yaml:families:Coopérative",
        "website": "https://coop-test.example.org", "commune": "03095", "memberOf": "cres-auvergne",
        "role": "adhérent", "excerpt": "cress-membres-2024.csv line 2"}
    quarters = found["Association Test des Quartiers"]
    assert (quarters["id"], quarters["commune"], quarters["website"]) == (
        "rna-w031000001", "03310", "http://www.quartiers-test.example.org")
    assert found["Mutuelle Test Bourbonnaise"]["id"] == "siren-997000002"
    unidentified = found["Entreprise Test Sans Identifiant"]
    assert (unidentified["id"], unidentified["family"], unidentified["classifiedBy"], unidentified["commune"]) == (
        "sheet-entreprise-test-sans-identifiant-03236", "ASSOCIATION", "siae-legal-form:association", "03236")
    assert "Doublon Test du Bassin" not in found
    assert f"{MEMBERS}:8: rejected, repeated organization: siren-997000001 is already at line 2" in lines
    again = await run(graph, settings, MEMBERS, MEMBERS_MAPPING, tmp_path)
    assert again.load is not None and not again.load.changed


async def test_an_xlsx_workbook_and_a_gogocarto_export(graph: AsyncDriver, settings: Settings,
                                                       tmp_path: Path) -> None:
    summary = await run(graph, settings, XLSX, XLSX_MAPPING, tmp_path)
    lines = summary.lines()
    assert "rows read: 3 (2 organizations)" in lines
    assert f"{XLSX}!Adhérents:5: rejected, malformed row: 1 values beyond the header's 5 columns" in lines
    assert any(line.startswith(f"{XLSX}!Adhérents:3: not placed, invalid postal code: '3300'") for line in lines)
    found = await members(graph, settings, "src-sheet-membres-2024")
    assert (found["Scop Test du Numérique"]["siret"], found["Scop Test du Numérique"]["commune"]) == (
        "99700000700014", "03095")
    assert found["Association Test Zéro"]["siret"] == "09970000080001"
    summary = await run(graph, settings, GOGOCARTO, GOGOCARTO_MAPPING, tmp_path)
    assert "rows read: 2 (2 organizations)" in summary.lines()
    found = await members(graph, settings, "src-sheet-gogocarto-export")
    assert (found["Recyclerie Test"]["family"], found["Recyclerie Test"]["memberOf"]) == ("ESS_COMPANY", None)
    assert found["Épicerie Test Solidaire"]["commune"] == "03310"


async def test_a_mapping_naming_an_absent_column_writes_nothing(seeded: AsyncDriver, settings: Settings,
                                                               tmp_path: Path) -> None:
    mapping = tmp_path / "wrong.mapping.yaml"
    text = MEMBERS_MAPPING.read_text(encoding="utf-8")
    mapping.write_text(text.replace("postal_code: CP", "postal_code: Code postal"), encoding="utf-8")
    before = await node_count(seeded, settings)
    with pytest.raises(ImportFileError) as caught:
        await run(seeded, settings, MEMBERS, mapping, tmp_path)
    assert (caught.value.file, caught.value.column) == (str(mapping), "Code postal")
    assert str(caught.value).startswith(f"{mapping}: column Code postal: key columns.postal_code: column 'Code postal' "
                                        f"is not in the header of {MEMBERS} (it has: Raison sociale, SIRET, ")
    done = graphdir("import", "sheet", str(MEMBERS), "--mapping", str(mapping), "--quiet")
    assert done.returncode == 1
    assert "column 'Code postal' is not in the header of" in done.stderr and done.stderr.endswith("nothing written\n")
    assert await node_count(seeded, settings) == before


async def test_a_member_of_the_graph_does_not_hold(seeded: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    mapping = tmp_path / "m.yaml"
    mapping.write_text(MEMBERS_MAPPING.read_text(encoding="utf-8").replace("member_of: cres-auvergne",
                                                                           "member_of: cress-atlantide"),
                       encoding="utf-8")
    with pytest.raises(ImportFileError, match="key member_of: no organization 'cress-atlantide' in the graph"):
        await run(seeded, settings, MEMBERS, mapping, tmp_path)


@pytest.mark.parametrize(("text", "message"), [
    ("columns: {siret: SIRET}", "key columns: expected a mapping naming at least the column of `name`"),
    ("dataset: x\ncolumns: {name: N, phone: T}", "key columns.phone: unknown"),
    ("dataset: x\ncolumns: {name: N}\nfamily: CHARITY", "key family: 'CHARITY' is not one of ASSOCIATION"),
    ("dataset: x\ncolumns: {name: N, family: F}", "key families: columns.family needs the table"),
    ("dataset: x\ncolumns: {name: N}\nencoding: utf8", "key encoding: 'utf8' is not one of"),
    ("dataset: x\ncolumns: {name: N}\nmembers_of: a", "unknown key 'members_of'"),
    ("columns: {name: N}", "key dataset: required"),
    ("- a\n- b", "the mapping must be a YAML mapping"),
])
def test_mapping_errors_name_the_file_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        Mapping.read(path)
    assert caught.value.file == str(path)
    assert message in str(caught.value)
