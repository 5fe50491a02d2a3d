"""ESS France's "Liste des entreprises de l'ESS" (CSV, about 1.3 M rows, several rows per SIREN): rows to enterprises.

    listed = read_ess_france(path, places, on_row=...)
    listed.units  -> {SIREN: Listed(line, name, classification, places, lines)}, one per SIREN

Columns, by name (unknown ones ignored): `SIREN` (often without its leading zeros: padded to 9), `Nom ou raison
sociale de l'entreprise`, `Famille juridique de l'entreprise`, and for the row's establishment `Code postal`,
`Libellé de la commune de l'établissement` and `Code du département de l'établissement` (the département and région
names are not read). The file is streamed; what is kept is one small entry per SIREN (its first line, name, family,
the communes its rows name), so memory grows with the enterprises listed, not with the rows: about 600 bytes each
while reading (measured on 200,000 generated rows of 175,001 SIRENs: 105 MB), some 0.7 GB for the whole list; the
records are then built and written a batch at a time (ess_france_import.py), each entry dropped as its record is.

Family: the list's own "Famille juridique" (not a legal-form code), folded, through FAMILIES. No real edition of the
list was at hand when this table was written: its values are those the list's documentation and the committed
samples use (Associations, Coopératives, Mutuelles, Fondations, Sociétés commerciales de l'ESS), singular or plural.
A value it does not hold is not guessed: the row is rejected ("family not classified", with the value), and the
summary shows it so that the table can be completed.

Place: each row's postal code and commune name through the place index (places.py: abbreviations, CEDEX, commune
history). An enterprise is placed in a commune when its placed rows all name that one; rows in several communes leave
it without a commune of its own (reported, never one picked). A row repeating a SIREN with another name or family is
rejected ("conflicting rows"); its place still counts.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from graphdir.importers.csvfile import CsvRow, CsvTable, delimiter_of
from graphdir.importers.legal_forms import Classification
from graphdir.importers.places import PlaceIndex, Placement, Unplaced
from graphdir.importers.sirene import OnRow, Rejected
from graphdir.text import fold

SIREN, NAME, FAMILY = "SIREN", "Nom ou raison sociale de l'entreprise", "Famille juridique de l'entreprise"
POSTAL_CODE, COMMUNE = "Code postal", "Libellé de la commune de l'établissement"
DEPARTEMENT = "Code du département de l'établissement"
REQUIRED = (SIREN, NAME, FAMILY, POSTAL_CODE, COMMUNE)

_RULES = {"association": "ASSOCIATION", "cooperative": "COOPERATIVE", "mutual": "MUTUAL", "foundation": "FOUNDATION",
          "ess-company": "ESS_COMPANY"}
# The list's folded "Famille juridique" -> rule (fold() drops the elided "l'" of "l'ESS").
FAMILIES = {
    **dict.fromkeys(("association", "associations"), "association"),
    **dict.fromkeys(("cooperative", "cooperatives"), "cooperative"),
    **dict.fromkeys(("mutuelle", "mutuelles"), "mutual"),
    **dict.fromkeys(("fondation", "fondations"), "foundation"),
    **dict.fromkeys(("societe commerciale de ess", "societes commerciales de ess", "entreprise commerciale de ess",
                     "entreprises commerciales de ess", "societe commerciale", "societes commerciales"), "ess-company"),
}

_CLASSIFICATIONS = {rule: Classification("ENTERPRISE", family, f"ess-france-family:{rule}")
                    for rule, family in _RULES.items()}


def classify_family(value: str) -> Classification | None:
    rule = FAMILIES.get(fold(value))
    return _CLASSIFICATIONS[rule] if rule else None


@dataclass(slots=True)
class Listed:
    line: int
    name: str
    family: str  # the list's value, as written
    classification: Classification
    placements: list[tuple[int, Placement]] = field(default_factory=list)  # (line, placement) of each of its rows

    @property
    def lines(self) -> list[int]:
        return [line for line, _ in self.placements]

    @property
    def placement(self) -> tuple[int, Placement]:
        """(line, placement) of the enterprise: the commune all its placed rows name, else why it has none."""
        placed = {placement.code: (line, placement) for line, placement in self.placements if placement.code}
        if len(placed) == 1:
            return next(iter(placed.values()))
        if placed:
            communes = ", ".join(f"{p.code} {p.commune.name} (line {line})" for line, p in placed.values()
                                 if p.commune is not None)
            return self.line, Placement(None, reason=Unplaced.SEVERAL_COMMUNES, detail=f"its rows are in {len(placed)} "
                                        f"communes: {communes}; the enterprise is given none of its own")
        return self.placements[0]


@dataclass
class EssFranceFile:
    path: Path
    rows: int = 0
    units: dict[str, Listed] = field(default_factory=dict)
    rejected: list[Rejected] = field(default_factory=list)


def read_ess_france(path: Path, places: PlaceIndex, *, encoding: str = "auto",
                    on_row: OnRow | None = None) -> EssFranceFile:
    out = EssFranceFile(path)
    with CsvTable.open(path, required=REQUIRED, delimiter=delimiter_of(path, encoding), encoding=encoding) as table:
        for row in table:
            out.rows += 1
            _take(row, places, out)
            if on_row is not None:
                on_row(out.rows, table)
    return out


def _take(row: CsvRow, places: PlaceIndex, out: EssFranceFile) -> None:
    def reject(reason: str, detail: str) -> None:
        out.rejected.append(Rejected(row.line, reason, detail))

    values = row.values
    if row.problem:
        return reject("malformed row", row.problem)
    siren = values[SIREN].replace(" ", "")
    if not siren.isdigit() or len(siren) > 9 or not siren.strip("0"):
        return reject("invalid SIREN", f"SIREN {values[SIREN]!r} is not a number of at most 9 digits")
    siren = siren.zfill(9)
    name = values[NAME]
    if not name:
        return reject("no name", f"{NAME} is empty")
    placement = _place(values, places)
    known = out.units.get(siren)
    if known is not None:
        known.placements.append((row.line, placement))
        if (name, values[FAMILY]) != (known.name, known.family):
            return reject("conflicting rows", f"repeats SIREN {siren} of line {known.line} with another name or "
                          "family; the first is kept")
        return None
    classification = classify_family(values[FAMILY])
    if classification is None:
        return reject("family not classified", f"{FAMILY} {values[FAMILY]!r} is none of the list's families known to "
                      "graphdir/importers/ess_france.py")
    out.units[siren] = Listed(row.line, name, sys.intern(values[FAMILY]), classification, [(row.line, placement)])
    return None


def _place(values: dict[str, str], places: PlaceIndex) -> Placement:
    postal_code, commune = values[POSTAL_CODE], values[COMMUNE]
    if not postal_code and not commune:
        return Placement(None, reason=Unplaced.NO_PLACE, detail="no postal code or commune")
    return places.resolve(postal_code.zfill(5) if postal_code.isdigit() else postal_code, commune,
                          values.get(DEPARTEMENT, ""))
