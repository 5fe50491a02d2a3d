"""`python -m bench` (`make bench BENCH_ARGS=...`): load or reuse the dataset, start what is needed, measure, report.

    python -m bench                       # 1,000,000 organizations (the default scale)
    python -m bench --scale 10k           # development
    python -m bench --scale 100k --questions C1,C2 --no-peer --no-admin-import

Everything it starts (the Neo4j instance if it was not running, graphdir's API, the peer) it stops at the end, by pid.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from dataclasses import asdict
from typing import Any

from bench import admin_import, apoc, dataset, report
from bench import neo4j as db
from bench.questions import KNOWN_DIFFERENCES, TITLES, load_questions, make_draws, read_sample
from bench.runner import Plan, build_columns, harness_overhead, log, open_raw_driver, run_question
from bench.servers import Server, ServerError, peak_rss_mb, start_graphdir, start_peer
from bench.settings import DATA, DEFAULT_SEED, SCALES, dataset_dir, instance_for
from graphdir.db.local import LocalServerError


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="1m")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--instance", help="Neo4j instance name (default: bench for 1m, bench-<scale> otherwise)")
    parser.add_argument("--reset", action="store_true", help="drop the instance's database and load the dataset again")
    parser.add_argument("--questions", default="C1,C2,C3,C4,C5,C6", help="comma-separated subset of C1..C6")
    parser.add_argument("--no-peer", action="store_true", help="skip the @neo4j/graphql column")
    parser.add_argument("--no-admin-import", action="store_true", help="skip the neo4j-admin import figure")
    parser.add_argument("--admin-import", action="store_true", help="redo the neo4j-admin import (else cached)")
    parser.add_argument("--load-only", action="store_true", help="load (or check) the dataset, measure nothing")
    parser.add_argument("--load-via", choices=["loader", "admin-import"], default="loader",
                        help="how an empty (or --reset) instance gets the dataset: graphdir's loader (default), or "
                             "neo4j-admin import of the same graph when the loader is too slow or too big")
    parser.add_argument("--loader-chunk", type=int, default=500_000, metavar="RECORDS",
                        help="load at most this many records per `graphdir load` (the loader holds a load in memory)")
    parser.add_argument("--quiet-load", type=float, default=0.0, metavar="LOADAVG",
                        help="before measuring, wait (up to 30 min) until the 1-minute load average is below this")
    parser.add_argument("--latency-requests", type=int, default=200)
    parser.add_argument("--latency-seconds", type=float, default=30.0)
    parser.add_argument("--throughput-seconds", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="processes of graphdir's API (uvicorn workers) and of the peer (node:cluster), the same "
                             "for both (default: the machine's cores)")
    parser.add_argument("--warmup", type=int, default=50)
    parser.add_argument("--draws", type=int, default=1000, help="distinct inputs per question")
    parser.add_argument("--keep-running", action="store_true", help="leave Neo4j running at the end")
    return parser.parse_args(argv)


def revive(servers: dict[str, Server], env: dict[str, str], result: dict[str, Any]) -> None:
    """Restart a server that died (another user's `pkill` happened once): noted in the results."""
    log_dir = DATA / "logs"
    for name, server in list(servers.items()):
        if server.process.poll() is None:
            continue
        log(f"{name} (pid {server.pid}) died (exit {server.process.returncode}): restarting it")
        workers = result["workers"]
        servers[name] = start_graphdir(env, log_dir, workers) \
            if name == "graphdir" else start_peer(env, log_dir, workers)
        result.setdefault("restarts", []).append({"server": name, "exit": server.process.returncode,
                                                  "before": len(result["questions"])})


async def measure_all(args: argparse.Namespace, result: dict[str, Any], instance: Any, scale: Any,
                      servers: dict[str, Server], env: dict[str, str]) -> None:
    keys = [k.strip().upper() for k in args.questions.split(",") if k.strip()]
    unknown = [k for k in keys if k not in TITLES]
    if unknown:
        raise SystemExit(f"unknown questions: {', '.join(unknown)}")
    questions = load_questions(keys)
    plan = Plan(latency_requests=args.latency_requests, latency_seconds=args.latency_seconds,
                throughput_seconds=args.throughput_seconds, concurrency=args.concurrency, warmup=args.warmup)
    result["plan"] = asdict(plan)
    sample = read_sample(instance, scale.organizations, args.seed)
    log(f"sample: {len(sample.organizations)} organizations in {len(sample.regions)} régions")
    driver = open_raw_driver(instance.uri, instance.read_password() or "")
    try:
        result["harness"] = await harness_overhead(servers["graphdir"], driver, plan)
        for question in questions:
            revive(servers, env, result)
            draws = make_draws(question.key, sample, args.seed, args.draws)
            columns = build_columns(question, servers["graphdir"], servers.get("peer"), driver)
            try:
                entry = await run_question(question, columns, draws, plan, servers)
            except (TimeoutError, OSError) as exc:
                log(f"{question.key}: failed: {type(exc).__name__}: {exc}")
                entry = {"key": question.key, "title": question.title, "columns": {},
                         "error": f"{type(exc).__name__}: {exc}"}
            entry["peer_cannot"] = question.peer_cannot if "peer" in servers else None
            entry["known_difference"] = KNOWN_DIFFERENCES.get(question.key)
            entry["examples"] = [d.label for d in draws[:3]]
            result["questions"].append(entry)
    finally:
        await driver.close()


def wait_quiet(threshold: float, limit: float = 1800.0) -> None:
    deadline = time.monotonic() + limit
    while os.getloadavg()[0] > threshold and time.monotonic() < deadline:
        log(f"load average {os.getloadavg()[0]:.1f} > {threshold}: waiting for a quieter machine")
        time.sleep(30)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    scale = SCALES[args.scale]
    instance = instance_for(scale, args.instance)
    DATA.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {"scale": scale.name, "seed": args.seed, "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                              "machine": report.machine(), "questions": []}
    started_neo4j = instance.pid() is None
    servers: dict[str, Server] = {}
    try:
        load = dataset.ensure_loaded(instance, scale, args.seed, reset=args.reset, via=args.load_via,
                                     chunk_records=args.loader_chunk)
        result["load"] = asdict(load)
        result["loader_by_scale"] = dataset.loader_figures(args.seed)
        log(f"dataset: {load.records:,} records, {load.mode}: {load.seconds:,.0f} s "
            f"({load.records_per_second:,.0f} records/s){' (reused)' if load.reused else ''}")
        if not args.no_admin_import:
            # With --load-via admin-import the instance's own import was the measurement.
            force = args.admin_import and not (args.load_via == "admin-import" and not load.reused)
            figures = admin_import.ensure(scale, args.seed, dataset_dir(scale, args.seed), force=force)
            result["admin_import"] = asdict(figures)
            log(f"neo4j-admin import: {figures.records:,} records in {figures.import_seconds:,.0f} s "
                f"({figures.records_per_second:,.0f} records/s), indexes {figures.index_seconds:,.0f} s")
        if args.load_only:
            return 0
        if not args.no_peer:
            version, changed = apoc.install(instance)
            if changed and instance.pid() is not None:
                log(f"APOC {version} installed: restarting {instance.name}")
                instance.stop()
        db.start(instance, scale)
        result["data"] = dataset.graph_counts(instance)
        env = db.connection_env(instance)
        log_dir = DATA / "logs"
        log_dir.mkdir(parents=True, exist_ok=True)
        result["workers"] = args.workers
        servers["graphdir"] = start_graphdir(env, log_dir, args.workers)
        log(f"graphdir API on 127.0.0.1:{servers['graphdir'].port} (pid {servers['graphdir'].pid})")
        if not args.no_peer:
            servers["peer"] = start_peer(env, log_dir, args.workers)
            log(f"@neo4j/graphql peer on 127.0.0.1:{servers['peer'].port} (pid {servers['peer'].pid})")
        # After the servers: on a fresh clone the peer's packages exist only once start_peer ran `npm ci`.
        result["versions"] = report.versions(instance, peer=not args.no_peer)
        neo4j_pid = instance.pid()
        os.environ["BENCH_NEO4J_PID"] = str(neo4j_pid or "")
        if args.quiet_load:
            wait_quiet(args.quiet_load)
            result["machine"]["loadavg"] = os.getloadavg()
        asyncio.run(measure_all(args, result, instance, scale, servers, env))
        result["memory"] = {f"{name} API": peak_rss_mb(server.pid) for name, server in servers.items()}
        if neo4j_pid:
            result["memory"]["neo4j"] = peak_rss_mb(neo4j_pid)
        result["loadavg_end"] = os.getloadavg()
        json_path, md_path = report.write(result)
        log(f"results: {md_path} and {json_path}")
        return 0
    except (dataset.DatasetError, admin_import.ImportError_, apoc.ApocError, ServerError, LocalServerError) as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    finally:
        for server in servers.values():
            server.stop()
        if started_neo4j and not args.keep_running and instance.pid() is not None:
            log(instance.stop())
