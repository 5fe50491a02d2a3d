"""The processes measured: graphdir's API (`graphdir serve`) and the @neo4j/graphql peer (Node), on loopback ports.

Both are started by the harness and stopped at the end, by pid, each in as many processes as `--workers` says. Peak
memory is the kernel's VmHWM (/proc/<pid>/status), summed over a server's processes; writing 5 to
/proc/<pid>/clear_refs resets it, so each question's peak can be read too.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.settings import GRAPHDIR, PEER, ROOT


class ServerError(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _status_kb(pid: int, key: str) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def process_tree(pid: int) -> list[int]:
    """The process and its descendants (uvicorn's and Node's worker processes)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo += children.get(current, [])
    return tree


def peak_rss_mb(pid: int) -> float | None:
    """VmHWM of the process, plus its workers' when it has some (the sum of their peaks)."""
    peaks = [kb for p in process_tree(pid) if (kb := _status_kb(p, "VmHWM")) is not None]
    return round(sum(peaks) / 1024, 1) if peaks else None


def rss_mb(pid: int) -> float | None:
    kb = _status_kb(pid, "VmRSS")
    return round(kb / 1024, 1) if kb is not None else None


def reset_peak(pid: int) -> bool:
    done = True
    for p in process_tree(pid):
        try:
            Path(f"/proc/{p}/clear_refs").write_text("5")
        except OSError:
            done = False
    return done


@dataclass
class Server:
    name: str
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def _wait(server: Server, ready: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServerError(f"{server.name} exited ({server.process.returncode}); see {server.log}:\n"
                              + server.log.read_text()[-2000:])
        try:
            if ready():
                return
        except OSError:
            pass
        time.sleep(0.3)
    server.stop()
    raise ServerError(f"{server.name} did not answer within {timeout:.0f}s; see {server.log}")


def start_graphdir(env: dict[str, str], log_dir: Path, workers: int = 1) -> Server:
    """`graphdir serve` on a free port with `workers` processes."""
    port = free_port()
    log = log_dir / "graphdir-api.log"
    full_env = {**os.environ, **env, "GRAPHDIR_GRAPHIQL": "false", "GRAPHDIR_LOG_LEVEL": "WARNING"}
    with log.open("wb") as out:
        process = subprocess.Popen([str(GRAPHDIR), "serve", "--host", "127.0.0.1", "--port", str(port),
                                    "--workers", str(workers)],
                                   env=full_env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL)
    server = Server("graphdir", process, port, log)

    def ready() -> bool:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
            return bool(response.status == 200)

    # Two workers importing the schema take 40-60 s on the 2-core machine when others load it (measured 43 s at a load
    # average of 11): a minute was not always enough.
    _wait(server, ready, 180)
    return server


def ensure_peer_installed() -> None:
    """`npm ci` when node_modules is missing or older than package-lock.json."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise ServerError("node and npm are needed for the @neo4j/graphql peer (or run with --no-peer)")
    stamp = PEER / "node_modules" / ".package-lock.json"
    lock = PEER / "package-lock.json"
    if stamp.exists() and stamp.stat().st_mtime >= lock.stat().st_mtime:
        return
    print("bench: npm ci (the @neo4j/graphql peer)", file=sys.stderr)
    done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=PEER, capture_output=True, text=True)
    if done.returncode != 0:
        raise ServerError("npm ci failed:\n" + (done.stdout + done.stderr)[-2000:])


def start_peer(env: dict[str, str], log_dir: Path, workers: int = 1) -> Server:
    """The peer's Node server on a free port, in `workers` processes (node:cluster) when more than one."""
    ensure_peer_installed()
    port = free_port()
    log = log_dir / "peer.log"
    full_env = {**os.environ, **env, "PORT": str(port), "NODE_ENV": "production", "WORKERS": str(workers)}
    with log.open("wb") as out:
        process = subprocess.Popen(["node", "server.mjs"], env=full_env, cwd=PEER, stdout=out,
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    server = Server("peer", process, port, log)
    body = json.dumps({"query": "{ __typename }"}).encode()

    def ready() -> bool:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/", data=body,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=2) as response:
            return bool(response.status == 200)

    _wait(server, ready, 180)
    return server


def node_version() -> str | None:
    if shutil.which("node") is None:
        return None
    return subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()


def package_version(name: str) -> str | None:
    path = PEER / "node_modules" / name / "package.json"
    if not path.exists():
        return None
    return str(json.loads(path.read_text()).get("version"))


_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds_by_pid() -> dict[int, float]:
    """utime + stime of every process, in seconds (a process that vanished in between is simply missing)."""
    out: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[int(entry.name)] = (int(fields[11]) + int(fields[12])) / _TICKS
    return out


class ForeignCpu:
    """The CPU other processes than ours used while a measurement ran, in cores (0 to the number of cores)."""

    def __init__(self, ours: set[int]) -> None:
        self.ours = ours
        self.started = time.monotonic()
        self.before = cpu_seconds_by_pid()

    def cores(self) -> float:
        after = cpu_seconds_by_pid()
        used = sum(seconds - self.before.get(pid, 0.0) for pid, seconds in after.items() if pid not in self.ours)
        return round(max(used, 0.0) / max(time.monotonic() - self.started, 1e-9), 2)
