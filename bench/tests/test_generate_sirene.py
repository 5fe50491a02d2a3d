"""The synthetic SIRENE pair: INSEE's columns, deterministic, valid keys, real communes, Lambert-93 inside France."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

from bench.generate_sirene import ESTABLISHMENT_COLUMNS, UNIT_COLUMNS, generate, luhn_key
from bench.lambert93 import to_lambert93, to_wgs84

COMMUNES = Path(__file__).resolve().parents[2] / "seeds" / "territories" / "communes.jsonl"


def luhn_valid(digits: str) -> bool:
    return luhn_key(digits[:-1]) == digits[-1]


def test_a_small_pair(tmp_path: Path) -> None:
    manifest = generate(tmp_path / "a", 500, 750, seed=7, zipped=False)
    again = generate(tmp_path / "b", 500, 750, seed=7, zipped=True)
    units_csv = (tmp_path / "a" / "StockUniteLegale_utf8.csv").read_bytes()
    with zipfile.ZipFile(tmp_path / "b" / "StockUniteLegale_utf8.zip") as archive:
        assert archive.namelist() == ["StockUniteLegale_utf8.csv"]
        assert archive.read("StockUniteLegale_utf8.csv") == units_csv
    assert {k: v for k, v in manifest.items() if k not in ("seconds", "zipped", "files")} == {
        k: v for k, v in again.items() if k not in ("seconds", "zipped", "files")}
    with (tmp_path / "a" / "StockUniteLegale_utf8.csv").open(encoding="utf-8") as f:
        units = list(csv.DictReader(f))
    with (tmp_path / "a" / "StockEtablissement_utf8.csv").open(encoding="utf-8") as f:
        reader = csv.DictReader(f)
        assert tuple(reader.fieldnames or ()) == ESTABLISHMENT_COLUMNS
        sites = list(reader)
    assert tuple(units[0]) == UNIT_COLUMNS
    assert manifest["ess_units"] == sum(u["economieSocialeSolidaireUniteLegale"] == "O" and
                                        u["statutDiffusionUniteLegale"] == "O" for u in units) == 500
    assert manifest["establishments"] == len(sites)
    assert all(u["denominationUniteLegale"].startswith("SYNTHETIC") or u["denominationUniteLegale"] == "[ND]"
               for u in units)
    assert all(luhn_valid(u["siren"]) for u in units) and all(luhn_valid(s["siret"]) for s in sites)
    assert [u["siren"] for u in units] == sorted(u["siren"] for u in units)
    heads = {s["siret"] for s in sites if s["etablissementSiege"] == "true"}
    assert {u["siren"] + u["nicSiegeUniteLegale"] for u in units} == heads
    codes = {json.loads(line)["code"] for line in COMMUNES.read_text(encoding="utf-8").splitlines()}
    arrondissements = {f"751{n:02d}" for n in range(1, 21)} | {f"6938{n}" for n in range(1, 10)} | {
        f"132{n:02d}" for n in range(1, 17)}
    assert all(s["codeCommuneEtablissement"] in codes | arrondissements for s in sites)
    placed = [s for s in sites if s["coordonneeLambertAbscisseEtablissement"] != "[ND]"]
    assert all(90_000 < float(s["coordonneeLambertAbscisseEtablissement"]) < 1_250_000 and
               6_030_000 < float(s["coordonneeLambertOrdonneeEtablissement"]) < 7_120_000 for s in placed)


def test_lambert93_of_known_points() -> None:
    x, y = to_lambert93(46.5, 3.0)  # the projection's origin
    assert (round(x), round(y)) == (700000, 6600000)
    latitude, longitude = to_wgs84(*to_lambert93(42.7, 9.45))
    assert (round(latitude, 7), round(longitude, 7)) == (42.7, 9.45)
    x, y = to_lambert93(48.8566, 2.3522)  # Paris, Hôtel de Ville
    assert abs(x - 652000) < 1000 and abs(y - 6862000) < 1000  # published: about 652 km E, 6,862 km N
