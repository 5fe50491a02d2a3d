"""Scales, paths and the Neo4j instances the benchmark owns.

Each scale has its own Neo4j instance (own data folder under .neo4j/instances/, own Bolt port: 1m uses graphdir's
`bench` (7689); the others 7791-7794, away from the 7687-7691 other local instances take), so switching between
`--scale 10k` for development and the default `1m` never reloads a million organizations, and the curated data of
`run` / `test` is never touched. `neo4j-admin database import` writes into a throwaway instance of its own.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from graphdir.db.local import LocalInstance

ROOT = Path(__file__).resolve().parents[1]
# The checkout's local servers, wherever the benchmark is started from (graphdir's default is the current directory's).
os.environ.setdefault("GRAPHDIR_NEO4J_HOME", str(ROOT / ".neo4j"))
BENCH = ROOT / "bench"
DATA = BENCH / "data"
RESULTS = BENCH / "results"
QUESTIONS = BENCH / "questions"
PEER = BENCH / "peer"
GENERATOR = ROOT / "scripts" / "generate_synthetic.py"
TERRITORIES = ROOT / "seeds" / "territories"
PYTHON = ROOT / ".venv" / "bin" / "python"
GRAPHDIR = ROOT / ".venv" / "bin" / "graphdir"
DEFAULT_SEED = 20121


@dataclass(frozen=True)
class Scale:
    name: str
    organizations: int
    instance: str
    port: int
    heap: str
    pagecache: str

    # The generator's defaults are the proportions: 1,000,000 organizations -> 2,000 federations,
    # 50,000 conventions, 100,000 people (each with a role), about 3 memberships per organization.
    @property
    def federations(self) -> int:
        return max(self.organizations // 500, 10)

    @property
    def conventions(self) -> int:
        return self.organizations // 20

    @property
    def people(self) -> int:
        return self.organizations // 10


SCALES = {
    "10k": Scale("10k", 10_000, "bench-10k", 7792, "1g", "256m"),
    "100k": Scale("100k", 100_000, "bench-100k", 7791, "1g", "512m"),
    "1m": Scale("1m", 1_000_000, "bench", 7689, "2g", "2g"),
}


@dataclass(frozen=True)
class BenchInstance(LocalInstance):
    """A LocalInstance with its own Bolt port (LocalInstance gives every name outside run/test/bench port 7690)."""

    bolt_port: int = field(default=7690)

    @property
    def port(self) -> int:
        return self.bolt_port


def instance_for(scale: Scale, name: str | None = None) -> BenchInstance:
    return BenchInstance(name or scale.instance, bolt_port=scale.port)


def import_instance() -> BenchInstance:
    """The throwaway instance `neo4j-admin database import` writes into: never the benchmark's data."""
    return BenchInstance("bench-import", bolt_port=7793)


def dataset_dir(scale: Scale, seed: int) -> Path:
    return DATA / f"synthetic-{scale.name}-{seed}"


def memory_env(scale: Scale) -> dict[str, str]:
    """GRAPHDIR_NEO4J_HEAP / PAGECACHE for the scale, unless the caller set them."""
    return {
        "GRAPHDIR_NEO4J_HEAP": os.environ.get("GRAPHDIR_NEO4J_HEAP", scale.heap),
        "GRAPHDIR_NEO4J_PAGECACHE": os.environ.get("GRAPHDIR_NEO4J_PAGECACHE", scale.pagecache),
    }
