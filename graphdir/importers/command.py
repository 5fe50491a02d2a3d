"""`graphdir import siae FILE` / `graphdir import sirene UNITS [ESTABLISHMENTS]`: run an import, say what happened.

The summary goes to stdout; a file that cannot be imported, or records the loader refuses, to stderr. Exit status as
`graphdir load`: 0 imported (or dry run), 1 nothing written (unreadable file, refused records, Neo4j refused the
write); Neo4j unreachable is DatabaseUnavailable, exit status 3.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from neo4j.exceptions import ServiceUnavailable, SessionExpired

from graphdir.config import Settings
from graphdir.db.driver import connect, explain
from graphdir.importers.csvfile import ImportFileError
from graphdir.importers.run import import_siae
from graphdir.importers.sirene_records import import_sirene
from graphdir.importers.summary import ImportSummary
from graphdir.loader import LoadRejected, WriteFailed
from graphdir.loader.command import refused

EXIT_OK = 0
EXIT_NOT_WRITTEN = 1
SOURCES = ("siae", "sirene")
FILES = {"siae": (1, 1), "sirene": (1, 2)}  # how many files each source takes


async def _run(settings: Settings, source: str, paths: list[Path], dry_run: bool, progress: bool,
               edition: str | None, url: str | None, report: Path | None, ess_list: Path | None) -> ImportSummary:
    driver = await connect(settings)
    try:
        if source == "sirene":
            return await import_sirene(driver, settings.neo4j_database, paths[0], paths[1] if len(paths) > 1 else None,
                                       ess_list=ess_list, dry_run=dry_run, progress=progress, edition=edition,
                                       report=report)
        return await import_siae(driver, settings.neo4j_database, paths[0], dry_run=dry_run, progress=progress,
                                 edition=edition, url=url, report=report)
    except (ServiceUnavailable, SessionExpired) as exc:
        raise explain(settings, exc) from exc
    finally:
        await driver.close()


def run_import(settings: Settings, source: str, paths: list[Path], *, dry_run: bool = False, progress: bool = True,
               edition: str | None = None, url: str | None = None, report: Path | None = None,
               ess_list: Path | None = None) -> int:
    assert source in SOURCES
    least, most = FILES[source]
    if not least <= len(paths) <= most:
        wanted = "one file" if most == 1 else f"{least} to {most} files"
        print(f"graphdir import {source}: takes {wanted}, got {len(paths)}; nothing written", file=sys.stderr)
        return EXIT_NOT_WRITTEN
    if ess_list is not None and source != "sirene":
        print(f"graphdir import {source}: --ess-list is for sirene; nothing written", file=sys.stderr)
        return EXIT_NOT_WRITTEN
    try:
        summary = asyncio.run(_run(settings, source, paths, dry_run, progress, edition, url, report, ess_list))
    except ImportFileError as exc:
        print(f"graphdir import: {exc}; nothing written", file=sys.stderr)
        return EXIT_NOT_WRITTEN
    except (LoadRejected, WriteFailed) as exc:
        return refused("graphdir import", exc)
    for line in summary.lines():
        print(line)
    return EXIT_OK
