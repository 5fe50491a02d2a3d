"""SIRENE at France scale: `neo4j-admin database import full` of the generated pair (the baseline), and the hook for
`graphdir import sirene` beside it.

    python -m bench.generate_sirene bench/data/sirene-100k-20121 --units 100000     # the pair (generate_sirene.py)
    python -m bench.sirene_import bench/data/sirene-100k-20121                     # the neo4j-admin baseline
    python -m bench.sirene_import bench/data/sirene-100k-20121 --graphdir-import   # + graphdir import sirene (hook)

The baseline writes, as neo4j-admin CSV, the graph an import of the pair makes: the territories (bench.admin_import's
own conversion of seeds/territories), one Organization per published ESS unit planned by the loader's own
`plan_organization` (the properties, folded search text and date bounds the loader writes; id siren-<SIREN>, family
from the legal-form code, ceased/ceasedOn, CITED_IN the dataset's Source with "file line N"), and one Establishment
per SIRET of those units (siret, siren, headOffice, ceased/ceasedOn, WGS-84 location from its Lambert-93
coordinates) with (:Organization)-[:HAS_SITE]->(:Establishment)-[:LOCATED_IN]->(:Commune). Establishment's label and
relationship names are this baseline's: the SIRENE importer's model (schema/MODEL.md, issue 12) may name them
otherwise, the counts are the same. Then it times `neo4j-admin database import full` into the throwaway instance
`bench-import` (never a benchmark's data; index build not included), and saves the figures beside the data.

`--graphdir-import` is the hook for the other side: it runs `graphdir import sirene UNITS ESTABLISHMENTS` (the
importer of issue 12, on the instance the GRAPHDIR_* environment names, territories loaded) in a child process and
records its wall time, records/s and peak RSS next to the baseline's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from neo4j.spatial import WGS84Point

from bench import admin_import
from bench import neo4j as db
from bench.admin_import import ARRAY_DELIMITER, _Spool
from bench.generate_sirene import ESTABLISHMENTS_FILE, UNITS_FILE
from bench.lambert93 import to_wgs84
from bench.settings import GRAPHDIR, ROOT, TERRITORIES, import_instance
from graphdir.importers.commune_codes import commune_of_arrondissement
from graphdir.importers.csvfile import CsvTable
from graphdir.loader.planning import plan_organization, plan_source

SOURCE = "src-sirene-synthetic"
COOPERATIVES = {"5191", "5192", "5193", "5194", "5196", "5203", "5307", "5309", "5432", "5443", "5451", "5453",
                "5454", "5455", "5458", "5459", "5460", "5532", "5543", "5547", "5551", "5552", "5553", "5554",
                "5555", "5558", "5559", "5560", "5632", "5643", "5647", "5651", "5652", "5653", "5654", "5655",
                "5658", "5659", "5660", "6316", "6317", "6318", "6532", "6543", "6551", "6554", "6558", "6560",
                "6595", "6596"}


def family_of(code: str, rna: str) -> str:
    """The README's legal-form table (../shared/open-data/README.md), for the baseline's records."""
    if code in {"9210", "9220", "9221", "9222", "9230", "9260", "5195"} or rna:
        return "ASSOCIATION"
    if code in COOPERATIVES:
        return "COOPERATIVE"
    if code in {"8210", "8250", "8290", "6411"}:
        return "MUTUAL"
    return "FOUNDATION" if code == "9300" else "ESS_COMPANY"


def _table(folder: Path, name: str) -> Path:
    for suffix in (".zip", ".csv"):
        if (folder / f"{name}{suffix}").exists():
            return folder / f"{name}{suffix}"
    raise SystemExit(f"{folder} holds no {name}.csv or .zip: generate it with python -m bench.generate_sirene")


def _rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    with CsvTable.open(path, required=("siren",), delimiter=",") as table:
        for row in table:
            yield row.line, row.values


def convert(folder: Path, out: Path) -> tuple[list[str], list[str], int, int, int]:
    """neo4j-admin CSV of the territories and the pair: (the territories' import arguments, all import arguments,
    SIRENE records, nodes, relationships)."""
    territories, _, nodes, relationships = admin_import.convert([TERRITORIES], out / "territories")
    args = list(territories)
    spools = {
        "source": _Spool(out, "nodes-Source-sirene", ["id:ID(Source)", ":LABEL"]),
        "org": _Spool(out, "nodes-Organization", ["id:ID(Organization)", ":LABEL"]),
        "site": _Spool(out, "nodes-Establishment", ["id:ID(Establishment)", ":LABEL"]),
        "cited": _Spool(out, "rels-CITED_IN-Organization-Source", [":START_ID(Organization)",
                                                                  ":END_ID(Source)", ":TYPE"]),
        "has": _Spool(out, "rels-HAS_SITE", [":START_ID(Organization)", ":END_ID(Establishment)", ":TYPE"]),
        "in": _Spool(out, "rels-LOCATED_IN-Establishment", [":START_ID(Establishment)", ":END_ID(Territory)",
                                                            ":TYPE"]),
    }
    source = plan_source({"id": SOURCE, "document": UNITS_FILE, "title": "SYNTHETIC SIRENE stock (bench)"})
    spools["source"].add([source.id, "Source"], {k: v for k, v in source.props.items() if k != "id"})
    units_path, sites_path = _table(folder, UNITS_FILE), _table(folder, ESTABLISHMENTS_FILE)
    imported: set[str] = set()
    records = 0
    for line, unit in _rows(units_path):
        if unit["economieSocialeSolidaireUniteLegale"] != "O" or unit["statutDiffusionUniteLegale"] == "P":
            continue
        records += 1
        imported.add(unit["siren"])
        ceased = unit["etatAdministratifUniteLegale"] == "C"
        rna = unit["identifiantAssociationUniteLegale"]
        data: dict[str, Any] = {
            "id": f"siren-{unit['siren']}", "name": unit["denominationUniteLegale"], "kind": "ENTERPRISE",
            "family": family_of(unit["categorieJuridiqueUniteLegale"], rna),
            "classifiedBy": f"sirene-legal-form:{unit['categorieJuridiqueUniteLegale']}",
            "legalForm": unit["categorieJuridiqueUniteLegale"], "siren": unit["siren"], "rna": rna or None,
            "foundedOn": unit["dateCreationUniteLegale"] or None, "ceased": True if ceased else None,
            "ceasedOn": unit["dateDebut"] if ceased else None, "synthetic": True}
        row = plan_organization({k: v for k, v in data.items() if v is not None}, {})
        spools["org"].add([row.id, "Organization"], {k: v for k, v in row.props.items() if k != "id"})
        spools["cited"].add([row.id, SOURCE, "CITED_IN"], {"excerpt": f"{units_path.name} line {line}"})
    for line, site in _rows(sites_path):
        if site["siren"] not in imported:
            continue
        records += 1
        closed = site["etatAdministratifEtablissement"] == "F"
        props: dict[str, Any] = {"siret": site["siret"], "siren": site["siren"],
                                 "headOffice": site["etablissementSiege"] == "true", "synthetic": True,
                                 "excerpt": f"{sites_path.name} line {line}"}
        if closed:
            props |= {"ceased": True, "ceasedOn": site["dateDebut"]}
        x, y = site["coordonneeLambertAbscisseEtablissement"], site["coordonneeLambertOrdonneeEtablissement"]
        if x and y and "[ND]" not in (x, y):
            latitude, longitude = to_wgs84(float(x), float(y))
            point = WGS84Point((round(longitude, 6), round(latitude, 6)))
            props |= {"location": point, "locationApproximate": False}
        site_id = f"siret-{site['siret']}"
        spools["site"].add([site_id, "Establishment"], props)
        spools["has"].add([f"siren-{site['siren']}", site_id, "HAS_SITE"], {})
        code = site["codeCommuneEtablissement"]
        if code:
            spools["in"].add([site_id, f"commune:{commune_of_arrondissement(code) or code}", "LOCATED_IN"], {})
    for key, spool in spools.items():
        header, data_file = spool.write(out)
        kind = "--nodes" if key in ("source", "org", "site") else "--relationships"
        args.append(f"{kind}={header},{data_file}")
        if kind == "--nodes":
            nodes += spool.rows
        else:
            relationships += spool.rows
    return territories, args, records, nodes, relationships


def baseline(folder: Path) -> dict[str, Any]:
    instance = import_instance()
    if instance.pid() is not None:
        instance.stop()
    out = folder / "admin-csv"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    started = time.monotonic()
    territories, args, records, nodes, relationships = convert(folder, out)
    convert_seconds = time.monotonic() - started
    memory = {"GRAPHDIR_NEO4J_HEAP": os.environ.get("GRAPHDIR_NEO4J_HEAP", "1g"),
              "GRAPHDIR_NEO4J_PAGECACHE": os.environ.get("GRAPHDIR_NEO4J_PAGECACHE", "1g")}

    def timed(what: str, arguments: list[str]) -> float:
        print(f"bench: neo4j-admin database import full: {what}", file=sys.stderr)
        started = time.monotonic()
        with db._env(memory):
            done = instance.admin("database", "import", "full", "neo4j", "--overwrite-destination=true",
                                  f"--array-delimiter={ARRAY_DELIMITER}", "--multiline-fields=true",
                                  "--high-parallel-io=on", "--threads=2", "--bad-tolerance=0", *arguments)
        if done.returncode != 0:
            raise SystemExit("neo4j-admin database import failed:\n" + (done.stdout + done.stderr)[-3000:])
        return time.monotonic() - started

    # neo4j-admin's start-up and the territories are a fixed cost: timed alone, then with the pair.
    fixed = timed("the territories alone", territories)
    whole = timed(f"territories and the pair ({nodes:,} nodes, {relationships:,} relationships)", args)
    shutil.rmtree(out, ignore_errors=True)
    return {"sirene_records": records, "nodes": nodes, "relationships": relationships,
            "convert_seconds": round(convert_seconds, 1), "territories_only_seconds": round(fixed, 1),
            "import_seconds": round(whole, 1), "records_per_second": round(records / whole),
            "records_per_second_beyond_territories": round(records / max(whole - fixed, 1e-3)),
            "heap": memory["GRAPHDIR_NEO4J_HEAP"], "threads": 2, "index_build": "not included"}


def graphdir_import(folder: Path, log: Path) -> dict[str, Any]:
    """The hook: `graphdir import sirene UNITS ESTABLISHMENTS` as an admin runs it (progress on, written to `log`),
    timed, with its peak RSS and the machine's 1-minute load average sampled every 5 s (the machine is shared)."""
    command = [str(GRAPHDIR), "import", "sirene", str(_table(folder, UNITS_FILE)),
               str(_table(folder, ESTABLISHMENTS_FILE)), "--report", str(folder / "import-report.txt")]
    loads = [os.getloadavg()[0]]
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as progress:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=progress, text=True,
                                env={**os.environ, "GRAPHDIR_PROGRESS": "1"})
        assert proc.stdout is not None
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(5):
                loads.append(os.getloadavg()[0])

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        summary = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        stop.set()
    seconds = time.monotonic() - started
    loads.append(os.getloadavg()[0])
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{summary[-2000:]}\n{log.read_text()[-2000:]}")
    return {"seconds": round(seconds, 1), "peak_rss_mb": round(usage.ru_maxrss / 1024),
            "load_average": {"start": loads[0], "end": loads[-1], "mean": round(sum(loads) / len(loads), 1),
                             "max": max(loads)},
            "summary": summary.splitlines()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder generate_sirene.py wrote")
    parser.add_argument("--no-baseline", action="store_true", help="skip the neo4j-admin import")
    parser.add_argument("--graphdir-import", action="store_true", help="also time `graphdir import sirene` (the "
                        "instance of the GRAPHDIR_* environment, territories loaded)")
    parser.add_argument("--again", action="store_true", help="with --graphdir-import: import the pair a second "
                        "time (it must report everything unchanged), timed too")
    args = parser.parse_args(argv)
    manifest = json.loads((args.folder / "manifest.json").read_text(encoding="utf-8"))
    previous = args.folder / "figures.json"
    figures: dict[str, Any] = {"manifest": manifest}
    if previous.exists():  # the baseline of an earlier run is kept when only graphdir's side is run again
        figures = {**json.loads(previous.read_text(encoding="utf-8")), **figures}
    if not args.no_baseline:
        figures["neo4j_admin_import"] = baseline(args.folder)
    if args.graphdir_import:
        records = manifest["ess_units"] + manifest["establishments_of_importable_units"]
        runs = ["graphdir_import"] + (["graphdir_reimport"] if args.again else [])
        for run in runs:
            result = graphdir_import(args.folder, args.folder / f"{run}.log")
            result["records_per_second"] = round(records / result["seconds"])
            figures[run] = result
            print(json.dumps({run: result}, indent=2), file=sys.stderr)
    (args.folder / "figures.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
