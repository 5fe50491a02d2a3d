"""SIRENE's stock files as INSEE publishes them (CSV, columns by name, unknown ones ignored), read as streams.

    ess = read_ess_list(path)                                         # SIREN -> line, of the ESS France list
    units = Units(path)
    for unit in read_units(units, ess, on_row=...): ...               # the ESS legal units, one at a time
    sites = Sites(path)
    for site in read_establishments(sites, units, communes, ...): ... # the establishments of those units only

StockUniteLegale (~29 M rows) is read once, yielding only the units to import: ESS
(`economieSocialeSolidaireUniteLegale` O, or on the ESS France list when given) and published
(`statutDiffusionUniteLegale` P never is). StockEtablissement (~40 M rows) is read once after it, yielding only the
establishments of those units. Nothing is kept per row but what the establishments need of their unit: its SIREN
and head office's NIC packed in one 8-byte integer (`ImportedUnits`, about 8 MB per million ESS units). Rows left
out are counted by reason; a row with an unusable value is rejected with its line (the import goes on); a file
unreadable as a whole raises ImportFileError (csvfile.py).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graphdir.importers.coordinates import distance_km, to_wgs84
from graphdir.importers.csvfile import CsvRow, CsvTable, delimiter_of
from graphdir.importers.legal_forms import Classification, classify_code
from graphdir.loader.dates import DateError, may_precede, parse_partial_date

UNIT_COLUMNS = ("siren", "categorieJuridiqueUniteLegale")
ESTABLISHMENT_COLUMNS = ("siren", "siret", "codeCommuneEtablissement")
_SIREN = re.compile(r"[0-9]{9}")
_SIRET = re.compile(r"[0-9]{14}")
_CODE = re.compile(r"[0-9]{4}")
_RNA = re.compile(r"W[0-9A-Z]{9}")
# SIRENE places establishments of Paris, Lyon and Marseille in arrondissements; the COG communes are the cities.
_ARRONDISSEMENTS = (("751", "75056"), ("6938", "69123"), ("132", "13055"))
# A converted point farther than this from its commune's centre is not trusted (Guyane's communes are vast).
_MAX_KM = {"973": 150.0}
_DEFAULT_MAX_KM = 60.0

OnRow = Callable[[int, CsvTable], None]


@dataclass(frozen=True)
class Rejected:
    line: int
    reason: str
    detail: str


@dataclass(slots=True)
class Unit:
    line: int
    siren: str
    name: str
    acronym: str | None
    code: str
    classification: Classification
    rna: str | None
    founded_on: str | None
    ceased: bool
    ceased_on: str | None
    head_office: str | None  # its head office's SIRET
    ess_line: int | None  # its line in the ESS France list, when that is what made it ESS


@dataclass(slots=True)
class Site:
    line: int
    siret: str
    siren: str
    head_office: bool
    name: str | None
    address: str | None
    commune: str | None
    location: tuple[float, float] | None
    created_on: str | None
    ceased: bool
    ceased_on: str | None


@dataclass
class Read:
    """What a file gave: rows, what was kept, and why the rest was not."""

    path: Path
    rows: int = 0
    left_out: Counter[str] = field(default_factory=Counter)
    rejected: list[Rejected] = field(default_factory=list)
    values_left_out: list[Rejected] = field(default_factory=list)  # the row imported without them


class ImportedUnits:
    """The SIREN of every unit read, with its head office's NIC: `siren * 100000 + nic` (nic 0: none given) in one
    array of 8-byte integers, binary-searched once sealed (INSEE's files come sorted by SIREN: no sort then)."""

    def __init__(self) -> None:
        self._keys = array("q")
        self._sorted = True

    def __len__(self) -> int:
        return len(self._keys)

    def add(self, siren: str, head_office: str | None) -> None:
        key = int(siren) * 100_000 + (int(head_office[9:]) if head_office else 0)
        if self._keys and key < self._keys[-1]:
            self._sorted = False
        self._keys.append(key)

    def seal(self) -> None:
        if not self._sorted:
            self._keys = array("q", sorted(self._keys))
            self._sorted = True

    def head_office(self, siren: str) -> str | None | bool:
        """False when the unit was not read; else its head office's SIRET, or None."""
        base = int(siren) * 100_000
        index = bisect_left(self._keys, base)
        if index == len(self._keys) or self._keys[index] // 100_000 != base // 100_000:
            return False
        nic = self._keys[index] % 100_000
        return f"{siren}{nic:05d}" if nic else None


@dataclass
class Units(Read):
    imported: ImportedUnits = field(default_factory=ImportedUnits)


@dataclass
class Sites(Read):
    kept: int = 0
    at_coordinates: int = 0
    at_centre: int = 0
    not_placed: list[Rejected] = field(default_factory=list)  # (line, reason, detail) of sites without a commune
    history: list[Rejected] = field(default_factory=list)  # (line, commune, detail) of sites placed by a former code


def _date(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    try:
        return parse_partial_date(value).text
    except DateError:
        return None


def _end(line: int, start: str | None, end: str | None, names: tuple[str, str], out: Read) -> str | None:
    """`end` unless it falls before `start` (SIRENE has such periods): then left out, and said."""
    if start is None or end is None or may_precede(parse_partial_date(start), parse_partial_date(end)):
        return end
    out.values_left_out.append(Rejected(line, "end before start", f"{names[1]} {end} is before {names[0]} {start}: "
                                        "imported without it"))
    return None


def read_ess_list(path: Path) -> dict[str, int]:
    """SIREN (padded to 9 digits: the list often drops leading zeros) -> its first line, of the ESS France list."""
    found: dict[str, int] = {}
    with CsvTable.open(path, required=("SIREN",), delimiter=delimiter_of(path)) as table:
        for row in table:
            siren = row.values.get("SIREN", "").replace(" ", "")
            if siren.isdigit() and len(siren) <= 9:
                found.setdefault(siren.zfill(9), row.line)
    return found


def unit_columns(ess_list: Mapping[str, int] | None) -> tuple[str, ...]:
    return UNIT_COLUMNS if ess_list is not None else (*UNIT_COLUMNS, "economieSocialeSolidaireUniteLegale")


def read_units(out: Units, ess_list: Mapping[str, int] | None = None, on_row: OnRow | None = None
               ) -> Iterator[Unit]:
    """The units of `out.path` to import, one at a time; their SIREN go to `out.imported` (sealed at the end)."""
    with CsvTable.open(out.path, required=unit_columns(ess_list), delimiter=delimiter_of(out.path)) as table:
        for row in table:
            out.rows += 1
            unit = _unit(row, ess_list, out)
            if unit is not None:
                out.imported.add(unit.siren, unit.head_office)
                yield unit
            if on_row is not None:
                on_row(out.rows, table)
    out.imported.seal()


def _unit(row: CsvRow, ess_list: Mapping[str, int] | None, out: Units) -> Unit | None:
    values = row.values
    if row.problem:
        out.rejected.append(Rejected(row.line, "malformed row", row.problem))
        return None
    siren = values["siren"]
    if not _SIREN.fullmatch(siren):
        out.rejected.append(Rejected(row.line, "invalid SIREN", f"siren {siren!r} is not 9 digits"))
        return None
    if values.get("statutDiffusionUniteLegale", "O") == "P":
        out.left_out["not published (statutDiffusion P)"] += 1
        return None
    ess_line = ess_list.get(siren) if ess_list is not None else None
    if values.get("economieSocialeSolidaireUniteLegale") != "O" and ess_line is None:
        out.left_out["not ESS"] += 1
        return None
    code = values["categorieJuridiqueUniteLegale"]
    if not _CODE.fullmatch(code):
        out.rejected.append(Rejected(row.line, "invalid legal-form code",
                                     f"categorieJuridiqueUniteLegale {code!r} is not 4 digits"))
        return None
    name = values.get("denominationUniteLegale") or " ".join(
        part for part in (values.get("prenomUsuelUniteLegale") or values.get("prenom1UniteLegale", ""),
                          values.get("nomUsageUniteLegale") or values.get("nomUniteLegale", "")) if part)
    if not name:
        out.rejected.append(Rejected(row.line, "no name", "denominationUniteLegale and nomUniteLegale are empty"))
        return None
    rna = values.get("identifiantAssociationUniteLegale") or None
    if rna is not None and not _RNA.fullmatch(rna):
        out.rejected.append(Rejected(row.line, "invalid RNA id", f"identifiantAssociationUniteLegale {rna!r} is not W "
                                     "and 9 characters; imported without it"))
        rna = None
    ceased = values.get("etatAdministratifUniteLegale") == "C"
    nic = values.get("nicSiegeUniteLegale", "")
    founded_on = _date(values.get("dateCreationUniteLegale", ""))
    ceased_on = _end(row.line, founded_on, _date(values.get("dateDebut", "")) if ceased else None,
                     ("dateCreationUniteLegale", "dateDebut"), out)
    return Unit(
        line=row.line, siren=siren, name=name, acronym=values.get("sigleUniteLegale") or None, code=code,
        classification=classify_code(code, has_rna=rna is not None), rna=rna,
        founded_on=founded_on, ceased=ceased, ceased_on=ceased_on,
        head_office=siren + nic if len(nic) == 5 and nic.isdigit() else None,
        ess_line=ess_line if values.get("economieSocialeSolidaireUniteLegale") != "O" else None)


def read_establishments(out: Sites, units: ImportedUnits, communes: Mapping[str, tuple[float, float] | None],
                        on_row: OnRow | None = None, former: Mapping[str, Sequence[str]] | None = None
                        ) -> Iterator[Site]:
    """The establishments of `units`, one at a time; `communes`: the graph's commune codes -> centre (latitude,
    longitude); `former`: the code of a former commune -> the communes that claim it (their `formerCodes`)."""
    with CsvTable.open(out.path, required=ESTABLISHMENT_COLUMNS, delimiter=delimiter_of(out.path)) as table:
        for row in table:
            out.rows += 1
            site = _site(row, units, communes, out, former or {})
            if site is not None:
                out.kept += 1
                yield site
            if on_row is not None:
                on_row(out.rows, table)


def commune_of(code: str) -> str:
    for prefix, city in _ARRONDISSEMENTS:
        if code.startswith(prefix) and len(code) == 5:
            return city
    return code


def _site(row: CsvRow, units: ImportedUnits, communes: Mapping[str, tuple[float, float] | None],
          out: Sites, former: Mapping[str, Sequence[str]]) -> Site | None:
    values = row.values
    siren = values["siren"]
    head_office = units.head_office(siren) if _SIREN.fullmatch(siren) else False
    if head_office is False:
        out.left_out["not an establishment of an imported unit"] += 1
        return None
    if row.problem:
        out.rejected.append(Rejected(row.line, "malformed row", row.problem))
        return None
    siret = values["siret"]
    if not _SIRET.fullmatch(siret) or not siret.startswith(siren):
        out.rejected.append(Rejected(row.line, "invalid SIRET", f"siret {siret!r} is not 14 digits starting with "
                                     f"the SIREN {siren}"))
        return None
    if values.get("statutDiffusionEtablissement", "O") == "P":
        out.left_out["establishment not published (statutDiffusion P)"] += 1
        return None
    code = commune_of(values["codeCommuneEtablissement"])
    commune = code if code in communes else None
    location: tuple[float, float] | None = None
    heirs = former.get(code, ()) if commune is None else ()
    if len(heirs) == 1:  # a former commune's code (an old row): the commune it is inside now
        commune = code = heirs[0]
        out.history.append(Rejected(row.line, code, f"commune code {values['codeCommuneEtablissement']} is a former "
                                    f"commune now inside {code}"))
    if commune is None:
        why = "no commune code (abroad?)" if not code else f"no commune of the graph has the code {code!r}"
        reason = "unknown commune code" if code else "no commune code"
        if heirs:
            reason, why = "ambiguous", f"commune code {code} is a former commune now inside {len(heirs)} communes " \
                f"({', '.join(heirs)}): the row does not say which"
        out.not_placed.append(Rejected(row.line, reason, why))
    else:
        location = _location(row, code, communes[code], out)
        out.at_centre += location is None
    ceased = values.get("etatAdministratifEtablissement") in ("F", "C")
    street = " ".join(" ".join(values.get(name, "") for name in (
        "numeroVoieEtablissement", "indiceRepetitionEtablissement", "typeVoieEtablissement",
        "libelleVoieEtablissement")).split())
    town = " ".join(f"{values.get('codePostalEtablissement', '')} {values.get('libelleCommuneEtablissement', '')}"
                    .split())
    address = ", ".join(p for p in (values.get("complementAdresseEtablissement", ""), street, town) if p) or None
    head = values.get("etablissementSiege", "").lower() == "true" or siret == head_office
    created_on = _date(values.get("dateCreationEtablissement", ""))
    ceased_on = _end(row.line, created_on, _date(values.get("dateDebut", "")) if ceased else None,
                     ("dateCreationEtablissement", "dateDebut"), out)
    return Site(
        line=row.line, siret=siret, siren=siren, head_office=head,
        name=values.get("enseigne1Etablissement") or values.get("denominationUsuelleEtablissement") or None,
        address=address, commune=commune, location=location,
        created_on=created_on, ceased=ceased, ceased_on=ceased_on)


def _location(row: CsvRow, code: str, centre: tuple[float, float] | None, out: Sites) -> tuple[float, float] | None:
    x = row.values.get("coordonneeLambertAbscisseEtablissement", "")
    y = row.values.get("coordonneeLambertOrdonneeEtablissement", "")
    if not x or not y:
        return None
    point = to_wgs84(code, x, y)
    if point is None:
        return None
    if centre is not None and distance_km(point, centre) > _MAX_KM.get(code[:3], _DEFAULT_MAX_KM):
        out.not_placed.append(Rejected(row.line, "coordinates far from the commune", f"({x}, {y}) is "
                                       f"{distance_km(point, centre):.0f} km from the centre of {code}: placed at "
                                       "the commune's centre"))
        return None
    out.at_coordinates += 1
    return point
