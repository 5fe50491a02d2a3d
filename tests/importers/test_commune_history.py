"""An old commune code or name placed in today's commune, by the history the territory seed carries (formerCodes,
formerNames: seeds/territories/README.md), and an ambiguous one reported, never guessed.

The codes and names were checked by hand against @etalab/decoupage-administratif: in 6.0.0, 01126 (Lancrans) is in
the `anciensCodes` of Valserhône 01033, whose commune déléguée 01033 is Bellegarde-sur-Valserine; 93059
(Pierrefitte-sur-Seine) is a commune déléguée of Saint-Denis 93066; 55273 (Lamarche-en-Woëvre) is a commune associée
of Nonsard-Lamarche 55386 and an `anciensCodes` of Heudicourt-sous-les-Côtes 55245, and 60455 (La Neuville-Garnier) a
commune déléguée of Les Hauts-Talican 60694 and an `anciensCodes` of Beaumont-les-Nonains 60054 (both share the postal
code); in 0.7.0's historique-communes.json, Herblay (95306) became Herblay-sur-Seine on 2018-11-08.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from neo4j import AsyncDriver

from graphdir.config import Settings
from graphdir.importers.commune_codes import place_by_code
from graphdir.importers.places import PlaceIndex, Unplaced
from graphdir.importers.rna_import import import_rna
from graphdir.importers.siae_import import import_siae
from graphdir.importers.sirene_records import import_sirene

COG = Path(__file__).resolve().parents[2] / "seeds" / "territories" / "communes.jsonl"
SAMPLES = Path(__file__).parent / "fixtures" / "history"


@pytest.fixture(scope="module")
def cog() -> PlaceIndex:
    return PlaceIndex.from_jsonl(COG)


@pytest.mark.parametrize(("code", "commune"), [("01126", "01033"), ("93059", "93066"), ("78306", "95306")])
def test_a_former_code_is_the_commune_it_is_inside_now(cog: PlaceIndex, code: str, commune: str) -> None:
    placed = place_by_code(cog, code)
    assert (placed.code, placed.method) == (commune, "commune-code")
    assert placed.history == f"commune code {code} is a former commune now inside {commune} {placed.commune.name}"


def test_a_current_code_has_no_history(cog: PlaceIndex) -> None:
    placed = place_by_code(cog, "93066")
    assert (placed.code, placed.history) == ("93066", "")


def test_a_former_code_two_communes_claim_is_reported(cog: PlaceIndex) -> None:
    placed = place_by_code(cog, "55273")
    assert (placed.code, placed.reason) == (None, Unplaced.AMBIGUOUS)
    assert "55245 Heudicourt-sous-les-Côtes" in placed.detail and "55386 Nonsard-Lamarche" in placed.detail
    # its former name does not settle it either: both communes claim it
    placed = place_by_code(cog, "55273", postal_code="55210", name="LAMARCHE EN WOEVRE")
    assert (placed.code, placed.reason) == (None, Unplaced.AMBIGUOUS)
    # the row's current commune name does
    placed = place_by_code(cog, "55273", postal_code="55210", name="NONSARD LAMARCHE")
    assert placed.code == "55386" and "the row's postal code and name are those of 55386" in placed.history


@pytest.mark.parametrize(("postal_code", "name", "commune"), [
    ("95220", "HERBLAY", "95306"),                       # renamed Herblay-sur-Seine
    ("01200", "BELLEGARDE SUR VALSERINE", "01033"),      # the chef-lieu of the commune nouvelle Valserhône
    ("93380", "PIERREFITTE SUR SEINE", "93066"),         # merged into Saint-Denis
    ("88150", "CAPAVENIR VOSGES", "88465"),              # renamed Thaon-les-Vosges again
])
def test_a_former_name_is_the_commune_that_bore_or_absorbed_it(cog: PlaceIndex, postal_code: str, name: str,
                                                               commune: str) -> None:
    placed = cog.resolve(postal_code, name)
    assert (placed.code, placed.method) == (commune, "postal-code")
    assert placed.history.startswith(f"{name!r} is ") and f"a former name of {commune}" in placed.history


def test_a_current_name_comes_before_a_former_one(cog: PlaceIndex) -> None:
    # "Les Hauts-Talican" is today 60694; the COG 2019-2023 gave that name to 60054, now Beaumont-les-Nonains again
    placed = cog.resolve("60390", "LES HAUTS TALICAN")
    assert (placed.code, placed.history) == ("60694", "")


def test_a_former_name_two_communes_claim_is_reported(cog: PlaceIndex) -> None:
    placed = cog.resolve("60390", "LA NEUVILLE GARNIER")
    assert (placed.code, placed.reason) == (None, Unplaced.AMBIGUOUS)
    assert "60054" in placed.detail and "60694" in placed.detail and "former names" in placed.detail


# --- the importers -----------------------------------------------------------------------------------------------


async def communes(driver: AsyncDriver, settings: Settings, query: str) -> dict[str, Any]:
    records, _, _ = await driver.execute_query(query, database_=settings.neo4j_database)
    return {record["key"]: record["commune"] for record in records}


def history_lines(lines: list[str]) -> list[str]:
    return [line.split(": ", 1)[1] for line in lines if ": placed by commune history, " in line]


async def test_sirene_establishments_with_old_codes(graph: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    summary = await import_sirene(graph, settings.neo4j_database, SAMPLES / "StockUniteLegale_2026-03.csv",
                                  SAMPLES / "StockEtablissement_2026-03.csv", report=tmp_path / "report.txt")
    placed = await communes(graph, settings, """
        MATCH (:Organization {siren: '999300001'})-[:HAS_SITE]->(e:Establishment)
        RETURN e.siret AS key, [(e)-[:LOCATED_IN]->(c:Commune) | c.code][0] AS commune""")
    assert placed == {"99930000100011": "01033", "99930000100029": None, "99930000100037": "95306"}
    lines = summary.lines()
    assert history_lines(lines) == ["placed by commune history, 01033: commune code 01126 is a former commune now "
                                    "inside 01033"]
    assert "not placed, imported without a commune: 1 (ambiguous: 1)" in lines
    assert any("55273 is a former commune now inside 2 communes (55245, 55386)" in line for line in lines)
    assert any(line.startswith("placed: 2 (") and "1 of them by commune history" in line for line in lines)


async def test_siae_rows_naming_communes_renamed_or_merged(graph: AsyncDriver, settings: Settings,
                                                           tmp_path: Path) -> None:
    summary = await import_siae(graph, settings.neo4j_database, SAMPLES / "siae-2019-03.csv",
                                report=tmp_path / "report.txt")
    placed = await communes(graph, settings, """
        MATCH (e:Establishment) WHERE e.siret STARTS WITH '9993000000'
        RETURN e.siret AS key, [(e)-[:LOCATED_IN]->(c:Commune) | c.code][0] AS commune""")
    assert placed == {"99930000000111": "95306", "99930000000211": "01033", "99930000000311": None,
                      "99930000000411": "93066"}
    lines = summary.lines()
    assert sorted(history_lines(lines)) == [
        "placed by commune history, 01033 Valserhône: 'BELLEGARDE SUR VALSERINE' is 'Bellegarde-sur-Valserine', a "
        "former name of 01033 Valserhône",
        "placed by commune history, 93066 Saint-Denis: 'PIERREFITTE SUR SEINE' is 'Pierrefitte-sur-Seine', a former "
        "name of 93066 Saint-Denis",
        "placed by commune history, 95306 Herblay-sur-Seine: 'HERBLAY' is 'Herblay', a former name of 95306 "
        "Herblay-sur-Seine",
    ]
    assert "not placed, imported without a commune: 1 (ambiguous: 1)" in lines
    again = await import_siae(graph, settings.neo4j_database, SAMPLES / "siae-2019-03.csv",
                              report=tmp_path / "report.txt")
    assert again.lines()[-1] == "nothing changed"


async def test_rna_rows_with_old_codes(graph: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    summary = await import_rna(graph, settings.neo4j_database, [SAMPLES / "rna_waldec_20260301_dpt_93.csv"],
                               report=tmp_path / "report.txt")
    placed = await communes(graph, settings, """
        MATCH (o:Organization) WHERE o.rna STARTS WITH 'W93300000'
        RETURN o.rna AS key, [(o)-[:LOCATED_IN]->(c:Commune) | c.code][0] AS commune""")
    assert placed == {"W933000001": "93066", "W933000002": None, "W933000003": "60054"}
    lines = summary.lines()
    assert len(history_lines(lines)) == 2
    assert "not placed, imported without a commune: 1 (ambiguous: 1)" in lines
