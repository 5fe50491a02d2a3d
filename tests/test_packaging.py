"""A regular install carries what graphdir reads at run time (the Dockerfile and `pip install .` rely on it)."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_holds_the_package_data(tmp_path: Path) -> None:
    build = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path), str(ROOT)]
    done = subprocess.run(build, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("graphdir-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"graphdir/db/constraints.cypher", "graphdir/db/neo4j-runtime.pom.xml", "graphdir/cli.py"} <= names
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "License-Expression: MIT" in text
