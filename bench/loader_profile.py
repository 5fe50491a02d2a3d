"""Where `graphdir load` spends a bulk load: `python -m bench.loader_profile --scale 10k`.

Loads the territories, then the scale's synthetic dataset, into a throwaway instance (`bench-loadprof`, own folder,
Bolt 7794, wiped first and stopped after), py-spy sampling the loader process (`--idle`: the time it waits for Neo4j
is counted too), and prints the load's rate and the hottest frames. Then loads it once more on a fresh database, in
this process, with every phase of load_paths and every statement timed (Neo4j Community has no query log): the load
itself is unchanged (same batches, same transactions, same concurrency), only observed.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

from bench import neo4j as db
from bench.dataset import ensure_generated
from bench.profile import TOOLS, summarize_collapsed
from bench.settings import DATA, DEFAULT_SEED, GRAPHDIR, ROOT, SCALES, TERRITORIES, BenchInstance


async def _phases(instance: BenchInstance, folder: Path) -> None:
    """The load again, in this process, on an empty copy of the graph's territories: each phase of load_paths timed,
    and each statement of the comparison and of the writes (Neo4j Community has no query log)."""
    from neo4j import AsyncGraphDatabase

    import graphdir.loader as loader
    from graphdir.loader import writing

    timings: dict[str, list[float]] = collections.defaultdict(list)

    def timed(name: str, func: Any) -> Any:
        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await func(*args, **kwargs)
            finally:
                timings[name].append(time.perf_counter() - started)
        return wrapper

    original_read = writing._read
    original_batch = writing._run_batch

    async def read(driver: Any, database: str, query: str, params: dict[str, Any], key: str) -> Any:
        started = time.perf_counter()
        try:
            return await original_read(driver, database, query, params, key)
        finally:
            timings["compare: " + _statement(query)].append(time.perf_counter() - started)

    async def run_batch(tx: Any, step: Any, rows: Any, history: Any = None) -> None:
        started = time.perf_counter()
        try:
            await original_batch(tx, step, rows, history)
        finally:
            timings["write: " + _statement(step.query)].append(time.perf_counter() - started)

    writing._read = read
    writing._run_batch = run_batch
    patched: Any = loader  # load_paths looks these names up in its module at call time
    patched.compare = timed("phase: compare", writing.compare)
    patched.write = timed("phase: write", writing.write)
    patched.check_against_graph = timed("phase: references against the graph", patched.check_against_graph)
    driver = AsyncGraphDatabase.driver(instance.uri, auth=("neo4j", instance.read_password() or ""),
                                       notifications_min_severity="OFF")
    try:
        started = time.perf_counter()
        report = await loader.load_paths(driver, "neo4j", [folder])
        total = time.perf_counter() - started
    finally:
        await driver.close()
    print(f"in-process load: {report.records:,} records in {total:.1f} s ({report.records / total:,.0f} records/s)")
    accounted = sum(sum(v) for k, v in timings.items() if k.startswith("phase:"))
    print(f"  {total - accounted:7.1f} s  reading, validating, planning (Python)")
    print(f"  (a statement's time runs to the end of its batch, before the commit; in a bulk load {writing.WRITERS} "
          "batches are in flight at once, so statement times may add up to more than the write phase)")
    for name, times in sorted(timings.items(), key=lambda kv: -sum(kv[1])):
        print(f"  {sum(times):7.1f} s  x{len(times):<4} {name}")


def _statement(query: str) -> str:
    lines = [line.strip() for line in query.strip().splitlines() if line.strip()]
    return " / ".join(lines[:3])[:110]


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.loader_profile", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="10k")
    args = parser.parse_args()
    scale = SCALES[args.scale]
    folder, manifest = ensure_generated(scale, DEFAULT_SEED)
    instance = BenchInstance("bench-loadprof", bolt_port=7794)
    instance.wipe()
    instance.folder.mkdir(parents=True, exist_ok=True)
    db.start(instance, scale)
    try:
        env = {**os.environ, **db.connection_env(instance)}
        subprocess.run([str(GRAPHDIR), "schema", "apply"], env=env, cwd=ROOT, check=True, capture_output=True)
        subprocess.run([str(GRAPHDIR), "load", str(TERRITORIES)], env=env, cwd=ROOT, check=True, capture_output=True)
        out = DATA / "logs" / f"loader-pyspy-{scale.name}.txt"
        out.parent.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        done = subprocess.run([str(TOOLS / "bin" / "py-spy"), "record", "--idle", "-r", "100", "-f", "raw", "-o",
                               str(out), "--", str(GRAPHDIR), "load", str(folder)],
                              env=env, cwd=ROOT, capture_output=True, text=True)
        seconds = time.monotonic() - started
        if done.returncode != 0:
            raise SystemExit(f"the load failed: {done.stderr[-2000:]}")
        print(done.stdout.strip())
        print(f"{manifest['records']:,} records in {seconds:.1f} s ({manifest['records'] / seconds:,.0f} records/s, "
              "under py-spy)")
        summarize_collapsed(out, top=25)
        # Again without py-spy, on a fresh database, timing phases and statements in this process.
        instance.stop()
        for sub in ("databases", "transactions"):
            shutil.rmtree(instance.folder / "data" / sub / "neo4j", ignore_errors=True)
        db.start(instance, scale)
        subprocess.run([str(GRAPHDIR), "schema", "apply"], env=env, cwd=ROOT, check=True, capture_output=True)
        subprocess.run([str(GRAPHDIR), "load", str(TERRITORIES)], env=env, cwd=ROOT, check=True, capture_output=True)
        asyncio.run(_phases(instance, folder))
    finally:
        instance.stop()


if __name__ == "__main__":
    main()
