"""`graphdir serve` (uvicorn) in a subprocess on loopback, over a given Neo4j, for as long as a block runs."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from graphdir.config import Settings

CHECKOUT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def served(settings: Settings, **env: str) -> Iterator[str]:
    """The base URL of a graphdir server reading `settings`' Neo4j, once its /readyz says ready."""
    port = free_port()
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPHDIR_"))}
    full_env.update(NEO4J_URI=settings.neo4j_uri, NEO4J_USER=settings.neo4j_user,
                    NEO4J_PASSWORD=settings.neo4j_password, NEO4J_DATABASE=settings.neo4j_database,
                    GRAPHDIR_LOG_LEVEL="WARNING", GRAPHDIR_LOG_FORMAT="json", **env)
    process = subprocess.Popen([sys.executable, "-m", "graphdir", "serve", "--host", "127.0.0.1", "--port", str(port)],
                               env=full_env, cwd=CHECKOUT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"graphdir serve did not become ready (exit code {process.poll()})")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
