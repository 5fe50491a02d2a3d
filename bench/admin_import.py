"""The offline limit: the same data through `neo4j-admin database import full`, into a throwaway instance.

The JSON Lines (the territories and the synthetic dataset) are turned into the graph the loader would write by the
loader's own planning functions (graphdir.loader.planning: the same properties, folded search text, date bounds,
points, owned relationships), then written as neo4j-admin CSV: one header file and one data file per node label set
and per relationship type. Pass 1 plans every record once and spools the rows (pickle) while it learns each file's
columns and types; pass 2 writes the CSV. The conversion is timed apart from the import; the CSV is kept in
bench/data/admin-import-<scale>-<seed>/ (git-ignored) for the next run.

The import goes into the `neo4j` database of the instance `bench-import` (its own folder under
.neo4j/instances/; never the benchmark's data), overwriting it. Then, as the loader's figure includes maintaining
the indexes, that instance is started, graphdir's schema applied and the indexes awaited: the index build is timed
too. The instance is stopped afterwards.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from neo4j.spatial import WGS84Point

from bench import neo4j as db
from bench.settings import DATA, GRAPHDIR, ROOT, TERRITORIES, BenchInstance, Scale, import_instance
from graphdir.loader.planning import (
    EDGE_ENDS,
    NODE_LABELS,
    OWNED,
    EdgeRow,
    NodeRow,
    plan_convention,
    plan_event,
    plan_figure,
    plan_organization,
    plan_person,
    plan_relation,
    plan_role,
    plan_source,
    plan_statement,
    plan_territory,
)
from graphdir.loader.validation import commune_id, location_of
from graphdir.vocabulary import TerritoryLevel

ARRAY_DELIMITER = "|"
_PLAIN: dict[str, Callable[[dict[str, Any]], NodeRow | EdgeRow]] = {
    "sources": plan_source, "territories": plan_territory, "people": plan_person, "conventions": plan_convention,
    "events": plan_event, "statements": plan_statement, "figures": plan_figure, "roles": plan_role,
    "relations": plan_relation,
}


class ImportError_(RuntimeError):
    pass


@dataclass
class ImportFigures:
    scale: str
    seed: int
    records: int  # JSON Lines records converted (territories + synthetic dataset)
    nodes: int
    relationships: int
    convert_seconds: float
    import_seconds: float
    index_seconds: float
    records_per_second: float  # records / import_seconds
    records_per_second_with_indexes: float  # records / (import_seconds + index_seconds)
    store_mb: float
    neo4j_admin_summary: list[str] = field(default_factory=list)


def _records(paths: list[Path]) -> Iterator[dict[str, Any]]:
    for folder in paths:
        for path in sorted(folder.glob("*.jsonl")):
            with path.open(encoding="utf-8") as lines:
                for line in lines:
                    if line.strip():
                        yield json.loads(line)


def _type_of(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, WGS84Point):
        return "point{crs:WGS-84}"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, list | tuple):
        inner = {_type_of(v) for v in value} or {"string"}
        if len(inner) != 1:
            raise ImportError_(f"mixed list {value!r}")
        return inner.pop() + "[]"
    if isinstance(value, str):
        return "string"
    raise ImportError_(f"no CSV type for {value!r}")


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, WGS84Point):
        return f"{{latitude:{value.y!r}, longitude:{value.x!r}}}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        cells = [_cell(v) for v in value]
        if any(ARRAY_DELIMITER in c for c in cells):
            raise ImportError_(f"a list item holds the array delimiter {ARRAY_DELIMITER!r}: {value!r}")
        return ARRAY_DELIMITER.join(cells)
    return str(value)


class _Spool:
    """Rows of one CSV file: spooled while their columns are learnt, then written."""

    def __init__(self, folder: Path, name: str, fixed: list[str]) -> None:
        self.name = name
        self.fixed = fixed  # leading columns (ids, labels, type), given as values in each row's `fixed`
        self.columns: dict[str, str] = {}
        self.path = folder / f"{name}.pickle"
        self.file = self.path.open("wb")
        self.rows = 0

    def add(self, fixed: list[str], props: dict[str, Any]) -> None:
        for key, value in props.items():
            kind = _type_of(value)
            known = self.columns.setdefault(key, kind)
            if known != kind:
                if {known, kind} <= {"long", "double"}:
                    self.columns[key] = "double"
                else:
                    raise ImportError_(f"{self.name}.{key}: {known} and {kind}")
        pickle.dump((fixed, props), self.file, protocol=pickle.HIGHEST_PROTOCOL)
        self.rows += 1

    def write(self, folder: Path) -> tuple[Path, Path]:
        self.file.close()
        keys = sorted(self.columns)
        header = folder / f"{self.name}-header.csv"
        data = folder / f"{self.name}.csv"
        with header.open("w", newline="", encoding="utf-8") as out:
            csv.writer(out).writerow(self.fixed + [f"{k}:{self.columns[k]}" for k in keys])
        with self.path.open("rb") as spooled, data.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out)
            for _ in range(self.rows):
                fixed, props = pickle.load(spooled)
                writer.writerow(fixed + [_cell(props[k]) if k in props else "" for k in keys])
        self.path.unlink()
        return header, data


def convert(paths: list[Path], out: Path) -> tuple[list[str], int, int, int]:
    """Write neo4j-admin CSV for the records of `paths`; (import arguments, records, nodes, relationships)."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    spools: dict[tuple[str, ...], _Spool] = {}
    other_label = {(section, o.type, o.outgoing): o.other for section in OWNED for o in OWNED[section]}
    communes: dict[str, Any] = {}
    for record in _records([TERRITORIES]):
        if record.get("level") == TerritoryLevel.COMMUNE.value:
            communes[commune_id(record["code"])] = location_of(record.get("location"))

    def node_spool(label: str, labels: str) -> _Spool:
        key = ("node", labels)
        if key not in spools:
            spools[key] = _Spool(out, "nodes-" + labels.replace(ARRAY_DELIMITER, "-"), [f"id:ID({label})", ":LABEL"])
        return spools[key]

    def rel_spool(rel_type: str, start: str, end: str) -> _Spool:
        key = ("rel", rel_type, start, end)
        if key not in spools:
            spools[key] = _Spool(out, f"rels-{rel_type}-{start}-{end}",
                                 [f":START_ID({start})", f":END_ID({end})", ":TYPE"])
        return spools[key]

    records = 0
    for record in _records(paths):
        records += 1
        section = record.pop("$kind")
        row: NodeRow | EdgeRow = (plan_organization(record, communes) if section == "organizations"
                                  else _PLAIN[section](record))
        if isinstance(row, NodeRow):
            label = NODE_LABELS[section]
            labels = ARRAY_DELIMITER.join(sorted({label, row.label}))  # :LABEL splits on the array delimiter
            props = {k: v for k, v in row.props.items() if k != "id"}
            node_spool(label, labels).add([row.id, labels], props)
            for rel in row.rels:
                other = other_label[(section, rel.type, rel.outgoing)]
                if rel.outgoing:
                    rel_spool(rel.type, label, other).add([row.id, rel.other, rel.type], dict(rel.props))
                else:
                    rel_spool(rel.type, other, label).add([rel.other, row.id, rel.type], dict(rel.props))
        else:
            start, end = EDGE_ENDS[section]
            rel_spool(row.type, start, end).add([row.start, row.end, row.type], dict(row.props))
    args = []
    nodes = relationships = 0
    for key, spool in sorted(spools.items()):
        header, data = spool.write(out)
        if key[0] == "node":
            args.append(f"--nodes={header},{data}")
            nodes += spool.rows
        else:
            args.append(f"--relationships={header},{data}")
            relationships += spool.rows
    return args, records, nodes, relationships


def _size_mb(folder: Path) -> float:
    return round(sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20, 1)


def run(scale: Scale, seed: int, dataset: Path, target: BenchInstance | None = None, heap: str = "1g") -> ImportFigures:
    """Convert, import into `target` (default: the throwaway bench-import instance), build the indexes.

    The throwaway instance is stopped afterwards; a given target (the benchmark's own instance, for
    `--load-via admin-import`) is left running."""
    instance = target or import_instance()
    if instance.pid() is not None:
        instance.stop()
    csv_dir = DATA / f"admin-import-{scale.name}-{seed}"
    done_file = csv_dir / "convert.json"
    if done_file.exists():  # kept from an earlier run: the conversion is not the measurement
        saved = json.loads(done_file.read_text())
        args, records, nodes, relationships = saved["args"], saved["records"], saved["nodes"], saved["relationships"]
        convert_seconds = saved["seconds"]
    else:
        print(f"bench: converting {dataset.name} + territories to neo4j-admin CSV in {csv_dir}", file=sys.stderr)
        started = time.monotonic()
        args, records, nodes, relationships = convert([TERRITORIES, dataset], csv_dir)
        convert_seconds = time.monotonic() - started
        done_file.write_text(json.dumps({"args": args, "records": records, "nodes": nodes,
                                         "relationships": relationships, "seconds": convert_seconds}))
    print(f"bench: neo4j-admin database import full ({nodes:,} nodes, {relationships:,} relationships) "
          f"into {instance.folder}", file=sys.stderr)
    memory = {"GRAPHDIR_NEO4J_HEAP": os.environ.get("GRAPHDIR_NEO4J_HEAP", heap),
              "GRAPHDIR_NEO4J_PAGECACHE": os.environ.get("GRAPHDIR_NEO4J_PAGECACHE", "1g")}
    started = time.monotonic()
    with db._env(memory):
        done = instance.admin("database", "import", "full", "neo4j", "--overwrite-destination=true",
                              f"--array-delimiter={ARRAY_DELIMITER}", "--multiline-fields=true",
                              "--high-parallel-io=on", "--threads=2", *args)
    import_seconds = time.monotonic() - started
    if done.returncode != 0:
        raise ImportError_("neo4j-admin database import failed:\n" + (done.stdout + done.stderr)[-3000:])
    summary = [line for line in (done.stdout + done.stderr).splitlines()
               if re.search(r"IMPORT DONE|Imported:|nodes|relationships|properties|Peak memory", line)][-8:]
    # Indexes: graphdir's schema on the imported store (the loader's figure includes maintaining them). The server's
    # start is not counted.
    with db._env(memory):
        instance.start(timeout=900)
    try:
        started = time.monotonic()
        apply = subprocess.run([str(GRAPHDIR), "schema", "apply"], env={**os.environ, **db.connection_env(instance)},
                               capture_output=True, text=True, cwd=ROOT)
        if apply.returncode != 0:
            raise ImportError_(f"graphdir schema apply on the imported store failed: {apply.stderr[-1000:]}")
        index_seconds = time.monotonic() - started
    finally:
        if target is None:
            instance.stop()
    store_mb = _size_mb(instance.folder / "data" / "databases" / "neo4j")
    return ImportFigures(
        scale=scale.name, seed=seed, records=records, nodes=nodes, relationships=relationships,
        convert_seconds=round(convert_seconds, 1), import_seconds=round(import_seconds, 1),
        index_seconds=round(index_seconds, 1), records_per_second=round(records / import_seconds, 1),
        records_per_second_with_indexes=round(records / (import_seconds + index_seconds), 1), store_mb=store_mb,
        neo4j_admin_summary=summary)


def cached(scale: Scale, seed: int) -> Path:
    return DATA / f"admin-import-{scale.name}-{seed}.json"


def save(figures: ImportFigures) -> None:
    cached_path = DATA / f"admin-import-{figures.scale}-{figures.seed}.json"
    cached_path.write_text(json.dumps(asdict(figures), indent=2) + "\n")


def ensure(scale: Scale, seed: int, dataset: Path, force: bool = False) -> ImportFigures:
    path = cached(scale, seed)
    if path.exists() and not force:
        return ImportFigures(**json.loads(path.read_text()))
    figures = run(scale, seed, dataset)
    save(figures)
    return figures


if __name__ == "__main__":  # pragma: no cover - manual use: python -m bench.admin_import 10k
    from bench.settings import DEFAULT_SEED, SCALES, dataset_dir

    chosen = SCALES[sys.argv[1] if len(sys.argv) > 1 else "10k"]
    print(json.dumps(asdict(ensure(chosen, DEFAULT_SEED, dataset_dir(chosen, DEFAULT_SEED), force=True)), indent=2))
