"""Concurrent writers: 16 clients edit 4 shared organizations for 60 s through `graphdir serve` on loopback, each
update naming the version it read (a CONFLICT is read again and retried); then every acknowledged write is checked
to be in the graph's history, once, versions without gaps, and the last one in place.

    GRAPHDIR_INSTANCE=test GRAPHDIR_NEO4J_BOLT_PORT=… python -m bench.writers [--seconds 60] [--writers 16]
        [--objects 4] [--port 8014]

Never against the `run` instance (it writes organizations `bench-writers-…` and deletes them afterwards).

Measured on 2026-12-01 (2 cores shared with other work, load average 16, test instance, 1 g heap): 16 writers on 4
organizations for 61.6 s: 116 acknowledged writes (1.9/s), 348 CONFLICT answers (read again and retried), no other
error; mutation latency median 1.8 s, p99 4.7 s, max 7.1 s; every acknowledged write in its organization's history
once, versions 1 to 31 without gaps, the last write in place. Again later that day (load average ~12): 184
acknowledged in 60.7 s (3.0/s), 574 CONFLICT, no other error, latency median 1.1 s, p99 2.5 s; all found.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import httpx

from graphdir.api.ids import decode
from graphdir.config import Settings
from graphdir.db.driver import connect
from graphdir.db.reader import Reader
from graphdir.db.writer import Writer
from graphdir.domain.accounts.service import AccountService

PREFIX = "bench-writers-"
SOURCE = {"document": "bench/writers.py", "title": "Concurrent writers benchmark"}
READ = """query($id: ID!) { node(id: $id) { ... on Organization { version } } }"""
UPDATE = """mutation($input: UpdateOrganizationInput!) {
  updateOrganization(input: $input) { organization { version description } userErrors { field code } }
}"""
CREATE = """mutation($input: CreateOrganizationInput!) {
  createOrganization(input: $input) { organization { id } userErrors { field code message } }
}"""
HISTORY = """query($id: ID!, $after: String) { node(id: $id) { ... on Organization { version description
  history(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { version actor
    fields { field after } } } } } } }"""


async def post(http: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    response = await http.post("/graphql", json={"query": query, "variables": variables})
    response.raise_for_status()
    body: dict[str, Any] = response.json()
    if body.get("errors"):
        raise RuntimeError(body["errors"][0]["message"])
    data: dict[str, Any] = body["data"]
    return data


async def writer(http: httpx.AsyncClient, index: int, objects: list[str], until: float,
                 acknowledged: list[tuple[str, int, str]], counts: Counter[str], latencies: list[float]) -> None:
    step = 0
    while time.monotonic() < until:
        target = objects[(index + step) % len(objects)]
        text = f"writer {index} edit {step}"
        step += 1
        try:
            version = (await post(http, READ, id=target))["node"]["version"]
            while time.monotonic() < until:
                started = time.monotonic()
                payload = (await post(http, UPDATE, input={
                    "id": target, "version": version, "description": text, "source": {"declaredBy": target},
                    "idempotencyKey": f"{index}-{step}"}))["updateOrganization"]
                latencies.append(time.monotonic() - started)
                if not payload["userErrors"]:
                    acknowledged.append((target, payload["organization"]["version"], text))
                    counts["acknowledged"] += 1
                    break
                code = payload["userErrors"][0]["code"]
                counts[code] += 1
                if code != "CONFLICT":
                    break
                version = payload["organization"]["version"]
        except (httpx.HTTPError, RuntimeError) as exc:
            counts[f"error {type(exc).__name__}"] += 1


async def history_of(http: httpx.AsyncClient, target: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    edges: list[dict[str, Any]] = []
    after = None
    while True:
        node = (await post(http, HISTORY, id=target, after=after))["node"]
        edges += [edge["node"] for edge in node["history"]["edges"]]
        if not node["history"]["pageInfo"]["hasNextPage"]:
            return node, edges
        after = node["history"]["pageInfo"]["endCursor"]


async def measure(base: str, token: str, seconds: float, writers: int, objects: int) -> bool:
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=writers + 4)
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=60.0, limits=limits) as http:
        for _ in range(300):
            try:
                if (await http.get("/readyz")).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.1)
        ids = []
        for number in range(objects):
            payload = (await post(http, CREATE, input={"name": f"Bench writers {number}", "kind": "ENTERPRISE",
                                                       "slug": f"{PREFIX}{number}", "commune": "03095",
                                                       "source": SOURCE}))["createOrganization"]
            assert not payload["userErrors"], payload["userErrors"]
            ids.append(payload["organization"]["id"])
        acknowledged: list[tuple[str, int, str]] = []
        counts: Counter[str] = Counter()
        latencies: list[float] = []
        begin = time.monotonic()
        await asyncio.gather(*(writer(http, index, ids, begin + seconds, acknowledged, counts, latencies)
                               for index in range(writers)))
        elapsed = time.monotonic() - begin
        ok = True
        by_object: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for target, version, text in acknowledged:
            by_object[target].append((version, text))
        for target in ids:
            node, history = await history_of(http, target)
            recorded = {(h["version"], h["fields"][0]["after"]) for h in history if h["version"] > 1}
            mine = sorted(by_object[target])
            versions = sorted(h["version"] for h in history)
            missing = [item for item in mine if item not in recorded]
            gapless = versions == list(range(1, len(versions) + 1))
            last = node["version"] == 1 + len(mine) and (not mine or node["description"] == mine[-1][1])
            ok = ok and not missing and gapless and last and len(history) == 1 + len(mine)
            name = decode(target, "id")[1]
            print(f"{name}: {len(mine)} acknowledged, {len(history) - 1} in its history, version {node['version']}, "
                  f"missing {len(missing)}, versions without gaps: {gapless}, last write in place: {last}")
    total = counts["acknowledged"]
    print(f"{writers} writers on {objects} organizations for {elapsed:.1f} s: {total} acknowledged writes "
          f"({total / elapsed:.1f}/s); " + ", ".join(f"{count} {kind}" for kind, count in counts.most_common()
                                                     if kind != "acknowledged"))
    if latencies:
        ordered = sorted(latencies)
        print(f"mutation latency: median {statistics.median(ordered) * 1000:.0f} ms, "
              f"p99 {ordered[int(len(ordered) * 0.99)] * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms")
    print("every acknowledged write is in the graph and its history: " + ("yes" if ok else "NO"))
    return ok


async def with_token(settings: Settings, action: str) -> str:
    driver = await connect(settings)
    try:
        database = settings.neo4j_database
        accounts = AccountService(Reader(driver, database), Writer(driver, database))
        if action == "create":
            await cleanup(driver, database)
            return (await accounts.issue(f"{PREFIX}admin", "admin", [])).secret
        await cleanup(driver, database)
        return ""
    finally:
        await driver.close()


async def cleanup(driver: Any, database: str) -> None:
    await driver.execute_query(
        "MATCH (c:Change) WHERE any(i IN c.objectIds WHERE i STARTS WITH $p) "
        "OPTIONAL MATCH (c)-[:CITES]->(s:Source) WHERE s.id STARTS WITH 'src-api-' OR s.id STARTS WITH $declared "
        "DETACH DELETE c, s", {"p": PREFIX, "declared": "declared-by-" + PREFIX}, database_=database)
    await driver.execute_query("MATCH (t:ApiToken) WHERE t.name STARTS WITH $p MATCH (k:IdempotencyKey) "
                               "WHERE k.id STARTS WITH t.id + ':' DELETE k", {"p": PREFIX}, database_=database)
    await driver.execute_query("MATCH (n) WHERE (n:Organization AND n.id STARTS WITH $p) OR "
                               "(n:ApiToken AND n.name STARTS WITH $p) DETACH DELETE n", {"p": PREFIX},
                               database_=database)


def run(seconds: float, writers: int, objects: int, port: int) -> int:
    if os.environ.get("GRAPHDIR_INSTANCE", "run") == "run" and not os.environ.get("NEO4J_URI"):
        print("refusing to write to the `run` instance: set GRAPHDIR_INSTANCE", file=sys.stderr)
        return 2
    settings = Settings.from_env()
    token = asyncio.run(with_token(settings, "create"))
    api = subprocess.Popen([sys.executable, "-m", "graphdir", "serve", "--host", "127.0.0.1", "--port", str(port)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=Path(__file__).parents[1])
    try:
        ok = asyncio.run(measure(f"http://127.0.0.1:{port}", token, seconds, writers, objects))
    finally:
        api.terminate()
        api.wait(timeout=30)
        asyncio.run(with_token(settings, "cleanup"))
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--objects", type=int, default=4)
    parser.add_argument("--port", type=int, default=int(os.environ.get("GRAPHDIR_PORT", "8014")))
    args = parser.parse_args()
    return run(args.seconds, args.writers, args.objects, args.port)


if __name__ == "__main__":
    sys.exit(main())
