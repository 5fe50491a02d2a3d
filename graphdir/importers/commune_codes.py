"""Placing a row that gives an INSEE commune code (RNA's adrs_codeinsee, a sheet's commune code) in a commune.

    placement = place_by_code(index, "75114", postal_code="75014", name="PARIS")
    placement.code -> "75056", placement.method -> "commune-code"

The COG 2026 communes the graph holds (PlaceIndex.by_code) are the reference. A municipal arrondissement's code
(Paris 75101-75120, Lyon 69381-69389, Marseille 13201-13216) is its commune's: the graph holds the three communes,
not their arrondissements. The code of a former commune (one merged into a commune nouvelle since the row was
written: a commune's `formerCodes`, seeds/territories/README.md) is the commune it is now inside, and the placement's
`history` says so: 01126 (Bellegarde-sur-Valserine) is Valserhône, 01033. A former code two communes claim (55273,
in the COG 2026 both a commune associée of 55386 and a former code of 55245) is not guessed: the row's postal code and
name decide between them, or it is reported AMBIGUOUS. Any other code the COG does not hold (a typing error) is not
guessed from either: the row's postal code and commune name are tried through the place index instead
(places.PlaceIndex.resolve, ambiguity reported), and without them it is not placed.
"""

from __future__ import annotations

import re

from graphdir.importers.places import Commune, PlaceIndex, Placement, Unplaced

_CODE = re.compile(r"[0-9][0-9AB][0-9]{3}")
_ARRONDISSEMENTS = (("751", range(101, 121), "75056"), ("693", range(381, 390), "69123"),
                    ("132", range(201, 217), "13055"))


def commune_of_arrondissement(code: str) -> str | None:
    for prefix, numbers, commune in _ARRONDISSEMENTS:
        if code.startswith(prefix) and code.isdigit() and int(code[2:]) in numbers:
            return commune
    return None


def place_by_code(index: PlaceIndex, code: str, *, postal_code: str = "", name: str = "") -> Placement:
    code = code.strip().upper()
    if _CODE.fullmatch(code):
        commune = index.by_code.get(commune_of_arrondissement(code) or code)
        if commune is not None:
            return Placement(commune, "commune-code")
        heirs = index.by_former_code.get(code, [])
        if len(heirs) == 1:
            return Placement(heirs[0], "commune-code", history=f"commune code {code} is a former commune now inside "
                             f"{heirs[0].code} {heirs[0].name}")
        if heirs:
            return _between(index, code, heirs, postal_code, name)
        why = f"commune code {code} is not in the COG 2026"
    else:
        why = f"commune code {code!r} is not an INSEE code" if code else "no commune code"
    if postal_code.strip() and name.strip():
        by_name = index.resolve(postal_code, name)
        if by_name.commune is not None:
            return Placement(by_name.commune, by_name.method, detail=f"{why}; placed by postal code and name")
        return Placement(None, reason=by_name.reason, detail=f"{why}; {by_name.detail}")
    return Placement(None, reason=Unplaced.UNKNOWN_COMMUNE_CODE, detail=why)


def _between(index: PlaceIndex, code: str, heirs: list[Commune], postal_code: str, name: str) -> Placement:
    """A former code that several communes claim: the row's postal code and name may name one of them."""
    claimed = ", ".join(f"{c.code} {c.name}" for c in heirs)
    why = f"commune code {code} is a former commune now inside {len(heirs)} communes ({claimed})"
    by_name = index.resolve(postal_code, name) if postal_code.strip() and name.strip() else None
    if by_name is not None and by_name.commune in heirs:
        return Placement(by_name.commune, by_name.method,
                         history=f"{why}; the row's postal code and name are those of {by_name.commune.code}")
    return Placement(None, reason=Unplaced.AMBIGUOUS, detail=f"{why}: the row does not say which"
                     + (f" ({by_name.detail or by_name.code})" if by_name is not None else ""))
