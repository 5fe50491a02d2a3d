"""The command stops with one line naming the URI and the cause, never a traceback."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from graphdir.config import Settings

GRAPHDIR = [sys.executable, "-m", "graphdir"]


def run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    full_env.update(env)
    return subprocess.run([*GRAPHDIR, *args], capture_output=True, text=True, env=full_env, timeout=60)


def assert_one_line_error(done: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, done.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_unreachable_uri_is_one_line() -> None:
    done = run(["schema", "apply"], NEO4J_URI="bolt://127.0.0.1:9", NEO4J_PASSWORD="x")
    assert done.returncode == 3
    assert_one_line_error(done, "bolt://127.0.0.1:9", "unreachable")


def test_serve_with_unreachable_uri_stops_before_serving() -> None:
    done = run(["serve", "--port", "8999"], NEO4J_URI="bolt://127.0.0.1:9", NEO4J_PASSWORD="x")
    assert done.returncode == 3
    assert "bolt://127.0.0.1:9" in done.stderr and "Traceback" not in done.stderr


def test_wrong_password_is_one_line(settings: Settings) -> None:
    done = run(["schema", "apply"], NEO4J_URI=settings.neo4j_uri, NEO4J_PASSWORD="not-the-password")
    assert done.returncode == 3
    assert_one_line_error(done, settings.neo4j_uri, "authentication failed")


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"NEO4J_URI": "http://127.0.0.1:7474", "NEO4J_PASSWORD": "x"}, "NEO4J_URI"),
        ({"NEO4J_URI": "bolt://127.0.0.1:7687", "NEO4J_PASSWORD": "x", "GRAPHDIR_PORT": "eighty"}, "GRAPHDIR_PORT"),
        ({"NEO4J_URI": "bolt://127.0.0.1:7687"}, "NEO4J_PASSWORD"),
        ({"NEO4J_URI": "bolt://127.0.0.1:7687", "NEO4J_PASSWORD": "x", "GRAPHDIR_WORKERS": "0"}, "GRAPHDIR_WORKERS"),
    ],
)
def test_bad_configuration_names_the_variable(env: dict[str, str], named: str) -> None:
    done = run(["serve"], **env)
    assert done.returncode == 2
    assert_one_line_error(done, named)


def test_every_subcommand_has_help() -> None:
    for args in (["--help"], ["serve", "--help"], ["db", "--help"], ["schema", "--help"], ["load", "--help"]):
        done = run(args)
        assert done.returncode == 0, args
        assert "usage: graphdir" in done.stdout


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_serve_with_two_workers_answers_and_stops(settings: Settings) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(NEO4J_URI=settings.neo4j_uri, NEO4J_PASSWORD=settings.neo4j_password, GRAPHDIR_LOG_LEVEL="WARNING")
    server = subprocess.Popen([*GRAPHDIR, "serve", "--port", str(port), "--workers", "2"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        body = json.dumps({"query": "{ __typename }"}).encode()
        answers = []
        deadline = time.monotonic() + 60
        while len(answers) < 10 and time.monotonic() < deadline:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/graphql", data=body,
                                             headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    answers.append(json.loads(response.read()))
            except OSError:
                time.sleep(0.3)
        assert answers and all(a == {"data": {"__typename": "Query"}} for a in answers), answers
        # uvicorn's supervisor and its two worker processes (spawned through multiprocessing's tracker too).
        workers = [pid for pid in _children(server.pid)
                   if b"multiprocessing.resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes()]
        assert len(workers) == 2, workers
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=30)
    assert server.returncode == 0, stderr
    assert b"Traceback" not in stderr
