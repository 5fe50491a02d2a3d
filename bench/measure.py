"""Latency at concurrency 1 and throughput at concurrency 16, with bounded loops.

Latency: requests one after another, each timed with perf_counter_ns, until `count` requests or `max_seconds`
(whichever first; at least `min_count` are always sent). Throughput: `concurrency` workers, each with its own
connection, take the next draw from a shared counter until `seconds` have passed (or `max_requests`); the rate is the
requests completed over the time the last one finished. Percentiles are nearest-rank over the measured latencies.
"""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from bench.columns import Column


@dataclass
class Stats:
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    p50_ms: float | None = None
    p95_ms: float | None = None
    p99_ms: float | None = None
    mean_ms: float | None = None
    max_ms: float | None = None
    rps: float | None = None
    first_error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        raise ValueError("no values")
    rank = max(1, math.ceil(q / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def summarize(latencies_ns: list[int], errors: int, seconds: float, first_error: str | None) -> Stats:
    ms = sorted(v / 1e6 for v in latencies_ns)
    stats = Stats(requests=len(ms) + errors, errors=errors, seconds=round(seconds, 3), first_error=first_error)
    if ms:
        stats.p50_ms = round(percentile(ms, 50), 3)
        stats.p95_ms = round(percentile(ms, 95), 3)
        stats.p99_ms = round(percentile(ms, 99), 3)
        stats.mean_ms = round(sum(ms) / len(ms), 3)
        stats.max_ms = round(ms[-1], 3)
    if seconds > 0:
        stats.rps = round(len(ms) / seconds, 2)
    return stats


@dataclass
class _Tally:
    """The latencies of the requests that succeeded, and the errors of the others."""

    latencies: list[int] = field(default_factory=list)
    errors: int = 0
    first_error: str | None = None

    async def call(self, column: Column, session: Any, item: Any) -> None:
        t0 = time.perf_counter_ns()
        error = await column.call(session, item)
        elapsed = time.perf_counter_ns() - t0
        if error is None:
            self.latencies.append(elapsed)
        else:
            self.errors += 1
            self.first_error = self.first_error or error

    def stats(self, seconds: float) -> Stats:
        return summarize(self.latencies, self.errors, seconds, self.first_error)


async def latency(column: Column, prepared: list[Any], start: int, count: int, max_seconds: float,
                  min_count: int = 20) -> Stats:
    session = column.session()
    tally = _Tally()
    began = time.perf_counter()
    deadline = began + max_seconds
    try:
        for i in range(count):
            if i >= min_count and time.perf_counter() > deadline:
                break
            await tally.call(column, session, prepared[(start + i) % len(prepared)])
    finally:
        await column.close_session(session)
    return tally.stats(time.perf_counter() - began)


async def throughput(column: Column, prepared: list[Any], start: int, concurrency: int, seconds: float,
                     max_requests: int = 1_000_000) -> Stats:
    counter = 0
    tally = _Tally()
    began = time.perf_counter()
    deadline = began + seconds
    last_done = began

    async def worker() -> None:
        nonlocal counter, last_done
        session = column.session()
        try:
            while time.perf_counter() < deadline and counter < max_requests:
                item = prepared[(start + counter) % len(prepared)]
                counter += 1
                await tally.call(column, session, item)
                last_done = time.perf_counter()
        finally:
            await column.close_session(session)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    stats = tally.stats(last_done - began)
    stats.extra["concurrency"] = concurrency
    return stats


async def warm_up(column: Column, prepared: list[Any], count: int, concurrency: int = 4) -> int:
    """Send `count` requests (the first draws, `concurrency` at a time); the number of errors."""
    errors = 0
    next_index = 0

    async def worker() -> None:
        nonlocal errors, next_index
        session = column.session()
        try:
            while next_index < count:
                item = prepared[next_index % len(prepared)]
                next_index += 1
                if await column.call(session, item) is not None:
                    errors += 1
        finally:
            await column.close_session(session)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return errors
