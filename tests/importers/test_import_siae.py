"""`graphdir import siae` on a real Neo4j holding the seeds: a hand-written sample, bad files, then the real list."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from neo4j import AsyncDriver

from graphdir.api.context import Context
from graphdir.api.schema import schema
from graphdir.config import Settings
from graphdir.importers.csvfile import ImportFileError
from graphdir.importers.places import PlaceIndex
from graphdir.importers.siae_import import import_siae
from graphdir.importers.summary import ImportSummary
from tests.importers.open_data import SIAE_2019_07, real_file
from tests.importers.test_places_real_file import cog_communes, plain
from tests.importers.test_places_real_file import departement as departement_of_row

SAMPLE = Path(__file__).parent / "fixtures" / "siae-2024-01.csv"
COG = Path(__file__).resolve().parents[2] / "seeds" / "territories" / "communes.jsonl"
_places: list[PlaceIndex] = []


async def places(driver: AsyncDriver, settings: Settings) -> PlaceIndex:
    """The graph's communes, read once (what an import reads when it is given no index)."""
    if not _places:
        _places.append(await PlaceIndex.from_graph(driver, settings.neo4j_database))
    return _places[0]


async def run_import(driver: AsyncDriver, settings: Settings, path: Path, tmp_path: Path,
                     **options: Any) -> ImportSummary:
    return await import_siae(driver, settings.neo4j_database, path, places=await places(driver, settings),
                             report=tmp_path / "report.txt", **options)


async def establishments(driver: AsyncDriver, settings: Settings) -> dict[str, dict[str, Any]]:
    """The sample's establishments by SIRET, each with its commune, citation and organization."""
    records, _, _ = await driver.execute_query(
        """MATCH (o:Organization)-[:HAS_SITE]->(e:Establishment) WHERE e.siret STARTS WITH '999'
           OPTIONAL MATCH (e)-[:LOCATED_IN]->(c:Commune)
           MATCH (e)-[cited:CITED_IN]->(s:Source)
           RETURN e {.*, commune: c.code, source: s.id, excerpt: cited.excerpt,
                     organization: o {.*, sources: [(o)-[r:CITED_IN]->(x:Source) | [x.id, r.excerpt]]}} AS e""",
        database_=settings.neo4j_database)
    return {r["e"]["siret"]: r["e"] for r in records}


async def node_count(driver: AsyncDriver, settings: Settings) -> int:
    records, _, _ = await driver.execute_query("MATCH (n) RETURN count(n) AS n", database_=settings.neo4j_database)
    return int(records[0]["n"])


async def test_the_sample_in_the_graph(graph: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    summary = await run_import(graph, settings, SAMPLE, tmp_path, url="https://example.org/siae")
    assert (summary.rows, summary.establishments) == (16, 13)
    assert summary.organizations == 12  # 999000002 runs two establishments: one organization
    assert summary.load is not None
    assert str(summary.load.counts["organizations"]) == "12 created, 0 updated, 0 unchanged"
    assert str(summary.load.counts["establishments"]) == "13 created, 0 updated, 0 unchanged"
    assert str(summary.load.counts["sources"]) == "1 created, 0 updated, 0 unchanged"
    assert (summary.placed, summary.placed_by_postal_code) == (12, 10)
    assert dict(summary.not_placed) == {"name not found": 1}
    assert dict(summary.rejected) == {"invalid SIRET": 1, "legal form not classified": 1}
    lines = summary.lines()
    assert "rows read: 16 (12 organizations, one per SIREN; 13 establishments, one per SIRET)" in lines
    assert "placed: 12 (10 by postal code, 2 by name in the département)" in lines
    assert "not placed, imported without a commune: 1 (name not found: 1)" in lines
    assert "rejected rows: 2 (invalid SIRET: 1, legal form not classified: 1)" in lines
    assert any(line.startswith(f"{SAMPLE}:14: rejected, invalid SIRET: SIRET '12345'") for line in lines)
    assert any(line.startswith(f"{SAMPLE}:13: not placed, name not found: 03300 serves no commune") for line in lines)
    assert any(line.startswith(f"{SAMPLE}:7: placed by département, 03310 Vichy: 03201 is the postal code of no "
                               "commune") for line in lines)

    found = await establishments(graph, settings)
    communes = {siret: e["commune"] for siret, e in found.items()}
    assert communes == {
        "99900000100011": "03095",  # Cusset
        "99900000200010": "03264",  # ST YORRE
        "99900000300019": "03306",  # LE VERNET, among the three communes of 03200
        "99900000400018": "03001",  # ABREST under Cusset's postal code
        "99900000500017": "03310",  # VICHY CEDEX
        "99900000600016": "95313",  # L ISLE ADAM
        "99900000700015": "02565",  # OEUILLY, Œuilly
        "99900000800014": "75056",  # PARIS 15
        "99900000900013": "69123",  # LYON 03
        "99900001000019": "13055",  # MARSEILLE 13
        "99900001100018": None,     # VILLE IMAGINAIRE: imported, not placed
        "99900001300016": "03236",  # ST GERMAIN DES FOSSES
        "99900000200028": "03310",  # a second site of 999000002, in Vichy
    }
    cusset = found["99900000100011"]
    assert (cusset["id"], cusset["address"]) == ("siret-99900000100011", "1 Rue DES ESSAIS, 03300 CUSSET")
    assert (cusset["source"], cusset["excerpt"]) == ("src-siae-2024-01", "siae-2024-01.csv line 2 (ACI), line 3 (EI)")
    assert cusset["locationApproximate"] is True and cusset["location"] is not None
    assert cusset["headOffice"] is False  # the SIAE list does not say which establishment is the seat
    unit = cusset["organization"]
    assert (unit["id"], unit["slug"], unit["siren"]) == ("siren-999000001", "atelier-test-cusset-999000001",
                                                         "999000001")
    assert (unit["kind"], unit["family"], unit["classifiedBy"]) == ("ENTERPRISE", "ASSOCIATION",
                                                                     "siae-legal-form:association")
    assert (unit["legalForm"], unit["insertionMeasures"], unit["describedBy"]) == (
        "Association déclarée", ["ACI", "EI"], "siae")
    assert "location" not in unit and "siret" not in unit  # placed through its establishments
    assert unit["sources"] == [["src-siae-2024-01", "siae-2024-01.csv line 2 (ACI), line 3 (EI)"]]
    assert "location" not in found["99900001100018"]
    two = found["99900000200010"]["organization"]
    assert two == found["99900000200028"]["organization"] and two["siren"] == "999000002"
    assert two["sources"] == [["src-siae-2024-01", "siae-2024-01.csv line 4 (ETTI), line 17 (ETTI)"]]
    family = {siret: e["organization"].get("family") for siret, e in found.items()}
    assert (family["99900000200010"], family["99900000800014"]) == ("COOPERATIVE", "COOPERATIVE")
    assert family["99900000400018"] == "ESS_COMPANY"
    assert (found["99900000500017"]["organization"]["kind"], family["99900000500017"]) == ("MUNICIPALITY", None)
    assert (family["99900000700015"], family["99900000900013"]) == ("FOUNDATION", "MUTUAL")
    records, _, _ = await graph.execute_query("MATCH (s:Source {id: 'src-siae-2024-01'}) RETURN s {.*} AS s",
                                              database_=settings.neo4j_database)
    source = records[0]["s"]
    assert (source["document"], source["url"], source["publishedOn"]) == ("siae-2024-01.csv",
                                                                          "https://example.org/siae", "2024-01")

    again = await run_import(graph, settings, SAMPLE, tmp_path, url="https://example.org/siae")
    assert again.load is not None and not again.load.changed
    assert str(again.load.counts["organizations"]) == "0 created, 0 updated, 12 unchanged"
    assert str(again.load.counts["establishments"]) == "0 created, 0 updated, 13 unchanged"
    assert "already in the graph: 12 (by SIREN 12, by SIRET 0, by RNA 0), 0 of them curated" in again.lines()
    assert again.lines()[-1] == "nothing changed"


async def test_a_dry_run_writes_nothing(graph: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    before = await node_count(graph, settings)
    summary = await run_import(graph, settings, SAMPLE, tmp_path, dry_run=True)
    assert summary.load is not None and summary.load.counts["establishments"].created == 13
    assert summary.lines()[0] == "dry run: nothing written; an import would give"
    assert await node_count(graph, settings) == before


def variant(tmp_path: Path, name: str, transform: Any, encoding: str = "utf-8") -> Path:
    text = SAMPLE.read_text(encoding="utf-8")
    path = tmp_path / name
    path.write_bytes(transform(text).encode(encoding))
    return path


@pytest.mark.parametrize(("name", "transform", "encoding", "message"), [
    ("siae-2024-02.csv", lambda text: text.replace(";", ","), "utf-8",
     ":1: the header is a single column: expected ';'-separated columns (it looks ','-separated)"),
    ("siae-2024-03.csv", lambda text: "\n".join(";".join(line.split(";")[:4] + line.split(";")[5:])
                                                for line in text.splitlines()), "utf-8",
     ":1: column COMMUNE: required column missing from the header"),
    ("siae-2024-04.csv", lambda text: text, "latin-1",
     ":2: column NATURE_JURIDIQUE: byte 0xe9 at byte 48 of the line is not UTF-8"),
])
async def test_bad_files_write_nothing(graph: AsyncDriver, settings: Settings, tmp_path: Path, name: str,
                                       transform: Any, encoding: str, message: str) -> None:
    path = variant(tmp_path, name, transform, encoding)
    before = await node_count(graph, settings)
    with pytest.raises(ImportFileError) as caught:
        await run_import(graph, settings, path, tmp_path)
    assert str(caught.value).startswith(f"{path}{message}")
    assert await node_count(graph, settings) == before


async def test_a_file_without_an_edition(graph: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    path = variant(tmp_path, "liste.csv", lambda text: text)
    with pytest.raises(ImportFileError, match="does not give its edition"):
        await run_import(graph, settings, path, tmp_path)
    summary = await run_import(graph, settings, path, tmp_path, edition="2024-05", dry_run=True)
    assert summary.establishments == 13


NEAR = """query($near: NearInput!) {
  partnersNear(near: $near, radiusKm: 20, first: 100) {
    totalCount edges { distanceKm site { siret } node { siren name family } } }
}"""



async def test_the_real_list_then_partners_near_cusset(graph: AsyncDriver, settings: Settings,
                                                       tmp_path: Path) -> None:
    path = real_file(SIAE_2019_07)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    summary = await run_import(graph, settings, path, tmp_path)
    assert summary.rows == len(rows) == 3932
    assert summary.establishments == len({row["SIRET"] for row in rows})
    assert summary.load is not None
    assert summary.load.counts["establishments"].created == summary.establishments
    assert summary.load.counts["organizations"].created == summary.organizations == len(
        {row["SIRET"][:9] for row in rows})
    assert summary.placed + sum(summary.not_placed.values()) == summary.establishments
    assert not summary.rejected
    print("\n" + "\n".join(line for line in summary.lines() if not line.startswith(str(path))))

    # Every placed establishment of the graph is in the commune its row names, by the COG (tests/importers/
    # test_places_real_file.py's plainer folding, not the importer's).
    records, _, _ = await graph.execute_query(
        "MATCH (:Organization)-[:HAS_SITE]->(e:Establishment)-[:LOCATED_IN]->(c:Commune) "
        "RETURN collect([e.siret, c.code]) AS placed", database_=settings.neo4j_database)
    placed = dict(records[0]["placed"])
    assert len(placed) == summary.placed
    cog = cog_communes()
    wrong = []
    for line, row in enumerate(rows, 2):
        code = placed.get(row["SIRET"])
        if code is None:
            continue
        names, postal_codes, its_departement = cog[code]
        where = row["CODE_POSTAL"] in postal_codes or its_departement == departement_of_row(row["CODE_DEPARTEMENT"])
        if not where or plain(row["COMMUNE"]) not in {plain(name) for name in names}:
            wrong.append((line, row["CODE_POSTAL"], row["COMMUNE"], code, names))
    assert wrong == []
    assert summary.placed == summary.establishments  # the communes renamed or merged since 2019 by their history

    context = Context(driver=graph, database=settings.neo4j_database)
    result = await schema.execute(NEAR, variable_values={"near": {"communeCode": "03095"}}, context_value=context)
    assert result.errors is None and result.data is not None
    edges = result.data["partnersNear"]["edges"]
    distances = [edge["distanceKm"] for edge in edges]
    assert distances == sorted(distances) and distances[-1] <= 20.0
    assert result.data["partnersNear"]["totalCount"] == len(edges) == len({edge["node"]["siren"] for edge in edges})
    # Cusset's own SIAE come first (at its centre), then those of Vichy and around (the Allier, and the Puy-de-Dôme
    # within 20 km): every answer is a structure of the list, found at one of its establishments.
    in_cusset = {row["SIRET"][:9] for row in rows if row["CODE_POSTAL"] == "03300"}
    in_vichy = {row["SIRET"][:9] for row in rows if row["CODE_POSTAL"] == "03200"}
    sirens = [edge["node"]["siren"] for edge in edges]
    assert in_cusset and {edge["node"]["siren"] for edge in edges if edge["distanceKm"] == 0} == in_cusset
    assert in_vichy and in_vichy <= set(sirens)
    by_siret = {row["SIRET"]: row for row in rows}
    assert all(edge["site"]["siret"][:9] == edge["node"]["siren"] and edge["site"]["siret"] in by_siret
               for edge in edges)


async def test_a_curated_organization_holding_a_siret_or_siren_is_enriched(
        graph: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    curated = tmp_path / "curated.yaml"
    curated.write_text("organizations:\n"
                       "  - {id: test-import-curated, name: Test Curated Atelier, kind: ENTERPRISE,\n"
                       "     family: COOPERATIVE, siret: '99900000100011'}\n"
                       "  - {id: test-import-curated-2, name: Test Curated Fondation, kind: ENTERPRISE,\n"
                       "     siren: '999000007'}\n", encoding="utf-8")
    from graphdir.loader import load_paths

    await load_paths(graph, settings.neo4j_database, [curated])
    summary = await run_import(graph, settings, SAMPLE, tmp_path)
    assert summary.matched == {"siren": 1, "siret": 1, "rna": 0} and summary.enriched_curated == 2
    assert summary.load is not None and str(summary.load.counts["organizations"]) == (
        "10 created, 2 updated, 0 unchanged")
    lines = summary.lines()
    assert f"{SAMPLE}:2: curated value kept, name: organization 'test-import-curated': name stays 'Test Curated " \
           "Atelier' (the file says 'ATELIER TEST CUSSET')" in lines
    assert f"{SAMPLE}:2: curated value kept, family: organization 'test-import-curated': family stays " \
           "'COOPERATIVE' (the file says 'ASSOCIATION')" in lines
    found = await establishments(graph, settings)
    atelier = found["99900000100011"]["organization"]
    assert (atelier["id"], atelier["name"], atelier["family"], atelier["siren"]) == (
        "test-import-curated", "Test Curated Atelier", "COOPERATIVE", "999000001")
    assert (atelier["legalForm"], atelier["insertionMeasures"]) == ("Association déclarée", ["ACI", "EI"])
    assert "classifiedBy" not in atelier and "describedBy" not in atelier  # still curated
    assert found["99900000700015"]["organization"]["id"] == "test-import-curated-2"
    again = await run_import(graph, settings, SAMPLE, tmp_path)
    assert again.load is not None and not again.load.changed


async def test_many_row_details_go_to_a_report_file(graph: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    header, *_ = SAMPLE.read_text(encoding="utf-8").splitlines()
    rows = [f"ACI;003;ALLIER;03300;VILLE {n};8899B;Association déclarée ;99900{n:04d}00011;TEST LOIN {n};;;;;"
            for n in range(25)]
    path = tmp_path / "siae-2024-07.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    summary = await run_import(graph, settings, path, tmp_path, dry_run=True)
    report = tmp_path / "report.txt"
    assert summary.report_file == report
    assert f"details of 25 rows in {report}" in summary.lines()
    assert not any(line.startswith(str(path)) for line in summary.lines())
    written = report.read_text(encoding="utf-8").splitlines()
    assert len(written) == 25 and written[0].startswith(f"{path}:2: not placed, name not found: 03300 serves no")


async def test_the_graphs_communes_place_rows_as_the_cog_files_do(graph: AsyncDriver, settings: Settings) -> None:
    # The import reads its place index from the graph, so an installed graphdir needs no seed files.
    from_graph = await PlaceIndex.from_graph(graph, settings.neo4j_database)
    from_files = PlaceIndex.from_jsonl(COG)
    for postal_code, name, departement in (("03270", "ST YORRE", "003"), ("75015", "PARIS 15", "075"),
                                           ("03201", "VICHY CEDEX", "003"), ("97500", "ST PIERRE", "975")):
        assert from_graph.resolve(postal_code, name, departement) == from_files.resolve(postal_code, name, departement)
    assert from_graph.by_postal_code.keys() == from_files.by_postal_code.keys()
