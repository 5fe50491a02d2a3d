"""Where `graphdir import sirene` spends its time: `python -m bench.sirene_profile bench/data/sirene-100k-20121`.

Imports the pair in this process into the instance the GRAPHDIR_* environment names (territories loaded; what an
earlier import of it left is deleted first, `--keep` imports over it: the re-import case), with each phase timed in
wall-clock and in this process's CPU time: the pre-pass, identity resolution (and its graph reads), the loader's
validation against the graph, planning, comparison and writes, the establishments' owners read. What no phase
accounts for is reading the CSV and building and checking records (Python). The import itself is unchanged, only
observed. `--units N` stops reading units after N imported, for a quick look (the establishments of the others are
left out as not of an imported unit).
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import itertools
import time
from pathlib import Path
from typing import Any

from bench.generate_sirene import ESTABLISHMENTS_FILE, UNITS_FILE
from bench.sirene_import import _table

# What an import of the pair wrote, 10,000 nodes a transaction (each run until it deletes none); the sources last,
# once their hundreds of thousands of CITED_IN are gone with the organizations and establishments.
CLEAN_UP = [f"MATCH (n) WHERE {where} WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS deleted" for where in (
    "n:Establishment", "n:Organization AND n.id STARTS WITH 'siren-'", "n:Source AND n.id STARTS WITH 'src-sirene-'")]

Timings = dict[str, list[tuple[float, float]]]


def _timed(name: str, func: Any, timings: Timings) -> Any:
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return await func(*args, **kwargs)
        finally:
            timings[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    return wrapper


def _timed_sync(name: str, func: Any, timings: Timings) -> Any:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            timings[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    return wrapper


async def profile(folder: Path, keep: bool, units: int | None) -> None:
    import graphdir.importers.batches as batches
    import graphdir.importers.identity_reads as identity_reads
    import graphdir.importers.loading as loading
    import graphdir.importers.sirene_records as sirene_records
    import graphdir.loader as loader
    from graphdir.config import Settings
    from graphdir.db.driver import connect

    timings: Timings = collections.defaultdict(list)
    patched: Any = loader
    patched.check_against_graph = _timed("loader: references and unique values against the graph",
                                         loader.check_against_graph, timings)
    patched.build_plan = _timed_sync("loader: planning", loader.build_plan, timings)
    patched.compare = _timed("loader: comparison with the graph", loader.compare, timings)
    patched.write = _timed("loader: writes", loader.write, timings)
    patched_loading: Any = loading
    patched_loading.resolve = _timed("identity resolution (reads included)", loading.resolve, timings)
    patched_loading.load_records = _timed("loader (all of it)", loading.load_records, timings)
    patched_loading.create_new = _timed("new organizations and establishments (all of it)", loading.create_new,
                                        timings)
    reads: Any = identity_reads.IdentityReads
    reads._found = _timed("identity resolution: graph reads", reads._found, timings)
    from graphdir.loader import writing
    original_batch = writing._run_batch

    async def run_batch(tx: Any, step: Any, rows: Any, recorder: Any = None) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            await original_batch(tx, step, rows, None)
        finally:
            timings["write: " + _statement(step.query)].append((time.perf_counter() - wall,
                                                                time.process_time() - cpu))
        if recorder is not None and step.section is not None:
            wall, cpu = time.perf_counter(), time.process_time()
            await recorder.record(tx, step, rows)
            timings["write: history"].append((time.perf_counter() - wall, time.process_time() - cpu))

    patched_writing: Any = writing
    patched_writing._run_batch = run_batch
    import graphdir.importers.new_nodes as new_nodes
    patched_new: Any = new_nodes
    original_create = new_nodes.create_section

    async def create_section(tx: Any, section: str, params: Any) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            await original_create(tx, section, params)
        finally:
            timings[f"new: CREATE {section}"].append((time.perf_counter() - wall, time.process_time() - cpu))
    patched_new.create_section = create_section
    patched_new.record_changes = _timed("new: the batch's Changes", new_nodes.record_changes, timings)
    from neo4j import AsyncSession
    session_class: Any = AsyncSession
    session_class.execute_write = _timed("new: write transactions (statements, then commit)",
                                         AsyncSession.execute_write, timings)
    patched_new.write_links = _timed("new: INSIDE links", new_nodes.write_links, timings)
    patched_batches: Any = batches
    patched_batches.refresh_statistics = _timed("statistics refresh", batches.refresh_statistics, timings)
    patched_records: Any = sirene_records
    patched_records.check_readable = _timed_sync("pre-pass (whole files)", sirene_records.check_readable, timings)
    if units is not None:
        original = sirene_records.read_units

        def first_units(*args: Any, **kwargs: Any) -> Any:
            return itertools.islice(original(*args, **kwargs), units)
        patched_records.read_units = first_units

    settings = Settings.from_env()
    driver = await connect(settings)
    try:
        for query in [] if keep else CLEAN_UP:
            while (await driver.execute_query(query, database_=settings.neo4j_database))[0][0]["deleted"]:
                pass
        wall, cpu = time.perf_counter(), time.process_time()
        summary = await sirene_records.import_sirene(
            driver, settings.neo4j_database, _table(folder, UNITS_FILE), _table(folder, ESTABLISHMENTS_FILE),
            report=folder / "profile-report.txt")
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    finally:
        await driver.close()
    records = summary.organizations + summary.establishments
    print("\n".join(summary.lines()[:6]))
    print(f"{records:,} records in {wall:.1f} s ({records / wall:,.0f} records/s), this process's CPU {cpu:.1f} s")
    inner = {"identity resolution: graph reads", *(name for name in timings if name.startswith("new: ")),
             *(name for name in timings if name.startswith("write: ")),
             "loader: references and unique values against the graph",
             "loader: planning", "loader: comparison with the graph", "loader: writes"}
    accounted = sum(w for name, times in timings.items() if name not in inner for w, _ in times)
    accounted_cpu = sum(c for name, times in timings.items() if name not in inner for _, c in times)
    print(f"  {wall - accounted:7.1f} s wall {cpu - accounted_cpu:7.1f} s CPU  reading the CSV, building records")
    for name, times in sorted(timings.items(), key=lambda kv: -sum(w for w, _ in kv[1])):
        wall_s, cpu_s = sum(w for w, _ in times), sum(c for _, c in times)
        print(f"  {wall_s:7.1f} s wall {cpu_s:7.1f} s CPU  x{len(times):<4} {name}")


def _statement(query: str) -> str:
    lines = [line.strip() for line in query.strip().splitlines() if line.strip()]
    return " / ".join(lines[:3])[:110]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.sirene_profile", description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="a folder generate_sirene.py wrote")
    parser.add_argument("--keep", action="store_true", help="import over what the graph holds (a re-import)")
    parser.add_argument("--units", type=int, help="stop after this many imported units")
    args = parser.parse_args()
    asyncio.run(profile(args.folder, args.keep, args.units))


if __name__ == "__main__":
    main()
