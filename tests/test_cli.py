"""The command stops with one line naming the URI and the cause, never a traceback."""

import json
import os
import signal
import socket
import subprocess
import sys
import threading
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


def test_serve_says_it_cannot_reach_neo4j_in_the_log_format_asked_for() -> None:
    done = run(["serve", "--port", "8999"], NEO4J_URI="bolt://127.0.0.1:9", NEO4J_PASSWORD="x",
               GRAPHDIR_LOG_FORMAT="json")
    assert done.returncode == 3
    assert_one_line_error(done, "bolt://127.0.0.1:9")
    assert json.loads(done.stderr)["level"] == "ERROR"


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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Served:
    """`graphdir serve` in a subprocess, its stderr lines collected as they come."""

    def __init__(self, settings: Settings, port: int, *args: str, **env: str) -> None:
        full_env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GRAPHDIR_LOG"))}
        full_env.update(NEO4J_URI=settings.neo4j_uri, NEO4J_PASSWORD=settings.neo4j_password, **env)
        self.port = port
        self.process = subprocess.Popen([*GRAPHDIR, "serve", "--port", str(port), *args], env=full_env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            if line.strip():
                self.lines.append(line.rstrip("\n"))

    def wait_for(self, fragment: str, count: int) -> None:
        """Until `count` lines hold `fragment`: a worker stopped while it starts would not shut down cleanly."""
        deadline = time.monotonic() + 60
        while sum(fragment in line for line in self.lines) < count and time.monotonic() < deadline:
            time.sleep(0.1)

    def ask(self, times: int) -> list[object]:
        body = json.dumps({"query": "{ __typename }"}).encode()
        answers: list[object] = []
        deadline = time.monotonic() + 60
        while len(answers) < times and time.monotonic() < deadline:
            request = urllib.request.Request(f"http://127.0.0.1:{self.port}/graphql", data=body,
                                             headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=5) as response:
                    answers.append(json.loads(response.read()))
            except OSError:
                time.sleep(0.3)
        return answers

    def stop(self) -> list[str]:
        self.process.terminate()
        self.process.wait(timeout=30)
        self._reader.join(timeout=10)
        # One uvicorn server re-raises the signal once it has shut down; a supervisor of several exits 0.
        assert self.process.returncode in (0, -signal.SIGTERM), self.lines
        assert not any("Traceback" in line for line in self.lines), self.lines
        return self.lines


def test_serve_with_two_workers_logs_json_from_both_and_applies_the_schema_once(settings: Settings) -> None:
    port = _free_port()
    server = Served(settings, port, "--workers", "2", GRAPHDIR_LOG_LEVEL="INFO", GRAPHDIR_LOG_FORMAT="json")
    try:
        answers = server.ask(10)
        expected = {"data": {"__typename": "Query"}, "extensions": {"cost": 1}}
        assert answers and all(answer == expected for answer in answers), answers
        # uvicorn's supervisor and its two worker processes (spawned through multiprocessing's tracker too).
        workers = [pid for pid in _children(server.process.pid)
                   if b"multiprocessing.resource_tracker" not in Path(f"/proc/{pid}/cmdline").read_bytes()]
        assert len(workers) == 2, workers
        server.wait_for('"ready: open', 2)
    finally:
        lines = server.stop()
    entries = [json.loads(line) for line in lines]  # every line, of every process, is JSON
    ready = [e for e in entries if e["msg"].startswith("ready")]
    assert sorted(e["pid"] for e in ready) == sorted(workers), entries
    assert all(f"http://127.0.0.1:{port}/graphql" in e["msg"] for e in ready)
    assert {e["pid"] for e in entries if e["msg"] == "stopped"} == set(workers), entries
    schema_lines = [e for e in entries if "schema" in e["msg"]]
    assert [e["pid"] for e in schema_lines] == [server.process.pid], schema_lines


def test_serve_for_a_person_writes_text_ending_with_the_addresses(settings: Settings) -> None:
    port = _free_port()
    server = Served(settings, port, GRAPHDIR_LOG_FORMAT="text")
    try:
        assert server.ask(1)
    finally:
        lines = server.stop()
    assert not any(line.startswith("{") for line in lines), lines
    started = lines[:next(i for i, line in enumerate(lines) if "stopped" in line)]
    assert "schema" in started[0]
    assert f"http://127.0.0.1:{port}/graphql (GraphiQL)" in started[-1]
    assert f"http://127.0.0.1:{port}/healthz" in started[-1]


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("GRAPHDIR_NEO4J_BOLT_PORT", "seven"),
        ("GRAPHDIR_NEO4J_HEAP", "lots"),
        ("GRAPHDIR_NEO4J_PAGECACHE", "2gb"),
        ("GRAPHDIR_NEO4J_HOME", ""),
    ],
)
@pytest.mark.parametrize("args", [["db", "status"], ["serve"]])
def test_bad_local_server_setting_names_the_variable(args: list[str], variable: str, value: str) -> None:
    done = run(args, **{variable: value})
    assert done.returncode == 2
    assert_one_line_error(done, variable)
