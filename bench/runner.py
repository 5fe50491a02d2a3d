"""One benchmark run over the questions: agreement check, then per question and column warm-up, latency at
concurrency 1, throughput at concurrency N, and graphdir's (and the peer's) peak memory for that question."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from neo4j import AsyncDriver, AsyncGraphDatabase

from bench import agreement, measure
from bench.columns import Column, GraphQLColumn, RawColumn
from bench.http import Connection, get_request
from bench.questions import Draw, Question
from bench.servers import ForeignCpu, Server, peak_rss_mb, process_tree, reset_peak


@dataclass
class Plan:
    latency_requests: int = 200
    latency_seconds: float = 30.0
    throughput_seconds: float = 10.0
    concurrency: int = 16
    warmup: int = 50
    agreement_draws: int = 5


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def open_raw_driver(uri: str, password: str) -> AsyncDriver:
    # The same pool size as graphdir's driver (graphdir.db.driver.open_driver).
    return AsyncGraphDatabase.driver(uri, auth=("neo4j", password), max_connection_pool_size=50,
                                     notifications_min_severity="OFF")


class _Healthz:
    """The trivial endpoint the load generator's own cost is measured against."""

    name = "healthz"

    def __init__(self, port: int) -> None:
        self.port = port
        self.request = get_request("127.0.0.1", port, "/healthz")

    def prepare(self, draws: Sequence[Draw]) -> list[bytes]:
        return [self.request]

    def session(self) -> Connection:
        return Connection("127.0.0.1", self.port)

    async def call(self, session: Connection, prepared: bytes) -> str | None:
        response = await session.send(prepared)
        return None if response.status == 200 else f"HTTP {response.status}"

    async def close_session(self, session: Connection) -> None:
        await session.close()

    async def fetch(self, prepared: bytes) -> Any:
        return None


class _ReturnOne:
    name = "raw-return-1"

    def __init__(self, driver: AsyncDriver) -> None:
        self.column = RawColumn(driver, "RETURN 1 AS one")

    def prepare(self, draws: Sequence[Draw]) -> list[tuple[str, dict[str, Any]]]:
        return [(self.column.cypher, {})]

    def session(self) -> None:
        return None

    async def call(self, session: None, prepared: tuple[str, dict[str, Any]]) -> str | None:
        return await self.column.call(session, prepared)

    async def close_session(self, session: None) -> None:
        return None

    async def fetch(self, prepared: tuple[str, dict[str, Any]]) -> Any:
        return None


async def harness_overhead(api: Server, driver: AsyncDriver, plan: Plan) -> dict[str, Any]:
    """What the load generator and the driver cost on their own: graphdir's /healthz over HTTP, and `RETURN 1`."""
    out: dict[str, Any] = {}
    trivial: list[Column] = [_Healthz(api.port), _ReturnOne(driver)]
    for column in trivial:
        prepared = column.prepare([])
        await measure.warm_up(column, prepared, 200)
        c1 = await measure.latency(column, prepared, 0, 2000, 5.0)
        cn = await measure.throughput(column, prepared, 0, plan.concurrency, 5.0)
        out[column.name] = {"c1": c1.as_dict(), "throughput": cn.as_dict()}
        log(f"harness {column.name}: p50 {c1.p50_ms} ms, {cn.rps} req/s at {plan.concurrency}")
    return out


async def check_agreement(question: Question, columns: dict[str, Column], draws: list[Draw],
                          n: int) -> dict[str, Any]:
    result: dict[str, Any] = {"draws": 0, "disagreements": [], "errors": []}
    floor = columns["raw"]
    for draw in draws[:n]:
        result["draws"] += 1
        try:
            base = agreement.digest(question.key, "raw", await floor.fetch(floor.prepare([draw])[0]))
        except Exception as exc:  # noqa: BLE001
            result["errors"].append(f"raw {draw.label}: {exc}"[:400])
            continue
        for name, column in columns.items():
            if name == "raw":
                continue
            try:
                answer = await column.fetch(column.prepare([draw])[0])
                other = agreement.digest(question.key, name, answer)
            except Exception as exc:  # noqa: BLE001
                result["errors"].append(f"{name} {draw.label}: {type(exc).__name__}: {exc}"[:400])
                continue
            if not agreement.agree(question.key, base, other):
                result["disagreements"].append({"column": name, "draw": draw.label, "raw": base, name: other})
    return result


async def run_question(question: Question, columns: dict[str, Column], draws: list[Draw], plan: Plan,
                       servers: dict[str, Server]) -> dict[str, Any]:
    out: dict[str, Any] = {"key": question.key, "title": question.title, "columns": {}}
    out["agreement"] = await check_agreement(question, columns, draws, plan.agreement_draws)
    if out["agreement"]["disagreements"] or out["agreement"]["errors"]:
        log(f"{question.key}: agreement check: {len(out['agreement']['disagreements'])} disagreements, "
            f"{len(out['agreement']['errors'])} errors (see the JSON)")
    for name, column in columns.items():
        prepared = column.prepare(draws)
        server = servers.get(name)
        if server is not None:
            reset_peak(server.pid)
        foreign = ForeignCpu(ours(servers))
        began = time.monotonic()
        warm_errors = await measure.warm_up(column, prepared, plan.warmup)
        c1 = await measure.latency(column, prepared, plan.warmup, plan.latency_requests, plan.latency_seconds)
        cn = await measure.throughput(column, prepared, plan.warmup + plan.latency_requests, plan.concurrency,
                                      plan.throughput_seconds)
        entry: dict[str, Any] = {"warmup_errors": warm_errors, "c1": c1.as_dict(), "throughput": cn.as_dict(),
                                 "seconds": round(time.monotonic() - began, 1)}
        if server is not None:
            entry["peak_rss_mb"] = peak_rss_mb(server.pid)
        # Other work on the machine while this was measured (not ours: the harness, the servers, Neo4j).
        entry["others_cpu_cores"] = foreign.cores()
        out["columns"][name] = entry
        log(f"{question.key} {name:8}: p50 {c1.p50_ms} ms  p95 {c1.p95_ms}  p99 {c1.p99_ms}  "
            f"{cn.rps} req/s at {plan.concurrency}  errors {c1.errors + cn.errors}"
            + (f"  ({c1.first_error or cn.first_error})" if c1.errors + cn.errors else ""))
    return out


def ours(servers: dict[str, Server]) -> set[int]:
    """The harness, the servers and the benchmark's Neo4j (the parent of nothing else we start)."""
    roots = [server.pid for server in servers.values()]
    neo4j_pid = os.environ.get("BENCH_NEO4J_PID")
    if neo4j_pid:
        roots.append(int(neo4j_pid))
    return {os.getpid(), *(pid for root in roots for pid in process_tree(root))}


def build_columns(question: Question, api: Server | None, peer: Server | None,
                  driver: AsyncDriver) -> dict[str, Column]:
    columns: dict[str, Column] = {"raw": RawColumn(driver, question.cypher)}
    if api is not None:
        columns["graphdir"] = GraphQLColumn("graphdir", api.port, "/graphql", question.graphql)
    if peer is not None and question.peer is not None:
        columns["peer"] = GraphQLColumn("peer", peer.port, "/", question.peer, peer=True)
    return columns
