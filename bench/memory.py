"""The API's memory under 1,000 distinct large queries: `graphdir serve` on loopback over the local test instance,
its process's RSS (VmRSS) read before, every 100 queries, and after; prints the figures and whether the growth
stayed within the bound.

    GRAPHDIR_INSTANCE=test GRAPHDIR_NEO4J_BOLT_PORT=… python -m bench.memory [--queries 1000] [--bound-mb 150]

Four families of queries, as many of each, every one distinct (its operation name) so that none hits a cache entry
another made, each near a limit of graphdir/api (body 1 MiB, 5,000 tokens, depth 10) and refused or answered without
Neo4j work of any size:
- cacheable: just under the cache's 4,096 characters per document, one token in two characters (the largest tree a
  cached entry can hold: ~120 bytes per character of text);
- tokens: 4,990 tokens (~10 KB), too large to be cached;
- body: ~1 MB of string literals (1,000 strings of 1,000 characters), parsed, then refused;
- depth: four levels of nested connections (13 fields deep), refused by the depth limit (10) once parsed.

The bound is for the growth of the warm process (after 20 queries), from its RSS before to its largest RSS during and
after: what the cache holds once full (graphdir.api.document_cache: 512 KiB of text, ~62 MB of trees at most) plus
what one request's parse needs at once and the allocator keeps: 150 MB.

Measured on 2026-12-01 (2 shared cores under a load of 7-10, test instance), 1,000 queries, 1,000 HTTP 200 (the
ids lists refused as BAD_USER_INPUT, the nested ones at depth 10):
- before the cache was bounded by size (512 entries of at most 4,096 characters each): RSS 76.7 MB before, then
  107, 127, 153, 170, 194, 213, 233, 252, 277, 296 MB every 100 queries: +220 MB and still growing by ~21 MB per 100
  (it would stop at 512 cached documents, ~+450 MB);
- with it: 76.7 MB before, then 107, 128, 150, 169, 190, 196, 196, 196, 196, 197 MB: +120 MB, flat from the 500th
  query on (the cache full), 197 MB after.
Each query takes 0.3-3 s of the server's CPU here (graphql-core parsing and validating thousands of tokens).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from bench.servers import rss_mb, start_graphdir
from graphdir.db.local import LocalInstance

FAMILIES = ("cacheable", "tokens", "body", "depth")


def cacheable(index: int) -> str:
    head = f"query Cacheable{index} {{ nodes(ids: ["
    tail = "]) { id } }"
    return head + " ".join("7" for _ in range((4090 - len(head) - len(tail)) // 2)) + tail


def tokens(index: int) -> str:
    return f"query Tokens{index} {{ nodes(ids: [" + " ".join("7" for _ in range(4980)) + "]) { id } }"


def body(index: int) -> str:
    word = "x" * 1000
    return f"query Body{index} {{ nodes(ids: [" + " ".join(f'"{word}"' for _ in range(1000)) + "]) { id } }"


def depth(index: int) -> str:
    inner = "name"
    for _ in range(4):
        inner = f"memberOf(first: 2) {{ edges {{ node {{ {inner} }} }} }}"
    return f'query Depth{index} {{ organization(slug: "cres-auvergne") {{ {inner} }} }}'


MAKERS: dict[str, Callable[[int], str]] = {"cacheable": cacheable, "tokens": tokens, "body": body, "depth": depth}


def run(count: int, bound_mb: float) -> int:
    server = LocalInstance(os.environ.get("GRAPHDIR_INSTANCE", "test"))
    server.start()
    with tempfile.TemporaryDirectory() as logs:
        api = start_graphdir({}, Path(logs))
        try:
            return measure(f"http://127.0.0.1:{api.port}", api.pid, count, bound_mb)
        finally:
            api.stop()


def measure(base: str, pid: int, count: int, bound_mb: float) -> int:
    statuses: dict[str, dict[int, int]] = {family: {} for family in FAMILIES}
    samples: list[tuple[int, float]] = []
    with httpx.Client(base_url=base, timeout=60.0) as http:
        for index in range(20):  # warm: imports, the driver's connections, the first caches
            http.post("/graphql", json={"query": depth(10_000 + index)})
        before = rss_mb(pid) or 0.0
        started = time.monotonic()
        for index in range(count):
            family = FAMILIES[index % len(FAMILIES)]
            status = http.post("/graphql", json={"query": MAKERS[family](index)}).status_code
            statuses[family][status] = statuses[family].get(status, 0) + 1
            if (index + 1) % 100 == 0:
                samples.append((index + 1, rss_mb(pid) or 0.0))
        elapsed = time.monotonic() - started
        time.sleep(1.0)
        after = rss_mb(pid) or 0.0
    peak = max([after, *(rss for _, rss in samples)])
    print(f"{count} distinct queries in {elapsed:.0f} s; HTTP statuses per family: {statuses}")
    print(f"RSS before {before:.1f} MB; during " + ", ".join(f"{n}: {rss:.1f}" for n, rss in samples))
    print(f"RSS after {after:.1f} MB; growth to the largest {peak - before:+.1f} MB (bound {bound_mb:g} MB), "
          f"after {after - before:+.1f} MB")
    return 0 if peak - before <= bound_mb else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--bound-mb", type=float, default=150.0)
    args = parser.parse_args()
    return run(args.queries, args.bound_mb)


if __name__ == "__main__":
    sys.exit(main())
