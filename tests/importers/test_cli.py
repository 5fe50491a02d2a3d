"""`graphdir import siae` as an admin runs it: a separate process, its exit status and what it prints."""

from __future__ import annotations

from pathlib import Path

from neo4j import AsyncDriver

from graphdir.config import Settings
from tests.importers.test_import_siae import SAMPLE, node_count
from tests.loader.test_cli import graphdir


async def test_a_dry_run_prints_the_summary(seeded: AsyncDriver, settings: Settings) -> None:
    before = await node_count(seeded, settings)
    done = graphdir("import", "siae", str(SAMPLE), "--dry-run", "--quiet")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:3] == ["dry run: nothing written; an import would give",
                         "rows read: 16 (12 organizations, one per SIREN; 13 establishments, one per SIRET)",
                         "sources: 1 created, 0 updated, 0 unchanged"]
    assert "placed: 12 (10 by postal code, 2 by name in the département)" in lines
    assert await node_count(seeded, settings) == before


async def test_a_bad_file_exits_1_with_one_line(seeded: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    bad = tmp_path / "siae-2024-06.csv"
    bad.write_bytes(SAMPLE.read_text(encoding="utf-8").replace(";", ",").encode())
    done = graphdir("import", "siae", str(bad), "--quiet")
    assert done.returncode == 1
    assert (done.stdout, done.stderr) == ("", f"graphdir import: {bad}:1: the header is a single column: expected "
                                          "';'-separated columns (it looks ','-separated); nothing written\n")


async def test_sirene_as_an_admin_runs_it(seeded: AsyncDriver, settings: Settings) -> None:
    from tests.importers.test_import_sirene import ESS_LIST, SITES, UNITS

    before = await node_count(seeded, settings)
    done = graphdir("import", "sirene", str(UNITS), str(SITES), "--ess-list", str(ESS_LIST), "--dry-run", "--quiet")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[:2] == ["dry run: nothing written; an import would give",
                         "rows read: 20 (6 organizations, one per SIREN; 8 establishments, one per SIRET)"]
    assert "placed: 7 (5 at their coordinates, 2 at their commune's centre)" in lines
    assert await node_count(seeded, settings) == before
    three = graphdir("import", "sirene", str(UNITS), str(SITES), str(ESS_LIST), "--quiet")
    assert (three.returncode, three.stderr) == (1, "graphdir import sirene: takes 1 to 2 files, got 3; nothing "
                                                   "written\n")
    siae = graphdir("import", "siae", str(SAMPLE), "--ess-list", str(ESS_LIST), "--quiet")
    assert (siae.returncode, siae.stderr) == (1, "graphdir import siae: --ess-list is for sirene; nothing written\n")
