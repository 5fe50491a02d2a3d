"""SIRENE's stock files as INSEE publishes them (CSV, columns by name, unknown ones ignored), read as streams.

    ess = read_ess_list(path)                                  # SIREN -> line, of the ESS France list (optional)
    units = read_units(path, ess, on_row=...)                  # the ESS legal units, nothing else kept
    sites = read_establishments(path, units, communes, ...)    # the establishments of those units only

StockUniteLegale (~29 M rows) is read once, keeping only the units to import: ESS (`economieSocialeSolidaireUniteLegale`
O, or on the ESS France list when given) and published (`statutDiffusionUniteLegale` P never is). StockEtablissement
(~40 M rows) is read once after it, keeping only the establishments of those units: memory grows with the ESS units
and their establishments, never with the files. Rows left out are counted by reason; a row with an unusable value is
rejected with its line (the import goes on); a file unreadable as a whole raises ImportFileError (csvfile.py).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graphdir.importers.coordinates import distance_km, to_wgs84
from graphdir.importers.csvfile import CsvRow, CsvTable, delimiter_of
from graphdir.importers.legal_forms import Classification, classify_code
from graphdir.loader.dates import DateError, parse_partial_date

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


@dataclass
class Units(Read):
    units: dict[str, Unit] = field(default_factory=dict)


@dataclass
class Sites(Read):
    sites: list[Site] = field(default_factory=list)
    at_coordinates: int = 0
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


def read_ess_list(path: Path) -> dict[str, int]:
    """SIREN (padded to 9 digits: the list often drops leading zeros) -> its first line, of the ESS France list."""
    found: dict[str, int] = {}
    with CsvTable.open(path, required=("SIREN",), delimiter=delimiter_of(path)) as table:
        for row in table:
            siren = row.values.get("SIREN", "").replace(" ", "")
            if siren.isdigit() and len(siren) <= 9:
                found.setdefault(siren.zfill(9), row.line)
    return found


def read_units(path: Path, ess_list: Mapping[str, int] | None = None, on_row: OnRow | None = None) -> Units:
    required = UNIT_COLUMNS if ess_list is not None else (*UNIT_COLUMNS, "economieSocialeSolidaireUniteLegale")
    out = Units(path)
    with CsvTable.open(path, required=required, delimiter=delimiter_of(path)) as table:
        for row in table:
            out.rows += 1
            _unit(row, ess_list, out)
            if on_row is not None:
                on_row(out.rows, table)
    return out


def _unit(row: CsvRow, ess_list: Mapping[str, int] | None, out: Units) -> None:
    values = row.values
    if row.problem:
        out.rejected.append(Rejected(row.line, "malformed row", row.problem))
        return
    siren = values["siren"]
    if not _SIREN.fullmatch(siren):
        out.rejected.append(Rejected(row.line, "invalid SIREN", f"siren {siren!r} is not 9 digits"))
        return
    if values.get("statutDiffusionUniteLegale", "O") == "P":
        out.left_out["not published (statutDiffusion P)"] += 1
        return
    ess_line = ess_list.get(siren) if ess_list is not None else None
    if values.get("economieSocialeSolidaireUniteLegale") != "O" and ess_line is None:
        out.left_out["not ESS"] += 1
        return
    code = values["categorieJuridiqueUniteLegale"]
    if not _CODE.fullmatch(code):
        out.rejected.append(Rejected(row.line, "invalid legal-form code",
                                     f"categorieJuridiqueUniteLegale {code!r} is not 4 digits"))
        return
    name = values.get("denominationUniteLegale") or " ".join(
        part for part in (values.get("prenomUsuelUniteLegale") or values.get("prenom1UniteLegale", ""),
                          values.get("nomUsageUniteLegale") or values.get("nomUniteLegale", "")) if part)
    if not name:
        out.rejected.append(Rejected(row.line, "no name", "denominationUniteLegale and nomUniteLegale are empty"))
        return
    rna = values.get("identifiantAssociationUniteLegale") or None
    if rna is not None and not _RNA.fullmatch(rna):
        out.rejected.append(Rejected(row.line, "invalid RNA id", f"identifiantAssociationUniteLegale {rna!r} is not W "
                                     "and 9 characters; imported without it"))
        rna = None
    ceased = values.get("etatAdministratifUniteLegale") == "C"
    nic = values.get("nicSiegeUniteLegale", "")
    out.units[siren] = Unit(
        line=row.line, siren=siren, name=name, acronym=values.get("sigleUniteLegale") or None, code=code,
        classification=classify_code(code, has_rna=rna is not None), rna=rna,
        founded_on=_date(values.get("dateCreationUniteLegale", "")), ceased=ceased,
        ceased_on=_date(values.get("dateDebut", "")) if ceased else None,
        head_office=siren + nic if len(nic) == 5 and nic.isdigit() else None,
        ess_line=ess_line if values.get("economieSocialeSolidaireUniteLegale") != "O" else None)


def read_establishments(path: Path, units: Units, communes: Mapping[str, tuple[float, float] | None],
                        on_row: OnRow | None = None, former: Mapping[str, Sequence[str]] | None = None) -> Sites:
    """The establishments of `units`; `communes`: the graph's commune codes -> centre (latitude, longitude);
    `former`: the code of a former commune -> the communes that claim it (their `formerCodes`)."""
    out = Sites(path)
    with CsvTable.open(path, required=ESTABLISHMENT_COLUMNS, delimiter=delimiter_of(path)) as table:
        for row in table:
            out.rows += 1
            _site(row, units.units, communes, out, former or {})
            if on_row is not None:
                on_row(out.rows, table)
    return out


def commune_of(code: str) -> str:
    for prefix, city in _ARRONDISSEMENTS:
        if code.startswith(prefix) and len(code) == 5:
            return city
    return code


def _site(row: CsvRow, units: Mapping[str, Unit], communes: Mapping[str, tuple[float, float] | None],
          out: Sites, former: Mapping[str, Sequence[str]]) -> None:
    values = row.values
    unit = units.get(values["siren"])
    if unit is None:
        out.left_out["not an establishment of an imported unit"] += 1
        return
    if row.problem:
        out.rejected.append(Rejected(row.line, "malformed row", row.problem))
        return
    siret = values["siret"]
    if not _SIRET.fullmatch(siret) or not siret.startswith(unit.siren):
        out.rejected.append(Rejected(row.line, "invalid SIRET", f"siret {siret!r} is not 14 digits starting with "
                                     f"the SIREN {unit.siren}"))
        return
    if values.get("statutDiffusionEtablissement", "O") == "P":
        out.left_out["establishment not published (statutDiffusion P)"] += 1
        return
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
    ceased = values.get("etatAdministratifEtablissement") in ("F", "C")
    street = " ".join(" ".join(values.get(name, "") for name in (
        "numeroVoieEtablissement", "indiceRepetitionEtablissement", "typeVoieEtablissement",
        "libelleVoieEtablissement")).split())
    town = " ".join(f"{values.get('codePostalEtablissement', '')} {values.get('libelleCommuneEtablissement', '')}"
                    .split())
    address = ", ".join(p for p in (values.get("complementAdresseEtablissement", ""), street, town) if p) or None
    head = values.get("etablissementSiege", "").lower() == "true" or siret == unit.head_office
    out.sites.append(Site(
        line=row.line, siret=siret, siren=unit.siren, head_office=head,
        name=values.get("enseigne1Etablissement") or values.get("denominationUsuelleEtablissement") or None,
        address=address, commune=commune, location=location,
        created_on=_date(values.get("dateCreationEtablissement", "")), ceased=ceased,
        ceased_on=_date(values.get("dateDebut", "")) if ceased else None))


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
