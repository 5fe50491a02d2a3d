"""The command stops with one line naming the URI and the cause, never a traceback."""

import os
import subprocess
import sys

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
