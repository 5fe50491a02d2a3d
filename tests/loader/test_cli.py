"""`graphdir load` as an admin runs it: a separate process, its exit status and what it prints."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.loader.conftest import VALID, Graph

GRAPHDIR = [sys.executable, "-m", "graphdir"]


def graphdir(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "GRAPHDIR_PROGRESS"}
    environment.update({"GRAPHDIR_INSTANCE": os.environ.get("GRAPHDIR_INSTANCE", "test"), **env})
    return subprocess.run([*GRAPHDIR, *args], capture_output=True, text=True, env=environment, timeout=300,
                          cwd=Path(__file__).resolve().parents[2])


async def test_a_rejected_load_exits_1_with_its_errors_on_stderr(graph: Graph, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "people:\n  - id: test-loader-cli\n    name: CLI\n    age: 3\n  - {id: test-loader-cli, name: Again}\n",
        encoding="utf-8",
    )
    before = await graph.snapshot()
    done = graphdir("load", str(VALID), str(bad))
    assert done.returncode == 1
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        f"{bad}:4: people[0] age: unknown field (expected one of: id, name, cited)",
        f"{bad}:5: people[1] id: duplicate id 'test-loader-cli': also at {bad}:2 (people[0])",
        "graphdir load: load rejected: 2 errors, nothing written",
    ]
    assert await graph.snapshot() == before


async def test_a_valid_load_exits_0_and_dry_run_writes_nothing(graph: Graph) -> None:
    before = await graph.snapshot()
    dry = graphdir("load", "--dry-run", "--quiet", str(VALID))
    assert (dry.returncode, dry.stderr) == (0, "")
    assert dry.stdout.splitlines()[0] == "dry run: nothing written; a load would give"
    assert "organizations: 3 created, 0 updated, 0 unchanged" in dry.stdout.splitlines()
    assert await graph.snapshot() == before

    done = graphdir("load", str(VALID))  # not a terminal: no progress bar on stderr
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[-1].startswith("total: 20 created, 0 updated, 0 unchanged (20 records in 3 files")


def test_progress_can_be_forced_through_a_pipe(tmp_path: Path) -> None:
    done = graphdir("load", "--dry-run", str(VALID / "10-sources.yaml"), GRAPHDIR_PROGRESS="1")
    assert done.returncode == 0
    assert "checking records" in done.stderr and "comparing with the graph" in done.stderr
    assert done.stderr.count("\n") >= 2  # each finished phase keeps its line
    quiet = graphdir("load", "--dry-run", "--quiet", str(VALID / "10-sources.yaml"), GRAPHDIR_PROGRESS="1")
    assert (quiet.returncode, quiet.stderr) == (0, "")


def test_an_unreachable_database_exits_3_without_a_traceback() -> None:
    done = graphdir("load", str(VALID), NEO4J_URI="bolt://127.0.0.1:9", NEO4J_PASSWORD="x",
                    GRAPHDIR_TEST_ALLOW_WIPE="0")
    assert done.returncode == 3
    assert done.stdout == ""
    assert done.stderr.startswith("graphdir: cannot use Neo4j at bolt://127.0.0.1:9: ")
    assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1
