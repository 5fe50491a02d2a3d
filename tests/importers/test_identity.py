"""Identity resolution (graphdir.importers.identity) as any importer meets it: records with `siren`, `siret` and `rna`
only. The RNA-like records here are built by hand in seeds/FORMAT.md's shape, as an RNA importer produces them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from neo4j import AsyncDriver

from graphdir.config import Settings
from graphdir.importers.records import line_dict
from graphdir.importers.siae_import import write_import
from graphdir.importers.sirene_records import import_sirene
from graphdir.importers.summary import ImportSummary
from graphdir.loader import Record
from tests.importers.test_import_sirene import UNITS, read

RNA_FILE = "rna_waldec_2026-01.csv"


def rna_records(*rows: tuple[str, str, str | None]) -> list[Record]:
    """An RNA-like import: (RNA id, title, SIRET or None) per row."""
    records = [Record(RNA_FILE, 1, "sources", 0, line_dict(1, [("id", "src-rna-test-2026-01"),
                                                                ("document", RNA_FILE)]))]
    for index, (rna, title, siret) in enumerate(rows):
        line = index + 2
        records.append(Record(RNA_FILE, line, "organizations", index, line_dict(line, [
            ("id", f"rna-{rna.lower()}" if siret is None else f"siren-{siret[:9]}"), ("name", title),
            ("kind", "ENTERPRISE"), ("family", "ASSOCIATION"), ("classifiedBy", "rna:association"), ("rna", rna),
            ("siren", siret[:9] if siret else None), ("siret", siret),
            ("cited", [line_dict(line, [("source", "src-rna-test-2026-01"), ("excerpt", f"{RNA_FILE} line {line}")])]),
        ])))
    return records


async def import_rna(driver: AsyncDriver, settings: Settings, records: list[Record]) -> ImportSummary:
    summary = ImportSummary(file=RNA_FILE, rows=len(records) - 1)
    return await write_import(driver, settings.neo4j_database, records, summary, dataset="rna", files=[RNA_FILE],
                              dry_run=False, progress=False, report=None)


async def organization(driver: AsyncDriver, settings: Settings, rna: str) -> dict[str, Any]:
    rows = await read(driver, settings, "MATCH (o:Organization {rna: $rna}) RETURN o {.*, sources: "
                      "[(o)-[:CITED_IN]->(s:Source) | s.id]} AS o", rna=rna)
    assert len(rows) == 1
    return dict(rows[0]["o"])


async def test_rna_rows_after_sirene_enrich_the_same_organization(graph: AsyncDriver, settings: Settings,
                                                                  tmp_path: Path) -> None:
    await import_sirene(graph, settings.neo4j_database, UNITS, report=tmp_path / "r.txt")
    summary = await import_rna(graph, settings, rna_records(("W031000001", "ASSOCIATION TEST SOLIDARITE", None)))
    assert summary.matched == {"siren": 0, "siret": 0, "rna": 1}
    assert summary.load is not None and str(summary.load.counts["organizations"]) == (
        "0 created, 1 updated, 0 unchanged")
    found = await organization(graph, settings, "W031000001")
    # The register's name stands (SIRENE ranks above RNA); the association's RNA source is added.
    assert (found["id"], found["name"], found["siren"], found["describedBy"]) == (
        "siren-999100001", "ASSOCIATION TEST SOLIDARITE CUSSET", "999100001", "sirene")
    assert sorted(found["sources"]) == ["src-rna-test-2026-01", "src-sirene-unites-2026-01"]
    again = await import_rna(graph, settings, rna_records(("W031000001", "ASSOCIATION TEST SOLIDARITE", None)))
    assert again.load is not None and not again.load.changed


async def test_sirene_after_rna_takes_the_associations_id(graph: AsyncDriver, settings: Settings,
                                                          tmp_path: Path) -> None:
    await import_rna(graph, settings, rna_records(("W031000001", "ASSOCIATION TEST SOLIDARITE", None)))
    summary = await import_sirene(graph, settings.neo4j_database, UNITS, report=tmp_path / "r.txt")
    assert summary.matched["rna"] == 1
    found = await organization(graph, settings, "W031000001")
    assert (found["id"], found["name"], found["siren"], found["describedBy"]) == (
        "rna-w031000001", "ASSOCIATION TEST SOLIDARITE CUSSET", "999100001", "sirene")
    assert not await read(graph, settings, "MATCH (o:Organization {id: 'siren-999100001'}) RETURN o.id")


async def test_identifiers_of_two_organizations_match_the_siren_first(graph: AsyncDriver, settings: Settings,
                                                                       tmp_path: Path) -> None:
    await import_sirene(graph, settings.neo4j_database, UNITS, report=tmp_path / "r.txt")
    await import_rna(graph, settings, rna_records(("W031000099", "AUTRE ASSOCIATION", None)))
    # A row naming the SIREN of one organization and the RNA id of another: it is the first, the RNA id left out.
    summary = await import_rna(graph, settings, rna_records(("W031000099", "TEST SCOP VICHY", "99910000200012")))
    assert summary.matched == {"siren": 1, "siret": 0, "rna": 0}
    assert f"{RNA_FILE}:2: identifier left out, rna held by another organization: rna W031000099 belongs to " \
           "'rna-w031000099', the row is 'siren-999100002' (matched by siren 999100002)" in summary.lines()
    assert (await organization(graph, settings, "W031000099"))["id"] == "rna-w031000099"
