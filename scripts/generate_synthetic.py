#!/usr/bin/env python3
"""Generate SYNTHETIC ESS organizations for scale tests and benchmarks. None of these organizations exists.

Deterministic from --seed. Organizations are placed in real communes (read from seeds/territories/communes.jsonl) in
proportion to population; families follow the shares of the founding document (CRES Auvergne 2012: 79% of ESS employees
in associations, 13% in cooperatives, 5% in mutuals; the remaining 3% split between foundations and ESS companies).
Federations are grouped by family and région and are members of their région's (synthetic) chamber; enterprises are
members of federations of their family, mostly in their own région. Conventions of 2 to 5 parties, people and roles
complete the network.

Every record is marked `synthetic: true` (organizations) or cites the source `src-synthetic`, and every id starts with
`syn-`. The output is JSON Lines in the format of seeds/FORMAT.md, loaded through the admins' loader:

    python scripts/generate_synthetic.py --organizations 100000 --out bench/data/synthetic-100k
    graphdir load bench/data/synthetic-100k
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from graphdir.vocabulary import ConventionKind, ConventionStatus, OrganizationFamily, OrganizationKind, Relationship

ROOT = Path(__file__).resolve().parents[1]
COMMUNES = ROOT / "seeds" / "territories" / "communes.jsonl"
SOURCE_ID = "src-synthetic"
# Every family but MIXED (the chambers'), and the word its organizations' names start with.
_F = OrganizationFamily
FAMILY_SHARES = [(_F.ASSOCIATION.value, 0.79), (_F.COOPERATIVE.value, 0.13), (_F.MUTUAL.value, 0.05),
                 (_F.FOUNDATION.value, 0.015), (_F.ESS_COMPANY.value, 0.015)]
FAMILY_WORDS = {_F.ASSOCIATION.value: "Association", _F.COOPERATIVE.value: "Coopérative", _F.MUTUAL.value: "Mutuelle",
                _F.FOUNDATION.value: "Fondation", _F.ESS_COMPANY.value: "Entreprise ESS"}
CHAMBER, FEDERATION, ENTERPRISE = (OrganizationKind.REGIONAL_CHAMBER.value, OrganizationKind.FEDERATION.value,
                                   OrganizationKind.ENTERPRISE.value)
MEMBER_OF = Relationship.MEMBER_OF.value
PARTNERSHIP, SIGNED = ConventionKind.PARTNERSHIP.value, ConventionStatus.SIGNED.value
ROLE_TITLES = ["Président", "Présidente", "Directeur", "Directrice", "Trésorier"]
ACTIVITIES = ["insertion", "culture", "sport", "santé", "habitat", "alimentation", "mobilité", "éducation",
              "environnement", "services à la personne", "numérique", "finance solidaire", "tourisme", "agriculture"]
EARTH_KM_PER_DEGREE = 111.32
# Share of organizations given only their commune (the loader then places them at its centre, flagged approximate).
COMMUNE_ONLY_SHARE = 0.1


@dataclass(frozen=True)
class Commune:
    code: str
    region: str
    population: int
    latitude: float
    longitude: float


def read_communes(path: Path = COMMUNES) -> list[Commune]:
    communes = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            location = row.get("location")
            region = next((p["territory"] for p in row.get("parents", [])
                           if p["territory"].startswith("region:") and "until" not in p), None)
            if location is None or region is None:
                continue
            communes.append(Commune(row["code"], region.split(":", 1)[1], max(int(row.get("population") or 0), 1),
                                    location["latitude"], location["longitude"]))
    communes.sort(key=lambda c: c.code)
    return communes


def jitter(rng: random.Random, latitude: float, longitude: float, radius_km: float) -> tuple[float, float]:
    """A point uniformly drawn in a disc of radius_km around (latitude, longitude)."""
    distance = radius_km * math.sqrt(rng.random())
    bearing = rng.random() * 2 * math.pi
    dlat = distance * math.cos(bearing) / EARTH_KM_PER_DEGREE
    dlon = distance * math.sin(bearing) / (EARTH_KM_PER_DEGREE * math.cos(math.radians(latitude)))
    return round(latitude + dlat, 6), round(longitude + dlon, 6)


class WeightedCommunes:
    def __init__(self, communes: list[Commune]) -> None:
        self.communes = communes
        self.cumulative = list(itertools.accumulate(c.population for c in communes))

    def pick(self, rng: random.Random) -> Commune:
        return self.communes[bisect.bisect_left(self.cumulative, rng.random() * self.cumulative[-1])]


def pick_family(rng: random.Random) -> str:
    draw = rng.random()
    for family, share in FAMILY_SHARES:
        if draw < share:
            return family
        draw -= share
    return FAMILY_SHARES[0][0]


def random_date(rng: random.Random) -> str:
    return f"{rng.randint(2000, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def write(out: TextIO, kind: str, record: dict[str, Any]) -> None:
    out.write(json.dumps({"$kind": kind, **record}, ensure_ascii=False, separators=(",", ":")) + "\n")


def organization(oid: str, name: str, kind: str, family: str, commune: Commune, rng: random.Random,
                 description: str) -> dict[str, Any]:
    record: dict[str, Any] = {"id": oid, "name": name, "kind": kind, "family": family, "commune": commune.code,
                              "description": description, "synthetic": True,
                              "cited": [{"source": SOURCE_ID, "excerpt": "synthetic record"}]}
    if rng.random() >= COMMUNE_ONLY_SHARE:
        latitude, longitude = jitter(rng, commune.latitude, commune.longitude, 3.0)
        record["location"] = {"latitude": latitude, "longitude": longitude}
    return record


def relation(kind: str, source: str, target: str, since: str | None = None, role: str | None = None) -> dict[str, Any]:
    record: dict[str, Any] = {"type": kind, "from": source, "to": target, "source": SOURCE_ID,
                              "excerpt": "synthetic record"}
    if since:
        record["since"] = since
    if role:
        record["role"] = role
    return record


def generate(out_dir: Path, organizations: int, seed: int, federations: int | None = None,
             memberships: float = 3.0, conventions: int | None = None, people: int | None = None) -> dict[str, int]:
    rng = random.Random(seed)
    communes = read_communes()
    weighted = WeightedCommunes(communes)
    federations = federations if federations is not None else max(organizations // 500, 10)
    conventions = conventions if conventions is not None else organizations // 20
    people = people if people is not None else organizations // 10
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}

    with (out_dir / "00-sources.jsonl").open("w", encoding="utf-8") as out:
        write(out, "sources", {"id": SOURCE_ID, "document": "scripts/generate_synthetic.py",
                               "title": f"SYNTHETIC scale-test data (seed {seed}, {organizations} organizations): "
                                        "generated, not real organizations"})

    regions = sorted({c.region for c in communes})
    biggest = {r: max((c for c in communes if c.region == r), key=lambda c: c.population) for r in regions}
    region_weight = {r: sum(c.population for c in communes if c.region == r) for r in regions}
    feds_by_key: dict[tuple[str, str], list[str]] = {}
    with (out_dir / "10-networks.jsonl").open("w", encoding="utf-8") as out:
        for region in regions:
            write(out, "organizations", organization(
                f"syn-chamber-{region}", f"Chambre régionale synthétique {region}", CHAMBER, _F.MIXED.value,
                biggest[region], rng, "SYNTHETIC regional chamber"))
        for n in range(federations):
            family = pick_family(rng)
            region = rng.choices(regions, weights=[region_weight[r] for r in regions])[0]
            fid = f"syn-fed-{n:05d}"
            feds_by_key.setdefault((family, region), []).append(fid)
            write(out, "organizations", organization(
                fid, f"Fédération synthétique {FAMILY_WORDS[family].lower()} {n:05d}", FEDERATION, family,
                biggest[region], rng, f"SYNTHETIC federation of {family.lower()} actors, région {region}"))
            write(out, "relations", relation(MEMBER_OF, fid, f"syn-chamber-{region}"))
    counts["chambers"] = len(regions)
    counts["federations"] = federations
    feds_by_family: dict[str, list[str]] = {}
    for (family, _), ids in sorted(feds_by_key.items()):
        feds_by_family.setdefault(family, []).extend(ids)

    membership_count = 0
    enterprise_ids: list[str] = []
    with (out_dir / "20-organizations.jsonl").open("w", encoding="utf-8") as out:
        for n in range(organizations):
            family = pick_family(rng)
            commune = weighted.pick(rng)
            activity = rng.choice(ACTIVITIES)
            oid = f"syn-org-{n:07d}"
            enterprise_ids.append(oid)
            write(out, "organizations", organization(
                oid, f"{FAMILY_WORDS[family]} synthétique {activity} {n:07d}", ENTERPRISE, family, commune, rng,
                f"SYNTHETIC {family.lower()} working in {activity}"))
            local = feds_by_key.get((family, commune.region)) or feds_by_family.get(family) or []
            wanted = min(len(local), max(0, round(rng.gauss(memberships, 1.0))))
            for fid in rng.sample(local, wanted) if local else []:
                write(out, "relations", relation(MEMBER_OF, oid, fid, since=str(rng.randint(1990, 2025))))
                membership_count += 1
    counts["organizations"] = organizations
    counts["memberships"] = membership_count

    with (out_dir / "30-people.jsonl").open("w", encoding="utf-8") as out:
        for n in range(people):
            pid = f"syn-person-{n:06d}"
            write(out, "people", {"id": pid, "name": f"Personne synthétique {n:06d}",
                                  "cited": [{"source": SOURCE_ID, "excerpt": "synthetic record"}]})
            write(out, "roles", {"person": pid, "organization": rng.choice(enterprise_ids),
                                 "title": rng.choice(ROLE_TITLES),
                                 "source": SOURCE_ID, "excerpt": "synthetic record"})
    counts["people"] = people

    with (out_dir / "40-conventions.jsonl").open("w", encoding="utf-8") as out:
        for n in range(conventions):
            parties = rng.sample(enterprise_ids, rng.randint(2, 5))
            commune = weighted.pick(rng)
            write(out, "conventions", {
                "id": f"syn-convention-{n:06d}", "title": f"Convention synthétique {n:06d}", "kind": PARTNERSHIP,
                "status": SIGNED, "signedOn": random_date(rng),
                "commune": commune.code, "objectives": ["SYNTHETIC objective"],
                "parties": [{"organization": p, "role": "signatory"} for p in parties],
                "cited": [{"source": SOURCE_ID, "excerpt": "synthetic record"}]})
    counts["conventions"] = conventions
    return counts


def iter_records(out_dir: Path) -> Iterator[dict[str, Any]]:
    for path in sorted(out_dir.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                yield json.loads(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--organizations", type=int, default=100_000)
    parser.add_argument("--federations", type=int, default=None, help="default: organizations / 500")
    parser.add_argument("--memberships", type=float, default=3.0, help="mean memberships per enterprise")
    parser.add_argument("--conventions", type=int, default=None, help="default: organizations / 20")
    parser.add_argument("--people", type=int, default=None, help="default: organizations / 10")
    parser.add_argument("--seed", type=int, default=20121)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    counts = generate(args.out, args.organizations, args.seed, args.federations, args.memberships,
                      args.conventions, args.people)
    print(json.dumps({"out": str(args.out), "seed": args.seed, "synthetic": True, **counts}))


if __name__ == "__main__":
    main()
