"""The RNA's rows read and placed against the committed COG, on hand-written samples and on the real rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphdir.importers.csvfile import ImportFileError
from graphdir.importers.places import PlaceIndex
from graphdir.importers.rna import edition_of, read_rna
from tests.importers.open_data import OPEN_DATA, real_file

FIXTURES = Path(__file__).parent / "fixtures"
WALDEC = FIXTURES / "rna_waldec_20241201_dpt_03.csv"
IMPORT = FIXTURES / "rna_import_20241201_dpt_75.csv"
COG = Path(__file__).resolve().parents[2] / "seeds" / "territories" / "communes.jsonl"
_index: list[PlaceIndex] = []


def places() -> PlaceIndex:
    if not _index:
        _index.append(PlaceIndex.from_jsonl(COG))
    return _index[0]


def test_the_waldec_sample() -> None:
    rna = read_rna([WALDEC], places())
    assert rna.rows == 11
    found = rna.associations
    assert list(found) == ["W031000001", "W031000002", "W031000003", "W031000005", "W031000006", "W751000007",
                           "W031000010"]
    first = found["W031000001"]
    assert (first.name, first.placement.code, first.founded_on, first.ceased, first.website) == (
        "SOCIÉTÉ D'ENTRAIDE TEST DU BOURBONNAIS", "03095", "2001-05-12", False, "http://www.exemple-entraide.org")
    assert first.object == 'entraide entre voisins ; organiser des "fêtes" de quartier'
    assert first.address == "12 RUE des Essais, 03300 Cusset"
    assert (first.legal_form, first.edition, first.line) == ("association déclarée", "2024-12-01", 2)
    dissolved, no_date = found["W031000002"], found["W031000003"]
    assert (dissolved.ceased, dissolved.ceased_on, dissolved.placement.code) == (True, "2019-06-30", "03310")
    assert (no_date.ceased, no_date.ceased_on, no_date.siret, no_date.siren) == (True, None, "99800000300012",
                                                                                 "998000003")
    assert found["W031000005"].placement.code == "03095"
    assert found["W031000005"].placement.detail == ("commune code 03999 is not in the COG 2026; placed by postal code "
                                                    "and name")
    assert found["W031000006"].placement.code is None
    assert found["W751000007"].placement.code == "75056"
    assert found["W031000010"].siret is None
    assert sorted((d.line, d.what, d.reason) for d in rna.details) == [
        (5, "skipped", "deleted from the register"),
        (9, "rejected", "repeated RNA id"),
        (10, "rejected", "no RNA id"),
        (11, "left out", "invalid SIRET"),
        (11, "left out", "invalid website"),
        (12, "rejected", "malformed row"),
    ]


def test_the_import_format_takes_the_w_number_the_row_carries() -> None:
    rna = read_rna([IMPORT], places())
    assert list(rna.associations) == ["W751990001"]
    item = rna.associations["W751990001"]
    assert (item.name, item.format, item.placement.code, item.ceased, item.address) == (
        "ENSEMBLE TEST DU QUATORZIÈME", "import", "75056", False, "10 BD Test, 75014 PARIS")
    assert [(d.line, d.reason, d.detail) for d in rna.details] == [
        (3, "no RNA id", "observation '' is not an RNA id (W + 9 characters)")]


def test_several_files_in_a_zip_of_one_csv_per_departement(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "rna_waldec_20241201.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(WALDEC, WALDEC.name)
        archive.write(IMPORT, "rna_waldec_20241201_dpt_75.csv")
    rna = read_rna([path], places())
    assert len(rna.associations) == 8
    assert {kind for kind, _ in rna.editions} == {"waldec", "import"}
    assert rna.associations["W751990001"].file == f"{path}!rna_waldec_20241201_dpt_75.csv"


def test_editions_from_the_file_name_or_given() -> None:
    assert edition_of(Path("rna_waldec_20241201.zip")) == "2024-12-01"
    with pytest.raises(ImportFileError, match="pass --edition YYYY-MM-DD"):
        edition_of(Path("rna-waldec.csv"))


def test_a_file_of_neither_format(tmp_path: Path) -> None:
    path = tmp_path / "rna_20241201.csv"
    path.write_text("id;nom\nW031000001;x\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"neither the RNA waldec format .* the header has id, nom"):
        read_rna([path], places())


def test_a_waldec_file_missing_a_required_column(tmp_path: Path) -> None:
    path = tmp_path / "rna_waldec_20241201.csv"
    path.write_text("id;titre;adrs_libvoie;date_disso\nW031000001;x;y;\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        read_rna([path], places())
    assert (caught.value.line, caught.value.column) == (1, "siret, date_creat, position, adrs_codeinsee")


def test_every_real_row() -> None:
    """Every row of ../shared/open-data/rna-*.csv: an association in the commune its code names, per the COG file."""
    cog = {}
    for line in COG.read_text(encoding="utf-8").splitlines():
        if '"level":"COMMUNE"' in line:
            code = line.split('"code":"', 1)[1][:5]
            cog[code] = line
    waldec, imported = real_file(OPEN_DATA / "rna-waldec.csv"), real_file(OPEN_DATA / "rna-import.csv")
    rna = read_rna([waldec, imported], places(), edition="2024-12-01")
    assert rna.rows == 6
    assert rna.details == []
    assert set(rna.associations) == {"W632007046", "W012000002", "W012000005", "W751085568", "W751184848",
                                     "W751188854"}
    assert {rna: item.placement.code for rna, item in rna.associations.items()} == {
        "W632007046": "63113", "W012000002": "69266", "W012000005": "69088", "W751085568": "75056",
        "W751184848": "75056", "W751188854": "75056"}
    assert all(item.placement.code in cog for item in rna.associations.values())
    black_owl = rna.associations["W632007046"]
    assert (black_owl.ceased, black_owl.ceased_on, black_owl.founded_on) == (True, "2015-01-20", "2014-06-17")
    assert [item.ceased for item in rna.associations.values()].count(True) == 1
