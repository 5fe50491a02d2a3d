"""Results: bench/results/<date>-<scale>.json (everything) and .md (the tables), and results/LATEST.md."""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from bench import neo4j as db
from bench.servers import node_version, package_version
from bench.settings import RESULTS, BenchInstance


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_kb = 0
    try:
        match = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())
        mem_kb = int(match.group(1)) if match else 0
    except OSError:
        pass
    return {"cores": os.cpu_count(), "cpu": cpu, "ram_gb": round(mem_kb / 2**20, 1), "kernel": platform.release(),
            "loadavg": os.getloadavg()}


def _dist(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def versions(instance: BenchInstance, peer: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"python": sys.version.split()[0]}
    for dist in ("strawberry-graphql", "neo4j", "uvicorn", "starlette", "graphql-core"):
        out[dist if dist != "neo4j" else "neo4j (python driver)"] = _dist(dist)
    rows = db.query(instance, "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition")
    out["neo4j"] = f"{rows[0]['versions'][0]} {rows[0]['edition']}" if rows else None
    try:
        out["apoc"] = db.query(instance, "RETURN apoc.version() AS v")[0]["v"]
    except Exception:  # noqa: BLE001 - APOC absent (run without the peer)
        out["apoc"] = None
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    out["java"] = java[0] if java else None
    if peer:
        out["node"] = node_version()
        for package in ("@neo4j/graphql", "@apollo/server", "graphql", "neo4j-driver"):
            out[f"{package} (peer)"] = package_version(package)
    return out


def _fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _ratio(a: Any, b: Any) -> str:
    if not a or not b:
        return "–"
    return f"{a / b:.2f}×"


def markdown(result: dict[str, Any]) -> str:
    lines: list[str] = []
    add = lines.append
    m, v = result["machine"], result["versions"]
    add(f"# graphdir benchmark: {result['scale']} scale, {result['date']}")
    add("")
    add(f"Machine: {m['cores']} cores ({m['cpu']}), {m['ram_gb']} GB RAM, Linux {m['kernel']}; load average "
        f"{', '.join(f'{x:.1f}' for x in m['loadavg'])} at start, "
        f"{', '.join(f'{x:.1f}' for x in result.get('loadavg_end', m['loadavg']))} at the end "
        "(other work shared the machine when it is above 0).")
    add("")
    add("Versions: " + ", ".join(f"{k} {val}" for k, val in v.items() if val))
    add("")
    plan = result["plan"]
    add(f"Method: per question and column, {plan['warmup']} warm-up requests, then latency at concurrency 1 "
        f"({plan['latency_requests']} requests or {plan['latency_seconds']:.0f} s), then throughput at concurrency "
        f"{plan['concurrency']} for {plan['throughput_seconds']:.0f} s. Inputs drawn from seed {result['seed']}, the "
        "same for the three columns. graphdir and the peer over HTTP on loopback (the harness's own HTTP/1.1 "
        "client, kept-alive connections); raw = one Cypher statement per question through the async Python driver "
        "(no HTTP: the floor). "
        + (f"graphdir's API and the peer each ran in {result['workers']} processes (uvicorn workers; node:cluster), "
           "their peak RSS summed over them. " if result.get("workers", 1) > 1 else
           "graphdir's API and the peer each ran in one process. ")
        + "See bench/README.md. The last column is the CPU other processes (not the harness, the "
        "servers or this Neo4j) used while the row was measured, in cores of the machine's "
        f"{m['cores']}: above a few tenths, other work competed with it.")
    add("")
    counts = result["data"]
    add("Data: " + ", ".join(f"{k} {_fmt(c)}" for k, c in counts.items()))
    add("")
    add(f"| question | column | p50 ms | p95 ms | p99 ms | req/s at {plan['concurrency']} | errors | "
        "graphdir/raw p50 | graphdir/peer req/s | peak RSS MB | others' CPU |")
    add("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for q in result["questions"]:
        if q.get("error"):
            add(f"| {q['key']} {q['title']} | – | failed: {q['error'][:80]} | | | | | | | | |")
            continue
        cols = q["columns"]
        g = cols.get("graphdir", {})
        raw = cols.get("raw", {})
        peer = cols.get("peer", {})
        for name in ("graphdir", "raw", "peer"):
            if name not in cols:
                if name == "peer" and q.get("peer_cannot"):
                    add(f"| {q['key']} | peer | cannot express it (below) | | | | | | | | |")
                continue
            c = cols[name]
            errors = c["c1"]["errors"] + c["throughput"]["errors"]
            ratio_raw = _ratio(g.get("c1", {}).get("p50_ms"), raw.get("c1", {}).get("p50_ms")) \
                if name == "graphdir" else ""
            ratio_peer = _ratio(g.get("throughput", {}).get("rps"), peer.get("throughput", {}).get("rps")) \
                if name == "graphdir" and peer else ""
            title = f"{q['key']} {q['title']}" if name == "graphdir" else q["key"]
            add(f"| {title} | {name} | {_fmt(c['c1']['p50_ms'], 2)} | {_fmt(c['c1']['p95_ms'], 2)} | "
                f"{_fmt(c['c1']['p99_ms'], 2)} | {_fmt(c['throughput']['rps'])} | {errors} | {ratio_raw} | "
                f"{ratio_peer} | {_fmt(c.get('peak_rss_mb'))} | {_fmt(c.get('others_cpu_cores'), 2)} |")
    add("")
    add("Targets: graphdir p50 within 1.5× of raw on C1–C4; graphdir throughput at least the peer's where both "
        "answer.")
    add("")
    for q in result["questions"]:
        verdicts = []
        g, raw, peer = (q["columns"].get(n) for n in ("graphdir", "raw", "peer"))
        if g and raw and q["key"] in ("C1", "C2", "C3", "C4") and g["c1"]["p50_ms"] and raw["c1"]["p50_ms"]:
            r = g["c1"]["p50_ms"] / raw["c1"]["p50_ms"]
            verdicts.append(f"p50 {r:.2f}× raw: {'met' if r <= 1.5 else 'MISSED'}")
        if g and peer and g["throughput"]["rps"] and peer["throughput"]["rps"]:
            r = g["throughput"]["rps"] / peer["throughput"]["rps"]
            verdicts.append(f"throughput {r:.2f}× the peer's: {'met' if r >= 1.0 else 'MISSED'}")
        agreement = q.get("agreement", {})
        if agreement:
            bad = len(agreement.get("disagreements", [])) + len(agreement.get("errors", []))
            verdicts.append(f"answers agree on {agreement.get('draws', 0)} draws" if not bad
                            else f"{bad} of {agreement.get('draws', 0)} draws differ in the agreement check"
                                 + (f" ({', '.join(sorted({d['column'] for d in agreement['disagreements']}))}; "
                                    "see below)" if q.get("known_difference") else " (see JSON)"))
        add(f"- {q['key']}: " + "; ".join(verdicts))
    add("")
    for restart in result.get("restarts", []):
        add(f"- Note: the {restart['server']} server died (exit {restart['exit']}) after {restart['before']} "
            "question(s) and was restarted; its peak memory covers the questions after the restart only.")
    memory = result.get("memory", {})
    if memory:
        add("Peak memory over the whole run (VmHWM): " + ", ".join(f"{k} {_fmt(val)} MB" for k, val in memory.items()))
        add("")
    load, imp = result.get("load"), result.get("admin_import")
    add("## Load")
    add("")
    if load and not str(load.get("mode", "")).startswith("graphdir load"):
        add(f"This run's dataset was built by {load['mode'].split(' (')[0]}, not by the loader (see bench/README.md, "
            "Loading); the loader's figures below come from the scales it loaded.")
        add("")
    add("| how | scale | records | seconds | records/s | notes |")
    add("|---|---|---:|---:|---:|---|")
    for figures in result.get("loader_by_scale", []):
        seconds = figures["territory_seconds"]
        rate = round(figures["territory_records"] / seconds, 1) if seconds else None
        add(f"| graphdir load, territories first | {figures['scale']} | {_fmt(figures['territory_records'])} | "
            f"{_fmt(seconds)} | {_fmt(rate)} | one transaction |")
        add(f"| graphdir load, synthetic dataset | {figures['scale']} | {_fmt(figures['records'])} | "
            f"{_fmt(figures['seconds'])} | {_fmt(figures['records_per_second'])} | loader peak RSS "
            f"{_fmt(figures['loader_peak_rss_mb'])} MB; {figures.get('mode', 'graphdir load')} |")
    if imp:
        add(f"| neo4j-admin database import (territories + dataset) | {imp['scale']} | {_fmt(imp['records'])} | "
            f"{_fmt(imp['import_seconds'])} | {_fmt(imp['records_per_second'])} | {_fmt(imp['nodes'])} nodes, "
            f"{_fmt(imp['relationships'])} relationships; CSV conversion {_fmt(imp['convert_seconds'])} s apart |")
        add(f"| … plus building graphdir's indexes | {imp['scale']} | {_fmt(imp['records'])} | "
            f"{_fmt(round(imp['import_seconds'] + imp['index_seconds'], 1))} | "
            f"{_fmt(imp['records_per_second_with_indexes'])} | index build {_fmt(imp['index_seconds'])} s; "
            f"store {_fmt(imp.get('store_mb'))} MB |")
    add("")
    harness = result.get("harness", {})
    if harness:
        add("## The load generator's own cost")
        add("")
        for name, h in harness.items():
            add(f"- {name}: p50 {_fmt(h['c1']['p50_ms'], 3)} ms at concurrency 1, {_fmt(h['throughput']['rps'])} "
                f"req/s at {plan['concurrency']}")
        add("")
    known = [q for q in result["questions"] if q.get("known_difference")]
    if known:
        add("## Known differences between the answers")
        add("")
        for q in known:
            add(f"- {q['key']}: {q['known_difference']}")
        add("")
    cannot = [q for q in result["questions"] if q.get("peer_cannot")]
    if cannot:
        add("## What @neo4j/graphql cannot express")
        add("")
        for q in cannot:
            add(f"- {q['key']} ({q['title']}): {q['peer_cannot']}")
        add("")
    return "\n".join(lines) + "\n"


def write(result: dict[str, Any]) -> tuple[Path, Path]:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = f"{result['date'][:10]}-{result['scale']}"
    json_path = RESULTS / f"{stem}.json"
    md_path = RESULTS / f"{stem}.md"
    json_path.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n")
    md_path.write_text(markdown(result))
    (RESULTS / "LATEST.md").write_text(
        f"# Latest benchmark results\n\nThe latest run: [{md_path.name}]({md_path.name}) "
        f"([JSON]({json_path.name})), {result['scale']} scale, {result['date']}.\n")
    return json_path, md_path
