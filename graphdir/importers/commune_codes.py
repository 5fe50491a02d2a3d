"""Placing a row that gives an INSEE commune code (RNA's adrs_codeinsee, a sheet's commune code) in a commune.

    placement = place_by_code(index, "75114", postal_code="75014", name="PARIS")
    placement.code -> "75056", placement.method -> "commune-code"

The COG 2026 communes the graph holds (PlaceIndex.by_code) are the reference. A municipal arrondissement's code
(Paris 75101-75120, Lyon 69381-69389, Marseille 13201-13216) is its commune's: the graph holds the three communes,
not their arrondissements. A code the COG does not hold (a commune merged since the row was written, a typing error)
is not guessed from: the row's postal code and commune name are tried through the place index instead
(places.PlaceIndex.resolve, ambiguity reported), and without them it is not placed.
"""

from __future__ import annotations

import re

from graphdir.importers.places import PlaceIndex, Placement, Unplaced

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
        why = f"commune code {code} is not in the COG 2026"
    else:
        why = f"commune code {code!r} is not an INSEE code" if code else "no commune code"
    if postal_code.strip() and name.strip():
        by_name = index.resolve(postal_code, name)
        if by_name.commune is not None:
            return Placement(by_name.commune, by_name.method, detail=f"{why}; placed by postal code and name")
        return Placement(None, reason=by_name.reason, detail=f"{why}; {by_name.detail}")
    return Placement(None, reason=Unplaced.UNKNOWN_COMMUNE_CODE, detail=why)
