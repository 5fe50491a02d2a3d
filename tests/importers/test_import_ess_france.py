"""`graphdir import ess-france` on a real Neo4j holding the seeds: the hand-written sample in the list's format, a
re-import, a SIREN that SIRENE imported first, bad files, and the command as an admin runs it."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from neo4j import AsyncDriver

from graphdir.config import Settings
from graphdir.importers.batches import BATCH
from graphdir.importers.errors import ImportFileError
from graphdir.importers.ess_france import classify_family
from graphdir.importers.ess_france_import import import_ess_france
from graphdir.importers.sirene_records import import_sirene
from tests.importers.test_import_siae import node_count
from tests.importers.test_import_sirene import SITES, UNITS
from tests.loader.test_cli import graphdir

SAMPLE = Path(__file__).parent / "fixtures" / "ess-france" / "liste-entreprises-ess-2026-03.csv"


async def enterprises(driver: AsyncDriver, settings: Settings) -> dict[str, dict[str, Any]]:
    records, _, _ = await driver.execute_query("""
        MATCH (o:Organization) WHERE o.siren STARTS WITH '9994' OR o.siren STARTS WITH '0994'
           OR o.siren = '999100002'
        RETURN o {.id, .name, .siren, .kind, .family, .classifiedBy, .describedBy,
                  commune: [(o)-[:LOCATED_IN]->(c:Commune) | c.code][0],
                  sites: size([(o)-[:HAS_SITE]->(e) | e]),
                  sources: [(o)-[r:CITED_IN]->(s:Source) | s.id + ' ' + r.excerpt]} AS o""",
        database_=settings.neo4j_database)
    return {record["o"]["siren"]: record["o"] for record in records}


@pytest.mark.parametrize(("value", "family"), [
    ("Associations", "ASSOCIATION"), ("Coopérative", "COOPERATIVE"), ("MUTUELLES", "MUTUAL"),
    ("Fondations", "FOUNDATION"), ("Sociétés commerciales de l'ESS", "ESS_COMPANY"),
    ("Entreprise commerciale de l’ESS", "ESS_COMPANY"), ("Entreprises individuelles", None), ("", None),
])
def test_families(value: str, family: str | None) -> None:
    found = classify_family(value)
    assert (found.family if found else None) == family


# Written in batches as it is read: one batch for the sample, or batches of 3 enterprises (of 8).
IN_BATCHES = pytest.mark.parametrize("batch", [BATCH, 3], ids=["one batch", "batches of 3"])


@IN_BATCHES
async def test_the_sample_then_again_unchanged(graph: AsyncDriver, settings: Settings, tmp_path: Path,
                                               batch: int) -> None:
    summary = await import_ess_france(graph, settings.neo4j_database, SAMPLE, report=tmp_path / "report.txt",
                                      batch=batch)
    lines = summary.lines()
    assert lines[0] == "rows read: 13 (8 enterprises, one per SIREN)"
    assert "sources: 1 created, 0 updated, 0 unchanged" in lines
    assert "organizations: 8 created, 0 updated, 0 unchanged" in lines
    assert ("placed: 5 (5 by postal code, 0 by name in the département); 1 of them by commune history (a former "
            "commune's code or name)") in lines
    assert ("not placed, imported without a commune: 3 (name not found: 1, no place given: 1, rows in several "
            "communes: 1)") in lines
    assert "rejected rows: 3 (family not classified: 1, invalid SIREN: 1, no name: 1)" in lines
    assert any(line.startswith(f"{SAMPLE}:9: rejected, family not classified: ") and "'Entreprises individuelles'"
               in line for line in lines)
    found = await enterprises(graph, settings)
    assert {siren: (o["family"], o["commune"]) for siren, o in found.items()} == {
        "999400001": ("ASSOCIATION", "03095"),
        "099400002": ("COOPERATIVE", "03310"),     # written 99400002: padded to 9 digits
        "999400003": ("MUTUAL", None),             # rows in Cusset and Clermont-Ferrand: no commune picked
        "999400004": ("FOUNDATION", "03264"),      # postal code 3270 for 03270
        "999400005": ("ESS_COMPANY", "95306"),     # HERBLAY: Herblay-sur-Seine since 2018
        "999400008": ("ASSOCIATION", None),
        "999400009": ("ASSOCIATION", None),
        "999100002": ("COOPERATIVE", "03310"),
    }
    scop = found["099400002"]
    assert (scop["id"], scop["kind"], scop["classifiedBy"], scop["describedBy"]) == (
        "siren-099400002", "ENTERPRISE", "ess-france-family:cooperative", "ess-france")
    assert scop["sources"] == [f"src-ess-france-2026-03 {SAMPLE.name} lines 3, 4"]
    again = await import_ess_france(graph, settings.neo4j_database, SAMPLE, report=tmp_path / "report.txt",
                                    batch=batch)
    assert again.lines()[-1] == "nothing changed"
    assert "organizations: 0 created, 0 updated, 8 unchanged" in again.lines()


@IN_BATCHES
async def test_a_unit_sirene_imported_is_enriched(graph: AsyncDriver, settings: Settings, tmp_path: Path,
                                                  batch: int) -> None:
    await import_sirene(graph, settings.neo4j_database, UNITS, SITES, report=tmp_path / "report.txt")
    before = (await enterprises(graph, settings))["999100002"]
    summary = await import_ess_france(graph, settings.neo4j_database, SAMPLE, report=tmp_path / "report.txt",
                                      batch=batch)
    lines = summary.lines()
    assert "already in the graph: 1 (by SIREN 1, by SIRET 0, by RNA 0), 0 of them curated" in lines
    assert "enterprises whose establishments the graph holds, placed by them (not by the list): 1" in lines
    records, _, _ = await graph.execute_query("MATCH (o:Organization {siren: '999100002'}) RETURN count(o) AS n",
                                              database_=settings.neo4j_database)
    assert records[0]["n"] == 1
    after = (await enterprises(graph, settings))["999100002"]
    # SIRENE ranks above the list: its description stays; the organization is where its establishments are
    assert {k: after[k] for k in ("id", "name", "family", "classifiedBy", "describedBy", "commune", "sites")} == {
        k: before[k] for k in ("id", "name", "family", "classifiedBy", "describedBy", "commune", "sites")}
    assert after["commune"] is None and after["sites"] > 0
    assert sorted(source.split()[0] for source in after["sources"]) == ["src-ess-france-2026-03",
                                                                        "src-sirene-unites-2026-01"]


@pytest.mark.parametrize(("content", "message"), [
    ("SIREN;Nom ou raison sociale de l'entreprise;Code postal;Libellé de la commune de l'établissement\n"
     "999400001;X;03300;CUSSET\n", "column Famille juridique de l'entreprise: required column missing"),
    ("SIREN\tNom ou raison sociale de l'entreprise\tFamille juridique de l'entreprise\n999400001\tX\tAssociations\n",
     "the header is a single column: expected ','-separated columns (it looks tab-separated)"),
    ("", "empty file"),
])
async def test_a_bad_file_writes_nothing(graph: AsyncDriver, settings: Settings, tmp_path: Path, content: str,
                                         message: str) -> None:
    path = tmp_path / "liste-ess-2026-03.csv"
    path.write_text(content, encoding="utf-8")
    before = await node_count(graph, settings)
    with pytest.raises(ImportFileError, match=re.escape(message)):
        await import_ess_france(graph, settings.neo4j_database, path)
    assert await node_count(graph, settings) == before


async def test_a_truncated_zip_writes_nothing(graph: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    whole = tmp_path / "whole.zip"
    with zipfile.ZipFile(whole, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(SAMPLE, SAMPLE.name)
    cut = tmp_path / "liste-ess-2026-03.zip"
    cut.write_bytes(whole.read_bytes()[:-40])
    before = await node_count(graph, settings)
    with pytest.raises(ImportFileError, match="truncated or damaged"):
        await import_ess_france(graph, settings.neo4j_database, cut)
    assert await node_count(graph, settings) == before


async def test_as_an_admin_runs_it(graph: AsyncDriver, settings: Settings) -> None:
    before = await node_count(graph, settings)
    done = graphdir("import", "ess-france", str(SAMPLE), "--dry-run", "--quiet")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:2] == ["dry run: nothing written; an import would give",
                                            "rows read: 13 (8 enterprises, one per SIREN)"]
    assert await node_count(graph, settings) == before
    two = graphdir("import", "ess-france", str(SAMPLE), str(SAMPLE), "--quiet")
    assert (two.returncode, two.stderr) == (1, "graphdir import ess-france: takes one file, got 2; nothing written\n")
