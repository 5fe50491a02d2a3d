"""The SIAE list (structures d'insertion par l'activité économique) as the ASP exports it: rows to establishments.

One row per (SIRET, measure): a structure running an ACI and an EI has two rows. `read_siae` streams the file and
merges the rows of each SIRET into one Establishment, keeping every measure and every line it came from, and places it
in a commune from CODE_POSTAL and COMMUNE (graphdir.importers.places). Columns are read by name; unknown ones are
ignored. A row is rejected (with its line and reason, the import goes on) when its SIRET is not 14 digits, it has no
name, its measure is unknown, its legal form matches no rule (legal_forms.py), it has a different field count from the
header, or it repeats a SIRET with a different name, address or legal form. A file unreadable as a whole raises
ImportFileError (csvfile.py) before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from graphdir.importers.csvfile import CsvRow, CsvTable, ImportFileError
from graphdir.importers.legal_forms import Classification, classify_label
from graphdir.importers.places import PlaceIndex, Placement
from graphdir.loader.specs import INSERTION_MEASURES as MEASURES

REQUIRED = ("SIRET", "DENOMINATION_SOCIALE", "NATURE_JURIDIQUE", "MESURE", "CODE_POSTAL", "COMMUNE")
# Also read when present: CODE_DEPARTEMENT (places a CEDEX code), NUM_RUE, NOM_RUE, CODE_POST_COM, LIB_COM (address).
_SIRET = re.compile(r"[0-9]{14}")
_EDITION = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})[-_](0[1-9]|1[0-2])(?![0-9])")
# Fields that must agree between the rows of one SIRET (they describe the structure, not the measure).
_SAME_FOR_A_SIRET = ("DENOMINATION_SOCIALE", "NATURE_JURIDIQUE", "CODE_POSTAL", "COMMUNE")


@dataclass
class Establishment:
    siret: str
    name: str
    legal_form: str
    classification: Classification
    postal_code: str
    commune_name: str
    departement: str
    address: str
    placement: Placement
    rows: list[tuple[int, str]] = field(default_factory=list)  # (line, measure) of each of its rows
    _first: CsvRow | None = field(default=None, repr=False)

    @property
    def siren(self) -> str:
        return self.siret[:9]

    @property
    def line(self) -> int:
        return self.rows[0][0]

    @property
    def measures(self) -> list[str]:
        return sorted({measure for _, measure in self.rows})


@dataclass(frozen=True)
class Rejected:
    line: int
    reason: str
    detail: str


@dataclass
class SiaeFile:
    path: Path
    edition: str
    rows: int = 0
    establishments: dict[str, Establishment] = field(default_factory=dict)
    rejected: list[Rejected] = field(default_factory=list)


def edition_of(path: Path) -> str:
    """The edition ("2019-07") a file's name gives ("siae-2019-07.csv", "2019_07_liste_siae.csv")."""
    found = _EDITION.search(path.name)
    if found is None:
        raise ImportFileError(str(path), 0, "the file name does not give its edition (a year and month such as "
                              "2019-07): rename the file or pass --edition YYYY-MM")
    return f"{found[1]}-{found[2]}"


def read_siae(path: Path, places: PlaceIndex, *, edition: str | None = None,
              on_row: Callable[[int, CsvTable], None] | None = None) -> SiaeFile:
    """Every establishment of the file, merged per SIRET and placed; `on_row(rows, table)` reports progress."""
    if edition is not None and not _EDITION.fullmatch(edition):
        raise ImportFileError(str(path), 0, f"edition {edition!r}: expected YYYY-MM")
    result = SiaeFile(path, edition or edition_of(path))
    with CsvTable.open(path, required=REQUIRED) as table:
        for row in table:
            result.rows += 1
            _take(row, places, result)
            if on_row is not None:
                on_row(result.rows, table)
    return result


def _take(row: CsvRow, places: PlaceIndex, into: SiaeFile) -> None:
    def reject(reason: str, detail: str) -> None:
        into.rejected.append(Rejected(row.line, reason, detail))

    values = row.values
    if row.problem:
        return reject("malformed row", row.problem)
    siret = values["SIRET"].replace(" ", "")
    if not _SIRET.fullmatch(siret):
        return reject("invalid SIRET", f"SIRET {values['SIRET']!r} is not 14 digits")
    if not values["DENOMINATION_SOCIALE"]:
        return reject("no name", "DENOMINATION_SOCIALE is empty")
    measure = values["MESURE"].upper()
    if measure not in MEASURES:
        return reject("unknown measure", f"MESURE {values['MESURE']!r} is not one of {', '.join(MEASURES)}")
    known = into.establishments.get(siret)
    if known is not None:
        assert known._first is not None
        differing = [name for name in _SAME_FOR_A_SIRET if known._first.values[name] != values[name]]
        if differing:
            return reject("conflicting rows", f"repeats SIRET {siret} of line {known.line} with a different "
                          f"{', '.join(differing)}")
        known.rows.append((row.line, measure))
        return None
    classification = classify_label(values["NATURE_JURIDIQUE"])
    if classification is None:
        return reject("legal form not classified", f"NATURE_JURIDIQUE {values['NATURE_JURIDIQUE']!r} matches no rule "
                      "of graphdir/importers/legal_forms.py")
    departement = values.get("CODE_DEPARTEMENT", "")
    into.establishments[siret] = Establishment(
        siret=siret, name=values["DENOMINATION_SOCIALE"], legal_form=values["NATURE_JURIDIQUE"],
        classification=classification, postal_code=values["CODE_POSTAL"], commune_name=values["COMMUNE"],
        departement=departement, address=_address(values),
        placement=places.resolve(values["CODE_POSTAL"], values["COMMUNE"], departement),
        rows=[(row.line, measure)], _first=row)
    return None


def _address(values: dict[str, str]) -> str:
    street = " ".join(" ".join(values.get(name, "") for name in ("NUM_RUE", "NOM_RUE")).split())
    town = " ".join(" ".join(values.get(name, "") for name in ("CODE_POST_COM", "LIB_COM")).split())
    return ", ".join(part for part in (street, town) if part)
