"""The SIAE list's rows to establishments, without a graph: merging per SIRET, rejections, editions, progress."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from graphdir.importers.csvfile import CsvTable, ImportFileError
from graphdir.importers.progress import RowProgress
from graphdir.importers.siae import edition_of, read_siae
from tests.importers.test_places import SMALL

HEADER = "MESURE;CODE_DEPARTEMENT;CODE_POSTAL;COMMUNE;NATURE_JURIDIQUE;SIRET;DENOMINATION_SOCIALE;NUM_RUE;NOM_RUE\n"


def siae_file(tmp_path: Path, *rows: str, name: str = "siae-2024-01.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(f"{row}\n" for row in rows), encoding="utf-8")
    return path


def test_rows_of_one_siret_are_one_establishment_with_every_measure(tmp_path: Path) -> None:
    path = siae_file(
        tmp_path,
        "EI;003;03300;CUSSET;Association déclarée ;99900000100011;TEST A;1;Rue X",
        "ACI;003;03300;CUSSET;Association déclarée ;99900000100011;TEST A;1;Rue X",
        "ACI;003;03300;CUSSET;Association déclarée ;999 000 001 00011;TEST A;1;Rue X",
    )
    read = read_siae(path, SMALL)
    assert (read.rows, read.edition, read.rejected) == (3, "2024-01", [])
    only = read.establishments["99900000100011"]
    assert (only.rows, only.measures, only.line) == ([(2, "EI"), (3, "ACI"), (4, "ACI")], ["ACI", "EI"], 2)
    assert (only.placement.code, only.address, only.siren) == ("03095", "1 Rue X", "999000001")


def test_rows_are_rejected_with_their_line_and_reason(tmp_path: Path) -> None:
    path = siae_file(
        tmp_path,
        "ACI;003;03300;CUSSET;Association déclarée ;99900000100011;TEST A;;",
        "EI;003;03300;CUSSET;Association déclarée ;99900000100011;TEST B;;",
        "XYZ;003;03300;CUSSET;Association déclarée ;99900000200010;TEST C;;",
        "ACI;003;03300;CUSSET;Association déclarée ;99900000300019;;;",
        "ACI;003;03300;CUSSET;Association déclarée ;99900000400018;TEST D",
        "ACI;003;03300;CUSSET;Forme inconnue;99900000500017;TEST E;;",
        "ACI;003;03300;CUSSET;Association déclarée ;9990000010001A;TEST F;;",
    )
    read = read_siae(path, SMALL)
    assert list(read.establishments) == ["99900000100011"]
    assert [(r.line, r.reason) for r in read.rejected] == [
        (3, "conflicting rows"), (4, "unknown measure"), (5, "no name"), (6, "malformed row"),
        (7, "legal form not classified"), (8, "invalid SIRET"),
    ]
    assert read.rejected[0].detail == "repeats SIRET 99900000100011 of line 2 with a different DENOMINATION_SOCIALE"
    assert read.rejected[3].detail == "7 fields where the header has 9"


@pytest.mark.parametrize(("name", "edition"), [
    ("siae-2019-07.csv", "2019-07"), ("2019_07_liste_siae.csv", "2019-07"),
    ("liste-siae-2024-12-export.csv", "2024-12"),
])
def test_the_edition_comes_from_the_file_name(name: str, edition: str) -> None:
    assert edition_of(Path(name)) == edition


def test_an_edition_that_is_no_month(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="does not give its edition"):
        edition_of(Path("siae-2019-13.csv"))
    with pytest.raises(ImportFileError, match="edition '2019-7': expected YYYY-MM"):
        read_siae(siae_file(tmp_path), SMALL, edition="2019-7")


def test_progress_shows_rows_rate_share_and_time_left(tmp_path: Path) -> None:
    rows = [f"ACI;003;03300;CUSSET;Association déclarée ;99900{n:04d}00011;TEST {n};;" for n in range(50)]
    path = siae_file(tmp_path, *rows)
    stream = io.StringIO()
    bar = RowProgress(True, "reading siae-2024-01.csv", stream)
    with CsvTable.open(path, required=("SIRET",)) as table:
        for count, _ in enumerate(table, 1):
            bar.update(count, table)
    bar.finish()
    last = stream.getvalue().rstrip("\n").split("\r")[-1]
    assert last.startswith("reading siae-2024-01.csv         50 rows ")
    assert "rows/s  100%  ~0 s left" in last
    assert stream.getvalue().endswith("\n")
