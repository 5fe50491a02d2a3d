"""`graphdir import sirene` on a real Neo4j holding the seeds: hand-written samples in INSEE's formats, then the real
ESS-flag extract of ../shared/open-data (families exactly as the legal-form table says)."""

from __future__ import annotations

import base64
import csv
from pathlib import Path
from typing import Any

import pytest
from neo4j import AsyncDriver

from graphdir.api.context import Context
from graphdir.api.schema import schema
from graphdir.config import Settings
from graphdir.importers.coordinates import distance_km
from graphdir.importers.siae_import import import_siae
from graphdir.importers.sirene_records import import_sirene
from graphdir.importers.summary import ImportSummary
from tests.importers.open_data import OPEN_DATA, real_file

SAMPLES = Path(__file__).parent / "fixtures" / "sirene"
UNITS = SAMPLES / "StockUniteLegale_2026-01.csv"
SITES = SAMPLES / "StockEtablissement_2026-01.csv"
ESS_LIST = SAMPLES / "ess-france-2026-01.csv"
SIAE = SAMPLES / "siae-2026-02.csv"
ESS_FLAG_FILE = OPEN_DATA / "sirene-ess-flag-numerique.csv"


async def run_sirene(driver: AsyncDriver, settings: Settings, tmp_path: Path, *paths: Path,
                     **options: Any) -> ImportSummary:
    return await import_sirene(driver, settings.neo4j_database, *paths, report=tmp_path / "report.txt", **options)


async def read(driver: AsyncDriver, settings: Settings, query: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = await driver.execute_query(query, params, database_=settings.neo4j_database)
    return [record.data() for record in records]


async def units(driver: AsyncDriver, settings: Settings) -> dict[str, dict[str, Any]]:
    rows = await read(driver, settings, """
        MATCH (o:Organization) WHERE o.siren STARTS WITH '9991'
        RETURN o {.*, sources: [(o)-[r:CITED_IN]->(s:Source) | s.id + ' ' + r.excerpt],
                  sites: [(o)-[:HAS_SITE]->(e:Establishment) | e {.*, commune: [(e)-[:LOCATED_IN]->(c) | c.code][0],
                          sources: [(e)-[r:CITED_IN]->(s:Source) | s.id]}]} AS o""")
    return {row["o"]["siren"]: row["o"] for row in rows}


def sites(unit: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {site["siret"]: site for site in unit["sites"]}


def near(site: dict[str, Any], latitude: float, longitude: float) -> bool:
    return distance_km((site["location"].latitude, site["location"].longitude), (latitude, longitude)) < 0.05


async def test_the_sample_units_and_establishments(graph: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    summary = await run_sirene(graph, settings, tmp_path, UNITS, SITES, ess_list=ESS_LIST)
    assert summary.rows == 9 + 11
    assert (summary.organizations, summary.establishments) == (6, 8)
    assert summary.load is not None
    assert str(summary.load.counts["organizations"]) == "6 created, 0 updated, 0 unchanged"
    assert str(summary.load.counts["establishments"]) == "8 created, 0 updated, 0 unchanged"
    assert str(summary.load.counts["sources"]) == "3 created, 0 updated, 0 unchanged"
    assert dict(summary.rejected) == {"invalid SIREN": 1}
    assert dict(summary.left_out) == {"not ESS": 1, "not published (statutDiffusion P)": 1,
                                      "establishment not published (statutDiffusion P)": 1,
                                      "not an establishment of an imported unit": 2}
    assert dict(summary.not_placed) == {"unknown commune code": 1}
    lines = summary.lines()
    assert "placed: 7 (5 at their coordinates, 2 at their commune's centre)" in lines
    assert f"{SITES}:10: not placed, unknown commune code: no commune of the graph has the code '99999'" in lines

    found = await units(graph, settings)
    assert set(found) == {"999100001", "999100002", "999100003", "999100004", "999100006", "999100007"}
    family = {siren: (unit["family"], unit["classifiedBy"]) for siren, unit in found.items()}
    assert family == {
        "999100001": ("ASSOCIATION", "sirene-legal-form:association"),
        "999100002": ("COOPERATIVE", "sirene-legal-form:cooperative"),
        "999100003": ("ESS_COMPANY", "sirene-legal-form:ess-company"),  # an SAS with the ESS flag
        "999100004": ("MUTUAL", "sirene-legal-form:mutual"),
        "999100006": ("ESS_COMPANY", "sirene-legal-form:ess-company"),  # a SARL on the ESS France list only
        "999100007": ("FOUNDATION", "sirene-legal-form:foundation"),
    }
    association = found["999100001"]
    assert (association["id"], association["slug"], association["name"], association["acronym"]) == (
        "siren-999100001", "association-test-solidarite-cusset-999100001", "ASSOCIATION TEST SOLIDARITE CUSSET",
        "ATSC")
    assert (association["rna"], association["siret"], association["legalForm"], association["foundedOn"]) == (
        "W031000001", "99910000100011", "9220", "1995-03-01")
    assert association["sources"] == [f"src-sirene-unites-2026-01 {UNITS.name} line 2"]
    assert "ceased" not in association and "location" not in association
    head, other = sites(association)["99910000100011"], sites(association)["99910000100029"]
    assert (head["headOffice"], head["commune"], head["locationApproximate"]) == (True, "03095", False)
    assert near(head, 46.1345, 3.4560)  # Lambert-93 (735204.7, 6559511.8) converted by pyproj
    assert head["address"] == "12 RUE DES ESSAIS, 03300 CUSSET"
    assert (other["headOffice"], other["commune"], other["name"]) == (False, "03310", "RESSOURCERIE TEST")
    assert (other["ceased"], other["ceasedOn"]) == (True, "2022-06-30")  # closed (F), still listed
    assert head["sources"] == ["src-sirene-etablissements-2026-01"]
    mutual = found["999100004"]
    assert (mutual["ceased"], mutual["ceasedOn"]) == (True, "2020-12-31")
    lyon = sites(mutual)["99910000400011"]
    assert (lyon["commune"], lyon["locationApproximate"], lyon["locationMethod"]) == ("69123", True, "commune")
    paris = sites(found["999100003"])["99910000300010"]
    assert paris["commune"] == "75056" and near(paris, 48.8420, 2.2930)  # 75115, an arrondissement of Paris
    assert set(sites(found["999100002"])) == {"99910000200012"}  # its unpublished establishment is left out
    assert sites(found["999100007"])["99910000700015"]["locationApproximate"] is True  # coordinates [ND]
    listed = found["999100006"]
    assert sorted(listed["sources"]) == [f"src-ess-france-2026-01 {ESS_LIST.name} line 2",
                                         f"src-sirene-unites-2026-01 {UNITS.name} line 7"]
    assert "location" not in sites(listed)["99910000600017"]
    assert not await read(graph, settings, "MATCH (o:Organization) WHERE o.siren IN ['999100005', '999100008'] "
                          "RETURN o.id")


async def test_the_same_files_twice_change_nothing(graph: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    await run_sirene(graph, settings, tmp_path, UNITS, SITES, ess_list=ESS_LIST)
    again = await run_sirene(graph, settings, tmp_path, UNITS, SITES, ess_list=ESS_LIST)
    assert again.load is not None and not again.load.changed
    assert str(again.load.counts["organizations"]) == "0 created, 0 updated, 6 unchanged"
    assert str(again.load.counts["establishments"]) == "0 created, 0 updated, 8 unchanged"
    assert again.lines()[-1] == "nothing changed"
    siae = await import_siae(graph, settings.neo4j_database, SIAE, report=tmp_path / "siae-report.txt")
    siae_again = await import_siae(graph, settings.neo4j_database, SIAE, report=tmp_path / "siae-report.txt")
    assert siae.load is not None and siae.load.changed
    assert siae_again.load is not None and not siae_again.load.changed


async def test_a_newer_edition_updates_what_changed_only(graph: AsyncDriver, settings: Settings,
                                                         tmp_path: Path) -> None:
    """Records equal to the graph are counted unchanged without the loader: a changed name or address is not."""
    await run_sirene(graph, settings, tmp_path, UNITS, SITES)
    units_text = UNITS.read_text(encoding="utf-8").replace("TEST SCOP VICHY", "TEST SCOP VICHY RENOMMEE")
    sites_text = SITES.read_text(encoding="utf-8").replace("RUE,DES ESSAIS", "AVENUE,DES ESSAIS")
    assert "RENOMMEE" in units_text and "AVENUE,DES ESSAIS" in sites_text
    newer_units, newer_sites = tmp_path / UNITS.name, tmp_path / SITES.name
    newer_units.write_text(units_text, encoding="utf-8")
    newer_sites.write_text(sites_text, encoding="utf-8")
    again = await run_sirene(graph, settings, tmp_path, newer_units, newer_sites)
    assert again.load is not None
    assert str(again.load.counts["organizations"]) == "0 created, 1 updated, 4 unchanged"
    assert str(again.load.counts["establishments"]) == "0 created, 1 updated, 6 unchanged"
    found = await units(graph, settings)
    assert found["999100002"]["name"] == "TEST SCOP VICHY RENOMMEE"
    assert sites(found["999100001"])["99910000100011"]["address"].startswith("12 AVENUE DES ESSAIS")


async def test_sirene_then_siae_rows_of_the_same_sirets_are_one_organization_each(
        graph: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    await run_sirene(graph, settings, tmp_path, UNITS, SITES)
    summary = await import_siae(graph, settings.neo4j_database, SIAE, report=tmp_path / "siae-report.txt")
    assert summary.matched == {"siren": 2, "siret": 0, "rna": 0}
    assert summary.load is not None
    assert str(summary.load.counts["organizations"]) == "0 created, 2 updated, 0 unchanged"
    assert str(summary.load.counts["establishments"]) == "0 created, 2 updated, 0 unchanged"
    found = await units(graph, settings)
    association = found["999100001"]
    # The register's description stands (it ranks above the SIAE list); the list adds its measures and its source.
    assert (association["id"], association["name"], association["siren"], association["siret"],
            association["rna"]) == ("siren-999100001", "ASSOCIATION TEST SOLIDARITE CUSSET", "999100001",
                                    "99910000100011", "W031000001")
    assert (association["insertionMeasures"], association["describedBy"]) == (["ACI"], "sirene")
    assert sorted(association["sources"]) == [f"src-siae-2026-02 {SIAE.name} line 2 (ACI)",
                                              f"src-sirene-unites-2026-01 {UNITS.name} line 2"]
    head = sites(association)["99910000100011"]
    assert sorted(head["sources"]) == ["src-siae-2026-02", "src-sirene-etablissements-2026-01"]
    assert near(head, 46.1345, 3.4560) and head["locationApproximate"] is False  # SIRENE's point, not the centre
    sas = found["999100003"]
    assert (sas["insertionMeasures"], len(sas["sites"])) == (["EI"], 2)
    count = await read(graph, settings, "MATCH (o:Organization) WHERE o.siren STARTS WITH '9991' RETURN count(o) AS n")
    assert count == [{"n": 5}]  # no ESS France list this time: the SARL is not ESS


NEAR = """query($near: NearInput!, $radius: Float!) {
  partnersNear(near: $near, radiusKm: $radius, first: 50) {
    totalCount edges { distanceKm approximate site { siret headOffice commune { code } } node { name } } } }"""
IN = """{ partnersIn(territoryCode: "03", level: DEPARTMENT, first: 100) {
  edges { node { name sites(territoryCode: "03", level: DEPARTMENT) { siret } } } } }"""
PAGE = """{ organization(slug: "test-sas-solidaire-999100003") {
  siren siret rna classifiedBy ceased ceasedOn insertionMeasures
  sites { siret headOffice name commune { code } location { approximate } ceased } } }"""


async def test_partners_are_found_at_each_of_their_sites(graph: AsyncDriver, settings: Settings,
                                                         tmp_path: Path) -> None:
    await run_sirene(graph, settings, tmp_path, UNITS, SITES)
    context = Context(driver=graph, database=settings.neo4j_database)

    async def ask(query: str, **variables: Any) -> dict[str, Any]:
        result = await schema.execute(query, variable_values=variables, context_value=context)
        assert result.errors is None, result.errors
        assert result.data is not None
        return result.data

    around_cusset = (await ask(NEAR, near={"communeCode": "03095"}, radius=10.0))["partnersNear"]
    edges = {edge["node"]["name"]: edge for edge in around_cusset["edges"]}
    # The SAS has its head office in Paris and a site in Abrest: found once, at Abrest, the nearest.
    assert edges["TEST SAS SOLIDAIRE"]["site"] == {"siret": "99910000300028", "headOffice": False,
                                                    "commune": {"code": "03001"}}
    # The association has two sites within 10 km: it comes once, at its nearest (its head office in Cusset).
    assert edges["ASSOCIATION TEST SOLIDARITE CUSSET"]["site"]["siret"] == "99910000100011"
    assert around_cusset["totalCount"] == len(around_cusset["edges"]) == len(edges)
    distances = [edge["distanceKm"] for edge in around_cusset["edges"]]
    assert distances == sorted(distances)
    in_paris = (await ask(NEAR, near={"communeCode": "75056"}, radius=10.0))["partnersNear"]["edges"]
    assert [(e["node"]["name"], e["site"]["siret"]) for e in in_paris] == [("TEST SAS SOLIDAIRE", "99910000300010")]
    # Near an imported legal unit: from its head office (Paris), itself left out.
    sas = base64.b64encode(b"Organization:siren-999100003").decode()
    assert (await ask(NEAR, near={"organizationId": sas}, radius=10.0))["partnersNear"]["edges"] == []
    association = base64.b64encode(b"Organization:siren-999100001").decode()
    from_cusset = (await ask(NEAR, near={"organizationId": association}, radius=10.0))["partnersNear"]["edges"]
    assert "TEST SAS SOLIDAIRE" in {e["node"]["name"] for e in from_cusset}

    allier = {edge["node"]["name"]: edge["node"]["sites"] for edge in (await ask(IN))["partnersIn"]["edges"]}
    assert allier["TEST SAS SOLIDAIRE"] == [{"siret": "99910000300028"}]  # the site that puts it in the Allier
    assert "MUTUELLE TEST CESSEE" not in allier  # in Lyon

    page = (await ask(PAGE))["organization"]
    assert (page["siren"], page["siret"], page["rna"], page["classifiedBy"], page["ceased"]) == (
        "999100003", "99910000300010", None, "sirene-legal-form:ess-company", False)
    assert [(s["siret"], s["headOffice"], s["commune"]["code"]) for s in page["sites"]] == [
        ("99910000300010", True, "75056"), ("99910000300028", False, "03001")]


SUGGEST = """query($id: ID!) { suggestedPartners(organizationId: $id, radiusKm: 10, first: 100) {
  distanceKm approximate reasons organization { name } } }"""


async def test_suggested_partners_are_found_at_their_sites(graph: AsyncDriver, settings: Settings,
                                                          tmp_path: Path) -> None:
    await run_sirene(graph, settings, tmp_path, UNITS, SITES)
    context = Context(driver=graph, database=settings.neo4j_database)
    association = base64.b64encode(b"Organization:siren-999100001").decode()
    result = await schema.execute(SUGGEST, variable_values={"id": association}, context_value=context)
    assert result.errors is None and result.data is not None, result.errors
    found = {s["organization"]["name"]: s for s in result.data["suggestedPartners"]}
    assert "ASSOCIATION TEST SOLIDARITE CUSSET" not in found  # itself
    # The SAS: at its site in Abrest (its head office is in Paris), an ESS company beside an association.
    sas = found["TEST SAS SOLIDAIRE"]
    assert sas["distanceKm"] < 5 and not sas["approximate"]
    assert "complementary family: ess_company (yours: association)" in sas["reasons"]
    assert "TEST SCOP VICHY" in found
    distances = [s["distanceKm"] for s in result.data["suggestedPartners"]]
    assert len(distances) == len(found)  # each organization once, at its nearest place


# The README's table (../shared/open-data/README.md), written out here as data: the expectation of the next test
# never comes from the importer's own code.
_README_TABLE = {
    "ASSOCIATION": "9210 9220 9221 9222 9230 9260 5195",
    "COOPERATIVE": "5191-5194 5196 5203 5307 5309 5432 5443 5451 5453-5455 5458-5460 5532 5543 5547 5551-5555 "
                   "5558-5560 5632 5643 5647 5651-5655 5658-5660 6316-6318 6532 6543 6551 6554 6558 6560 6595 6596",
    "MUTUAL": "8210 8250 8290 6411",
    "FOUNDATION": "9300",
}


def expected_family(code: str) -> str:
    for family, codes in _README_TABLE.items():
        for item in codes.split():
            first, _, last = item.partition("-")
            if int(first) <= int(code) <= int(last or first):
                return family
    return "ESS_COMPANY"  # any other code of a unit with the ESS flag


async def test_the_real_ess_flag_file_families_as_the_table_says(graph: AsyncDriver, settings: Settings,
                                                                 tmp_path: Path) -> None:
    path = real_file(ESS_FLAG_FILE)
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    summary = await run_sirene(graph, settings, tmp_path, path)
    assert summary.rows == len(rows) and not summary.rejected and not summary.left_out
    assert summary.load is not None and summary.load.counts["organizations"].created == len({r["siren"] for r in rows})
    found = await read(graph, settings, "MATCH (o:Organization) WHERE o.id IN $ids RETURN o.siren AS siren, "
                       "o.family AS family, o.kind AS kind", ids=[f"siren-{row['siren']}" for row in rows])
    families = {row["siren"]: (row["kind"], row["family"]) for row in found}
    assert families == {row["siren"]: ("ENTERPRISE", expected_family(row["categorieJuridiqueUniteLegale"]))
                        for row in rows}
    sas_sarl = [row for row in rows if row["categorieJuridiqueUniteLegale"] in ("5710", "5499")]
    assert sas_sarl and all(families[row["siren"]][1] == "ESS_COMPANY" for row in sas_sarl)
    print(f"\n{len(rows)} rows: " + ", ".join(f"{family} {sum(1 for f in families.values() if f[1] == family)}"
                                             for family in sorted({f[1] for f in families.values()})))


@pytest.mark.parametrize("edition", ["2026-1", "26-01"])
async def test_a_bad_edition_writes_nothing(graph: AsyncDriver, settings: Settings, tmp_path: Path,
                                            edition: str) -> None:
    from graphdir.importers.csvfile import ImportFileError

    with pytest.raises(ImportFileError, match="expected YYYY-MM"):
        await run_sirene(graph, settings, tmp_path, UNITS, edition=edition)


RNA = SAMPLES / "rna_waldec_20260115_dpt_03.csv"


async def test_sirene_then_rna_then_siae_rows_of_one_association_are_one_organization(
        graph: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    """Item 3 of issue 12 across the three registers: the association 999100001 (RNA W031000001, head office
    99910000100011) is in the SIRENE sample, the RNA sample and the SIAE sample."""
    from graphdir.importers.rna_import import import_rna

    await run_sirene(graph, settings, tmp_path, UNITS, SITES)
    rna = await import_rna(graph, settings.neo4j_database, [RNA], report=tmp_path / "rna-report.txt")
    assert rna.matched == {"siren": 1, "siret": 0, "rna": 0}
    assert rna.load is not None and str(rna.load.counts["organizations"]) == "0 created, 1 updated, 0 unchanged"
    await import_siae(graph, settings.neo4j_database, SIAE, report=tmp_path / "siae-report.txt")
    found = await units(graph, settings)
    association = found["999100001"]
    assert (association["id"], association["siren"], association["siret"], association["rna"]) == (
        "siren-999100001", "999100001", "99910000100011", "W031000001")
    assert association["name"] == "ASSOCIATION TEST SOLIDARITE CUSSET"  # the SIRENE register ranks above RNA
    assert sorted(source.split(" ")[0] for source in association["sources"]) == [
        "src-rna-waldec-2026-01-15", "src-siae-2026-02", "src-sirene-unites-2026-01"]
    count = await read(graph, settings, "MATCH (o:Organization) WHERE o.siren STARTS WITH '9991' OR "
                       "o.rna = 'W031000001' RETURN count(o) AS n")
    assert count == [{"n": 5}]
    again = await import_rna(graph, settings.neo4j_database, [RNA], report=tmp_path / "rna-report.txt")
    assert again.load is not None and not again.load.changed
