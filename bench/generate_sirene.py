"""A France-scale SIRENE pair, StockUniteLegale and StockEtablissement, in INSEE's format: every row synthetic.

    python -m bench.generate_sirene OUT_DIR [--units 1000000] [--establishments 1500000] [--seed 20121] [--zip]

Writes OUT_DIR/StockUniteLegale_utf8.csv and OUT_DIR/StockEtablissement_utf8.csv (or the .zip of each, one CSV
inside, as INSEE publishes them), with INSEE's columns in INSEE's order (',', UTF-8, a header line), sorted by SIREN,
and OUT_DIR/manifest.json (the counts, what an importer should take in). Deterministic from the seed; streamed (one
unit and its establishments in memory at a time).

What is synthetic, and what is real:
- every name starts with "SYNTHETIC" (denominationUniteLegale, enseigne1Etablissement); SIREN are 9xxxxxxxx with a
  valid Luhn key, SIRET the SIREN + a NIC with a valid key, RNA ids W99xxxxxxx: invented, never a real unit's;
- `--units` ESS units (flag O): 80% associations (9220; 9260 in Alsace-Moselle; some 9210, 9230), 8% cooperatives,
  1.5% mutuals, 0.5% foundations, 10% ESS commercial companies (SAS 5710, SARL 5499 with the flag), legal-form codes
  of the README's table; besides them 5% of non-ESS units (flag N or empty) and 1% of units not to publish
  (statutDiffusionUniteLegale P, fields [ND]): an importer skips both. 3% of units are ceased (etatAdministratif C,
  dateDebut the ceasing date), their establishments closed (F);
- establishments: one head office per unit (nicSiegeUniteLegale), the rest of about `--establishments` spread at
  random over the units, each in a real commune of the COG 2026 (seeds/territories/communes.jsonl, metropolitan France
  and Corsica, weighted by population) with one of its postal codes and INSEE-style upper-case name (in Paris, Lyon
  and Marseille the arrondissement's code and name, as SIRENE gives them), at Lambert-93 (EPSG:2154) coordinates
  within ~3 km of the commune's centre (projected from its latitude and longitude).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import math
import random
import sys
import time
import unicodedata
import zipfile
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from bench.lambert93 import to_lambert93

ROOT = Path(__file__).resolve().parents[1]
COMMUNES = ROOT / "seeds" / "territories" / "communes.jsonl"
UNITS_FILE, ESTABLISHMENTS_FILE = "StockUniteLegale_utf8", "StockEtablissement_utf8"

UNIT_COLUMNS = (
    "siren", "statutDiffusionUniteLegale", "unitePurgeeUniteLegale", "dateCreationUniteLegale", "sigleUniteLegale",
    "sexeUniteLegale", "prenom1UniteLegale", "prenom2UniteLegale", "prenom3UniteLegale", "prenom4UniteLegale",
    "prenomUsuelUniteLegale", "pseudonymeUniteLegale", "identifiantAssociationUniteLegale",
    "trancheEffectifsUniteLegale", "anneeEffectifsUniteLegale", "dateDernierTraitementUniteLegale",
    "nombrePeriodesUniteLegale", "categorieEntreprise", "anneeCategorieEntreprise", "dateDebut",
    "etatAdministratifUniteLegale", "nomUniteLegale", "nomUsageUniteLegale", "denominationUniteLegale",
    "denominationUsuelle1UniteLegale", "denominationUsuelle2UniteLegale", "denominationUsuelle3UniteLegale",
    "categorieJuridiqueUniteLegale", "activitePrincipaleUniteLegale", "nomenclatureActivitePrincipaleUniteLegale",
    "nicSiegeUniteLegale", "economieSocialeSolidaireUniteLegale", "societeMissionUniteLegale",
    "caractereEmployeurUniteLegale", "activitePrincipaleNAF25UniteLegale",
)
ESTABLISHMENT_COLUMNS = (
    "siren", "nic", "siret", "statutDiffusionEtablissement", "dateCreationEtablissement",
    "trancheEffectifsEtablissement", "anneeEffectifsEtablissement", "activitePrincipaleRegistreMetiersEtablissement",
    "dateDernierTraitementEtablissement", "etablissementSiege", "nombrePeriodesEtablissement",
    "complementAdresseEtablissement", "numeroVoieEtablissement", "indiceRepetitionEtablissement",
    "dernierNumeroVoieEtablissement", "indiceRepetitionDernierNumeroVoieEtablissement", "typeVoieEtablissement",
    "libelleVoieEtablissement", "codePostalEtablissement", "libelleCommuneEtablissement",
    "libelleCommuneEtrangerEtablissement", "distributionSpecialeEtablissement", "codeCommuneEtablissement",
    "codeCedexEtablissement", "libelleCedexEtablissement", "codePaysEtrangerEtablissement",
    "libellePaysEtrangerEtablissement", "identifiantAdresseEtablissement", "coordonneeLambertAbscisseEtablissement",
    "coordonneeLambertOrdonneeEtablissement", "complementAdresse2Etablissement", "numeroVoie2Etablissement",
    "indiceRepetition2Etablissement", "typeVoie2Etablissement", "libelleVoie2Etablissement",
    "codePostal2Etablissement", "libelleCommune2Etablissement", "libelleCommuneEtranger2Etablissement",
    "distributionSpeciale2Etablissement", "codeCommune2Etablissement", "codeCedex2Etablissement",
    "libelleCedex2Etablissement", "codePaysEtranger2Etablissement", "libellePaysEtranger2Etablissement", "dateDebut",
    "etatAdministratifEtablissement", "enseigne1Etablissement", "enseigne2Etablissement", "enseigne3Etablissement",
    "denominationUsuelleEtablissement", "activitePrincipaleEtablissement",
    "nomenclatureActivitePrincipaleEtablissement", "caractereEmployeurEtablissement",
    "activitePrincipaleNAF25Etablissement",
)
# (share, legal-form codes, NAF codes) per family; codes from ../shared/open-data/README.md's table.
FAMILIES = (
    (0.80, ("9220",) * 14 + ("9210", "9230"), ("94.99Z", "88.99B", "85.59A", "93.12Z", "90.01Z", "94.12Z")),
    (0.08, ("5460", "5458", "5560", "6317", "6316", "5547", "5459", "6318"), ("01.61Z", "43.21A", "62.01Z", "64.19Z")),
    (0.015, ("8210", "8250", "6411"), ("65.12Z", "65.11Z", "86.10Z")),
    (0.005, ("9300",), ("94.99Z", "72.19Z")),
    (0.10, ("5710", "5710", "5499", "5720"), ("62.01Z", "38.32Z", "47.91B", "56.10A")),
)
NON_ESS = (("5499", "5710", "5720", "6540"), ("47.11F", "68.20A", "70.22Z"))
WORDS = ("SOLIDAIRE", "ENTRAIDE", "COOPERATIVE", "AVENIR", "RESSOURCERIE", "JARDINS", "QUARTIER", "CULTURE",
         "SPORT", "INSERTION", "PARTAGE", "TERRITOIRE", "MUTUELLE", "FONDATION", "ATELIER", "EPICERIE", "ENERGIE",
         "HABITAT", "MOBILITE", "NUMERIQUE", "SANTE", "EDUCATION", "LOISIRS", "TOURISME", "AGRICOLE")
STREETS = ("DE LA REPUBLIQUE", "VICTOR HUGO", "DES ECOLES", "DU MOULIN", "JEAN JAURES", "DE LA GARE", "PASTEUR",
           "DU STADE", "DES LILAS", "DE L EGLISE", "GAMBETTA", "DU CHATEAU")
STREET_TYPES = ("RUE", "RUE", "RUE", "AV", "BD", "PL", "CHE", "ALL", "RTE", "IMP")
HEADCOUNTS = ("NN", "NN", "NN", "00", "01", "02", "03", "11", "12", "21")


@dataclass(frozen=True, slots=True)
class Commune:
    code: str
    name: str  # as INSEE writes libelleCommuneEtablissement: upper case, no accents
    postal_codes: tuple[str, ...]
    departement: str
    x: float  # Lambert-93 of the centre
    y: float


# SIRENE gives an establishment of Paris, Lyon or Marseille its municipal arrondissement's code and name: the
# arrondissement number is the postal code's last two digits (75116 is the 16th).
ARRONDISSEMENTS = {"75056": ("751", "PARIS"), "69123": ("6938", "LYON"), "13055": ("132", "MARSEILLE")}


def sirene_commune(commune: Commune, postal_code: str) -> tuple[str, str]:
    """(codeCommuneEtablissement, libelleCommuneEtablissement) for an establishment at that postal code."""
    if commune.code not in ARRONDISSEMENTS:
        return commune.code, commune.name
    prefix, name = ARRONDISSEMENTS[commune.code]
    number = int(postal_code[-2:])
    return f"{prefix}{number:0{5 - len(prefix)}d}", f"{name} {number}"


def insee_name(name: str) -> str:
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return folded.upper().replace("'", " ").replace("Œ", "OE")


def read_communes(path: Path = COMMUNES) -> tuple[list[Commune], list[float]]:
    """Metropolitan and Corsican communes with a location and a postal code; cumulative population weights."""
    communes, weights, total = [], [], 0.0
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            location, postal = record.get("location"), record.get("postalCodes") or []
            if record.get("level") != "COMMUNE" or not location or not postal or record["code"].startswith("97"):
                continue
            departement = next((p["territory"].split(":")[1] for p in record["parents"]
                                if p["territory"].startswith("departement:")), None)
            if departement is None:  # the overseas collectivités
                continue
            x, y = to_lambert93(location["latitude"], location["longitude"])
            communes.append(Commune(record["code"], insee_name(record["name"]), tuple(postal), departement, x, y))
            total += max(record.get("population") or 0, 50)
            weights.append(total)
    return communes, weights


def luhn_key(digits: str) -> str:
    """The digit that makes `digits` + it pass the Luhn check (SIREN and SIRET carry one)."""
    total = 0
    for i, char in enumerate(reversed(digits)):
        d = int(char) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def siren_of(index: int) -> str:
    base = f"9{index:07d}"
    return base + luhn_key(base)


def nic_of(siren: str, number: int) -> str:
    base = f"{number:04d}"
    return base + luhn_key(siren + base)


def _date(rng: random.Random, start: int, end: int) -> str:
    year = min(end, start + int((end - start) * rng.random() ** 0.5))
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


class Generator:
    def __init__(self, units: int, establishments: int, seed: int) -> None:
        if establishments < units:
            raise SystemExit("--establishments must be at least --units (every unit has its head office)")
        self.rng = random.Random(seed)
        self.ess_units, self.establishments = units, establishments
        self.communes, self.weights = read_communes()
        self.counts = {"units": 0, "ess_units": 0, "non_ess_units": 0, "not_published_units": 0, "ceased_units": 0,
                       "establishments": 0, "establishments_of_importable_units": 0}

    def commune(self) -> Commune:
        return self.communes[bisect(self.weights, self.rng.random() * self.weights[-1])]

    def extra_sites(self, total_units: int) -> Iterator[int]:
        """How many establishments beyond the head office each unit gets (the extra ones spread at random)."""
        left_units, left_extra = total_units, self.establishments - self.ess_units
        for _ in range(total_units):
            # each extra establishment lands on this unit with chance 1/left_units: binomial, drawn cheaply
            mean = left_extra / left_units if left_units else 0
            extra = min(left_extra, _poisson(self.rng, mean)) if left_units > 1 else left_extra
            left_units, left_extra = left_units - 1, left_extra - extra
            yield extra

    def rows(self) -> Iterator[tuple[list[str], list[list[str]]]]:
        rng = self.rng
        non_ess = self.ess_units // 20
        hidden = self.ess_units // 100
        total = self.ess_units + non_ess + hidden
        kinds = ["ess"] * self.ess_units + ["non-ess"] * non_ess + ["hidden"] * hidden
        rng.shuffle(kinds)
        for index, (kind, extra) in enumerate(zip(kinds, self.extra_sites(total), strict=True)):
            yield self.unit(index, kind, extra)

    def unit(self, index: int, kind: str, extra: int) -> tuple[list[str], list[list[str]]]:
        rng = self.rng
        siren = siren_of(index + 1)
        head = self.commune()
        ceased = rng.random() < 0.03
        if kind == "non-ess":
            codes, nafs = NON_ESS
            flag = rng.choice(("N", "N", ""))
        else:
            share, pick = rng.random(), FAMILIES[-1]
            for family in FAMILIES:
                if share < family[0]:
                    pick = family
                    break
                share -= family[0]
            codes, nafs, flag = pick[1], pick[2], "O"
        legal_form = rng.choice(codes)
        if legal_form == "9220" and head.departement in ("57", "67", "68"):
            legal_form = "9260"  # association de droit local
        association = legal_form.startswith("92")
        name = f"SYNTHETIC {rng.choice(WORDS)} {rng.choice(WORDS)} {index + 1}"
        created = _date(rng, 1901, 2025)
        naf = rng.choice(nafs)
        sites = 1 + extra
        self.counts["units"] += 1
        self.counts["establishments"] += sites
        self.counts["ceased_units"] += ceased
        importable = kind == "ess"
        self.counts[{"ess": "ess_units", "non-ess": "non_ess_units", "hidden": "not_published_units"}[kind]] += 1
        if importable:
            self.counts["establishments_of_importable_units"] += sites
        hidden = kind == "hidden"
        headcount = rng.choice(HEADCOUNTS)
        unit = {
            "siren": siren, "statutDiffusionUniteLegale": "P" if hidden else "O", "dateCreationUniteLegale": created,
            "identifiantAssociationUniteLegale": f"W99{index + 1:07d}" if association and not hidden else "",
            "trancheEffectifsUniteLegale": headcount, "anneeEffectifsUniteLegale": "" if headcount == "NN" else "2023",
            "dateDernierTraitementUniteLegale": f"2025-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}T03:"
                                                f"{rng.randint(10, 59)}:{rng.randint(10, 59)}",
            "nombrePeriodesUniteLegale": str(rng.randint(1, 4)), "categorieEntreprise": "PME",
            "anneeCategorieEntreprise": "2022", "dateDebut": _date(rng, int(created[:4]), 2025),
            "etatAdministratifUniteLegale": "C" if ceased else "A",
            "denominationUniteLegale": "[ND]" if hidden else name, "categorieJuridiqueUniteLegale": legal_form,
            "activitePrincipaleUniteLegale": naf, "nomenclatureActivitePrincipaleUniteLegale": "NAFRev2",
            "nicSiegeUniteLegale": nic_of(siren, 1), "economieSocialeSolidaireUniteLegale": flag,
            "societeMissionUniteLegale": "N",
            "caractereEmployeurUniteLegale": "N" if headcount in ("NN", "00") else "O",
        }
        establishments = [self.establishment(siren, number, head if number == 1 else self.commune(), name, naf,
                                             created, ceased, hidden) for number in range(1, sites + 1)]
        return [unit.get(column, "") for column in UNIT_COLUMNS], establishments

    def establishment(self, siren: str, number: int, commune: Commune, name: str, naf: str, created: str,
                      ceased: bool, hidden: bool) -> list[str]:
        rng = self.rng
        nic = nic_of(siren, number)
        radius, angle = 3000 * math.sqrt(rng.random()), rng.random() * 2 * math.pi
        closed = ceased or rng.random() < 0.05
        postal_code = rng.choice(commune.postal_codes)
        code, commune_name = sirene_commune(commune, postal_code)
        row = {
            "siren": siren, "nic": nic, "siret": siren + nic, "statutDiffusionEtablissement": "P" if hidden else "O",
            "dateCreationEtablissement": _date(rng, int(created[:4]), 2025), "trancheEffectifsEtablissement": "NN",
            "dateDernierTraitementEtablissement": "2025-06-01T02:10:44", "etablissementSiege": str(number == 1).lower(),
            "nombrePeriodesEtablissement": "1", "numeroVoieEtablissement": str(rng.randint(1, 180)),
            "typeVoieEtablissement": rng.choice(STREET_TYPES), "libelleVoieEtablissement": rng.choice(STREETS),
            "codePostalEtablissement": postal_code, "libelleCommuneEtablissement": commune_name,
            "codeCommuneEtablissement": code,
            "coordonneeLambertAbscisseEtablissement": f"{commune.x + radius * math.cos(angle):.1f}",
            "coordonneeLambertOrdonneeEtablissement": f"{commune.y + radius * math.sin(angle):.1f}",
            "dateDebut": _date(rng, int(created[:4]), 2025), "etatAdministratifEtablissement": "F" if closed else "A",
            "enseigne1Etablissement": "" if number == 1 else f"{name} SITE {number}",
            "activitePrincipaleEtablissement": naf, "nomenclatureActivitePrincipaleEtablissement": "NAFRev2",
            "caractereEmployeurEtablissement": "N",
        }
        if hidden:  # INSEE masks the address of a unit that asked not to be published
            for key in ("numeroVoieEtablissement", "typeVoieEtablissement", "libelleVoieEtablissement",
                        "coordonneeLambertAbscisseEtablissement", "coordonneeLambertOrdonneeEtablissement"):
                row[key] = "[ND]"
        return [row.get(column, "") for column in ESTABLISHMENT_COLUMNS]


def _poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


@contextlib.contextmanager
def _output(folder: Path, name: str, zipped: bool) -> Iterator[IO[str]]:
    if not zipped:
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as out:
            yield out
        return
    with zipfile.ZipFile(folder / f"{name}.zip", "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive, \
            archive.open(f"{name}.csv", "w", force_zip64=True) as raw, \
            io.TextIOWrapper(raw, encoding="utf-8", newline="") as out:
        yield out


def generate(folder: Path, units: int, establishments: int, seed: int, zipped: bool) -> dict[str, object]:
    folder.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    generator = Generator(units, establishments, seed)
    with _output(folder, UNITS_FILE, zipped) as unit_out, _output(folder, ESTABLISHMENTS_FILE, zipped) as site_out:
        unit_csv, site_csv = csv.writer(unit_out, lineterminator="\n"), csv.writer(site_out, lineterminator="\n")
        unit_csv.writerow(UNIT_COLUMNS)
        site_csv.writerow(ESTABLISHMENT_COLUMNS)
        for unit, sites in generator.rows():
            unit_csv.writerow(unit)
            site_csv.writerows(sites)
    suffix = ".zip" if zipped else ".csv"
    manifest: dict[str, object] = {
        "synthetic": True, "seed": seed, "zipped": zipped, "files": [UNITS_FILE + suffix, ESTABLISHMENTS_FILE + suffix],
        **generator.counts, "seconds": round(time.monotonic() - started, 1)}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="the folder to write the pair and manifest.json into")
    parser.add_argument("--units", type=int, default=1_000_000, help="ESS units (default 1,000,000)")
    parser.add_argument("--establishments", type=int, help="establishments of the ESS units (default 1.5 x units)")
    parser.add_argument("--seed", type=int, default=20121)
    parser.add_argument("--zip", action="store_true", help="write each file as a zip holding its CSV, as INSEE does")
    args = parser.parse_args(argv)
    manifest = generate(args.out, args.units, args.establishments or args.units * 3 // 2, args.seed, args.zip)
    print(json.dumps(manifest, indent=2), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
