"""`graphdir import siae FILE [--dry-run]`: run an import and say what happened.

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
from graphdir.importers.summary import ImportSummary
from graphdir.loader import LoadRejected, WriteFailed
from graphdir.loader.command import refused

EXIT_OK = 0
EXIT_NOT_WRITTEN = 1
SOURCES = ("siae",)


async def _run(settings: Settings, path: Path, dry_run: bool, progress: bool, edition: str | None,
               url: str | None, report: Path | None) -> ImportSummary:
    driver = await connect(settings)
    try:
        return await import_siae(driver, settings.neo4j_database, path, dry_run=dry_run, progress=progress,
                                 edition=edition, url=url, report=report)
    except (ServiceUnavailable, SessionExpired) as exc:
        raise explain(settings, exc) from exc
    finally:
        await driver.close()


def run_import(settings: Settings, source: str, path: Path, *, dry_run: bool = False, progress: bool = True,
               edition: str | None = None, url: str | None = None, report: Path | None = None) -> int:
    assert source in SOURCES
    try:
        summary = asyncio.run(_run(settings, path, dry_run, progress, edition, url, report))
    except ImportFileError as exc:
        print(f"graphdir import: {exc}; nothing written", file=sys.stderr)
        return EXIT_NOT_WRITTEN
    except (LoadRejected, WriteFailed) as exc:
        return refused("graphdir import", exc)
    for line in summary.lines():
        print(line)
    return EXIT_OK
