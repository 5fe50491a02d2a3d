"""`graphdir import <source> FILE... [--dry-run]`: run an import and say what happened.

The summary goes to stdout; a file that cannot be imported, or records the loader refuses, to stderr. Exit status as
`graphdir load`: 0 imported (or dry run), 1 nothing written (unreadable file or mapping, refused records, Neo4j refused
the write); Neo4j unreachable is DatabaseUnavailable, exit status 3.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass
from pathlib import Path

from neo4j import AsyncDriver
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from graphdir.config import Settings
from graphdir.db.driver import connect, explain
from graphdir.importers.errors import ImportFileError
from graphdir.importers.summary import ImportSummary
from graphdir.loader import LoadRejected, WriteFailed
from graphdir.loader.command import refused

EXIT_OK = 0
EXIT_NOT_WRITTEN = 1
SOURCES = ("siae", "sirene", "rna", "sheet", "ess-france")
# How many files each source takes: sirene its units, then (optional) their establishments; rna any number.
FILES = {"siae": (1, 1), "sirene": (1, 2), "rna": (1, None), "sheet": (1, 1), "ess-france": (1, 1)}


@dataclass(frozen=True)
class ImportOptions:
    dry_run: bool = False
    progress: bool = True
    edition: str | None = None
    url: str | None = None
    report: Path | None = None
    encoding: str | None = None  # rna, ess-france: auto unless given; sheet: the mapping's
    mapping: Path | None = None  # sheet
    ess_list: Path | None = None  # sirene


async def _import(driver: AsyncDriver, database: str, source: str, paths: list[Path],
                  options: ImportOptions) -> ImportSummary:
    dry_run, progress, report = options.dry_run, options.progress, options.report
    if source == "siae":
        from graphdir.importers.siae_import import import_siae

        return await import_siae(driver, database, paths[0], edition=options.edition, url=options.url,
                                 dry_run=dry_run, progress=progress, report=report)
    if source == "sirene":
        from graphdir.importers.sirene_records import import_sirene

        return await import_sirene(driver, database, paths[0], paths[1] if len(paths) > 1 else None,
                                   ess_list=options.ess_list, dry_run=dry_run, progress=progress,
                                   edition=options.edition, report=report)
    if source == "rna":
        from graphdir.importers.rna_import import import_rna

        return await import_rna(driver, database, paths, edition=options.edition, url=options.url,
                                encoding=options.encoding or "auto", dry_run=dry_run, progress=progress,
                                report=report)
    if source == "ess-france":
        from graphdir.importers.ess_france_import import import_ess_france

        return await import_ess_france(driver, database, paths[0], edition=options.edition, url=options.url,
                                       encoding=options.encoding or "auto", dry_run=dry_run, progress=progress,
                                       report=report)
    from graphdir.importers.sheet_import import import_sheet

    if options.mapping is None:
        raise ImportFileError(str(paths[0]), 0, "graphdir import sheet needs --mapping MAPPING.yaml")
    return await import_sheet(driver, database, paths[0], options.mapping, encoding=options.encoding,
                              dry_run=dry_run, progress=progress, report=report)


async def _run(settings: Settings, source: str, paths: list[Path], options: ImportOptions) -> ImportSummary:
    driver = await connect(settings)
    try:
        return await _import(driver, settings.neo4j_database, source, paths, options)
    except (ServiceUnavailable, SessionExpired) as exc:
        raise explain(settings, exc) from exc
    finally:
        await driver.close()


def run_import(settings: Settings, source: str, paths: list[Path], options: ImportOptions) -> int:
    assert source in SOURCES
    least, most = FILES[source]
    if len(paths) < least or (most is not None and len(paths) > most):
        wanted = "one file" if most == 1 else f"{least} to {most} files"
        print(f"graphdir import {source}: takes {wanted}, got {len(paths)}; nothing written", file=sys.stderr)
        return EXIT_NOT_WRITTEN
    if options.ess_list is not None and source != "sirene":
        print(f"graphdir import {source}: --ess-list is for sirene; nothing written", file=sys.stderr)
        return EXIT_NOT_WRITTEN
    try:
        summary = asyncio.run(_run(settings, source, paths, options))
    except ImportFileError as exc:
        print(f"graphdir import: {exc}; nothing written", file=sys.stderr)
        return EXIT_NOT_WRITTEN
    except (LoadRejected, WriteFailed) as exc:
        return refused("graphdir import", exc)
    for line in summary.lines():
        print(line)
    return EXIT_OK
