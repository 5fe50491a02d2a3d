"""Where a question's time goes in graphdir: `python -m bench.profile --scale 10k C1 [C5 ...]`.

breakdown (default): the question is executed in this process through graphdir's schema (no HTTP), for the same
draws as the benchmark; each Cypher round trip is timed at the Reader. It prints, per request, the total, the time
spent waiting for Neo4j, the rest (GraphQL execution, resolvers, result building), the round trips and the
statements by time. --pyinstrument adds a pyinstrument profile of those executions (tools venv, see README).
--pyspy SECONDS attaches py-spy to a `graphdir serve` under HTTP load from the harness's client at concurrency 1 and
prints the hottest frames (own and cumulative).
--cypher prints PROFILE of each statement graphdir sent for the first draw.
--http-cpu REQUESTS starts one `graphdir serve` process and prints its CPU (utime + stime, /proc) per request over
that many requests from the harness's client at concurrency 1: the API's whole cost per answer (HTTP, JSON, GraphQL,
driver), which wall times on a shared machine do not give.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench import neo4j as db
from bench.columns import GraphQLColumn
from bench.questions import load_questions, make_draws, read_sample
from bench.runner import open_raw_driver
from bench.servers import cpu_seconds_by_pid, start_graphdir
from bench.settings import DATA, DEFAULT_SEED, SCALES, instance_for
from graphdir.api.context import Context
from graphdir.api.schema import schema
from graphdir.db.reader import Reader

TOOLS = DATA / "tools-venv"


class TimedReader(Reader):
    calls: list[tuple[str, float, int]] = []

    async def read(self, query: Any, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        t0 = time.perf_counter()
        rows = await super().read(query, params)
        TimedReader.calls.append((str(query), time.perf_counter() - t0, len(rows)))
        if TimedReader.keep_params:
            TimedReader.params.append((str(query), params or {}))
        return rows

    keep_params = False
    params: list[tuple[str, dict[str, Any]]] = []


def _first_line(query: str) -> str:
    lines = [line.strip() for line in query.strip().splitlines() if line.strip()]
    return " / ".join(lines[:2])[:110]


async def breakdown(key: str, instance: Any, scale: Any, n: int, use_pyinstrument: bool, cypher: bool) -> None:
    question = load_questions([key])[0]
    sample = read_sample(instance, scale.organizations, DEFAULT_SEED)
    draws = make_draws(key, sample, DEFAULT_SEED, n + 20)
    driver = open_raw_driver(instance.uri, instance.read_password() or "")
    import graphdir.api.context as context_module

    context_module.Reader = TimedReader  # type: ignore[attr-defined]
    profiler = None
    try:
        for draw in draws[:20]:  # warm-up
            await schema.execute(question.graphql, variable_values=draw.graphdir,
                                 context_value=Context(driver, "neo4j"))
        if use_pyinstrument:
            sys.path.insert(0, str(next((TOOLS / "lib").glob("python3*/site-packages"))))
            from pyinstrument import Profiler  # type: ignore[import-not-found]

            profiler = Profiler(async_mode="enabled", interval=0.0005)
            profiler.start()
        totals: list[float] = []
        waits: list[float] = []
        trips: list[int] = []
        by_query: dict[str, list[float]] = collections.defaultdict(list)
        TimedReader.keep_params = cypher
        # This process's CPU per request: unlike wall times, barely moved by other work on a shared machine.
        cpu_started = time.process_time()
        for draw in draws[20:20 + n]:
            TimedReader.calls = []
            t0 = time.perf_counter()
            result = await schema.execute(question.graphql, variable_values=draw.graphdir,
                                          context_value=Context(driver, "neo4j"))
            totals.append(time.perf_counter() - t0)
            if result.errors:
                print("errors:", result.errors[:2])
            waits.append(sum(c[1] for c in TimedReader.calls))
            trips.append(len(TimedReader.calls))
            for q, elapsed, _ in TimedReader.calls:
                by_query[q].append(elapsed)
            TimedReader.keep_params = False
        cpu_ms = (time.process_time() - cpu_started) / n * 1000
        if profiler is not None:
            profiler.stop()
        totals.sort()
        mid = len(totals) // 2
        print(f"{key}: {len(totals)} requests in-process; median total {totals[mid] * 1000:.1f} ms, "
              f"mean total {sum(totals) / len(totals) * 1000:.1f} ms, mean Neo4j wait "
              f"{sum(waits) / len(waits) * 1000:.1f} ms, mean rest (GraphQL + Python) "
              f"{(sum(totals) - sum(waits)) / len(totals) * 1000:.1f} ms, round trips per request "
              f"{sum(trips) / len(trips):.1f}, this process's CPU {cpu_ms:.2f} ms per request")
        print("statements by total time:")
        for q, times in sorted(by_query.items(), key=lambda kv: -sum(kv[1])):
            print(f"  {sum(times) / len(totals) * 1000:7.2f} ms/request  x{len(times) / len(totals):.1f}  "
                  f"{_first_line(q)}")
        if profiler is not None:
            print(profiler.output_text(unicode=False, color=False, show_all=False))
        if cypher:
            from bench.cypher_profile import walk

            for q, params in TimedReader.params:
                async with driver.session(database="neo4j") as session:
                    result = await session.run("PROFILE " + q, params)
                    summary = await result.consume()
                print("-" * 100)
                print(q.strip()[:600])
                walk(summary.profile)
    finally:
        await driver.close()


async def _load(column: GraphQLColumn, prepared: list[bytes], seconds: float) -> int:
    session = column.session()
    sent = 0
    deadline = time.perf_counter() + seconds
    try:
        while time.perf_counter() < deadline:
            await column.call(session, prepared[sent % len(prepared)])
            sent += 1
    finally:
        await column.close_session(session)
    return sent


def summarize_collapsed(path: Path, top: int = 30) -> None:
    own: collections.Counter[str] = collections.Counter()
    cumulative: collections.Counter[str] = collections.Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        samples = int(count)
        frames = stack.split(";")
        total += samples
        own[frames[-1]] += samples
        for frame in set(frames):
            cumulative[frame] += samples
    print(f"py-spy: {total} samples")
    print("own time:")
    for frame, samples in own.most_common(top):
        print(f"  {samples / total * 100:5.1f}%  {frame[:150]}")
    print("cumulative:")
    for frame, samples in cumulative.most_common(top + 20):
        print(f"  {samples / total * 100:5.1f}%  {frame[:150]}")


def _serve(key: str, instance: Any, scale: Any) -> tuple[Any, GraphQLColumn, list[bytes]]:
    """`graphdir serve` (one process) over the instance, the question's column and 500 prepared requests."""
    question = load_questions([key])[0]
    sample = read_sample(instance, scale.organizations, DEFAULT_SEED)
    draws = make_draws(key, sample, DEFAULT_SEED, 500)
    (DATA / "logs").mkdir(parents=True, exist_ok=True)
    server = start_graphdir(db.connection_env(instance), DATA / "logs")
    column = GraphQLColumn("graphdir", server.port, "/graphql", question.graphql)
    return server, column, column.prepare(draws)


def pyspy(key: str, instance: Any, scale: Any, seconds: float, concurrency: int) -> None:
    server, column, prepared = _serve(key, instance, scale)
    out = DATA / "logs" / f"pyspy-{key}.txt"
    try:

        async def drive() -> int:
            await _load(column, prepared, 3)  # warm-up
            spy = await asyncio.create_subprocess_exec(
                str(TOOLS / "bin" / "py-spy"), "record", "-p", str(server.pid), "-d", str(int(seconds)), "-r", "250",
                "-f", "raw", "-o", str(out), "--nonblocking", stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            counts = await asyncio.gather(*(_load(column, prepared, seconds) for _ in range(concurrency)))
            await asyncio.wait_for(spy.wait(), 120)
            return sum(counts)

        sent = asyncio.run(drive())
        print(f"{key}: {sent} requests in {seconds:.0f} s at concurrency {concurrency} while py-spy sampled")
        summarize_collapsed(out)
    finally:
        server.stop()


def http_cpu(key: str, instance: Any, scale: Any, requests: int) -> None:
    server, column, prepared = _serve(key, instance, scale)
    try:
        async def drive() -> tuple[float, float]:
            session = column.session()
            try:
                for index in range(100):  # warm-up
                    await column.call(session, prepared[index % len(prepared)])
                pids = {server.pid, *_children(server.pid)}
                before = cpu_seconds_by_pid()
                started = time.perf_counter()
                for index in range(requests):
                    await column.call(session, prepared[index % len(prepared)])
                wall = time.perf_counter() - started
                after = cpu_seconds_by_pid()
            finally:
                await column.close_session(session)
            cpu = sum(after.get(pid, 0.0) - before.get(pid, 0.0) for pid in pids)
            return cpu, wall

        cpu, wall = asyncio.run(drive())
        print(f"{key}: {requests} requests over HTTP at concurrency 1 in {wall:.1f} s; the API process used "
              f"{cpu / requests * 1000:.2f} ms of CPU per request (mean wall {wall / requests * 1000:.2f} ms)")
    finally:
        server.stop()


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.split("\n\n")[0])
    parser.add_argument("questions", nargs="+")
    parser.add_argument("--scale", choices=sorted(SCALES), default="10k")
    parser.add_argument("--instance")
    parser.add_argument("-n", type=int, default=100)
    parser.add_argument("--pyinstrument", action="store_true")
    parser.add_argument("--pyspy", type=float, default=0.0, metavar="SECONDS")
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--cypher", action="store_true")
    parser.add_argument("--http-cpu", type=int, default=0, metavar="REQUESTS")
    args = parser.parse_args()
    scale = SCALES[args.scale]
    instance = instance_for(scale, args.instance)
    if instance.pid() is None:
        raise SystemExit(f"{instance.name} is not running (python -m bench --scale {scale.name} --load-only "
                         "--keep-running starts it)")
    os.environ.setdefault("GRAPHDIR_LOG_LEVEL", "WARNING")
    for key in args.questions:
        if args.http_cpu:
            http_cpu(key.upper(), instance, scale, args.http_cpu)
        elif args.pyspy:
            pyspy(key.upper(), instance, scale, args.pyspy, args.concurrency)
        else:
            asyncio.run(breakdown(key.upper(), instance, scale, args.n, args.pyinstrument, args.cypher))


if __name__ == "__main__":
    main()
