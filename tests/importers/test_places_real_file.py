"""Every row of the real SIAE list (../shared/open-data/siae-2019-07.csv), placed, and checked against the COG.

The check does not trust the importer's code: it reads the COG seed itself and compares with its own, plainer
folding (no article or CEDEX handling: the rows do not need it) that the placed commune's postal codes hold the row's
CODE_POSTAL, or its département is the row's CODE_DEPARTEMENT, and that its name, or one of the former names the
seed lists for it (its history), is the row's COMMUNE. The rows placed by a former name are the communes merged or
renamed since 2019 (Herblay, Oissel, Capavenir Vosges...).
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

from graphdir.importers.places import PlaceIndex
from tests.importers.open_data import SIAE_2019_07, real_file

COG = Path(__file__).resolve().parents[2] / "seeds" / "territories" / "communes.jsonl"
_WORDS = {"st": "saint", "ste": "sainte"}


def plain(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.replace("œ", "oe").replace("Œ", "OE")).encode("ascii", "ignore")
    words = [_WORDS.get(w, w) for w in re.split(r"[^a-z0-9]+", text.decode().lower()) if w and w not in ("l", "d")]
    if words and words[0] in ("paris", "lyon", "marseille") and len(words) == 2 and words[1].isdigit():
        words = words[:1]  # "PARIS 15": the COG lists Paris, with the arrondissements' postal codes
    return " ".join(words)


def departement(code: str) -> str:
    code = code.upper()
    code = code[1:] if len(code) == 3 and code.startswith("0") else code
    return code[:2] if code[-1].isalpha() and code[:2].isdigit() else code


def cog_communes() -> dict[str, tuple[set[str], set[str], str]]:
    """The COG seed read here, not through the importer: code -> (name and former names, postal codes, département)."""
    cog = {}
    with COG.open(encoding="utf-8") as lines:
        for line in lines:
            commune = json.loads(line)
            parents = [p["territory"].split(":")[1] for p in commune["parents"]
                       if p["territory"].startswith(("departement:", "collectivite:"))]
            names = {commune["name"], *commune.get("formerNames", ())}
            cog[commune["code"]] = (names, set(commune.get("postalCodes") or ()), parents[0])
    return cog


def test_every_placed_row_is_in_the_commune_it_names() -> None:
    path = real_file(SIAE_2019_07)
    cog = cog_communes()
    places = PlaceIndex.from_jsonl(COG)
    figures: Counter[str] = Counter()
    wrong = []
    with path.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle, delimiter=";"), 2):
            placed = places.resolve(row["CODE_POSTAL"], row["COMMUNE"], row["CODE_DEPARTEMENT"])
            if placed.code is None:
                assert placed.reason is not None and placed.detail
                figures[f"not placed: {placed.reason.value}"] += 1
                continue
            figures[f"placed by {placed.method}"] += 1
            figures["of them by a former name"] += bool(placed.history)
            names, postal_codes, its_departement = cog[placed.code]
            where = row["CODE_POSTAL"] in postal_codes or its_departement == departement(row["CODE_DEPARTEMENT"])
            if not where or plain(row["COMMUNE"]) not in {plain(name) for name in names}:
                wrong.append((line, row["CODE_POSTAL"], row["COMMUNE"], placed.code, names))
    print(f"\n{path.name}: {sum(figures.values())} rows, " + ", ".join(f"{k} {v}" for k, v in sorted(figures.items())))
    assert wrong == []
    assert sum(v for k, v in figures.items() if k != "of them by a former name") == 3932
    placed = figures["placed by postal-code"] + figures["placed by departement"]
    assert figures["of them by a former name"] == 16
    assert placed == 3932
    assert not figures["not placed: ambiguous"]
