"""`graphdir load PATH...`: run a load and say what happened.

Errors go to stderr, one per line (`path:line: section[index] field: message`), followed by a count; the summary
goes to stdout. Exit status: 0 loaded (or dry run), 1 rejected (nothing written) or refused by Neo4j while writing.
Neo4j being unreachable (at the start or during the load) raises DatabaseUnavailable, which the `graphdir` command
turns into exit status 3.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from neo4j.exceptions import ServiceUnavailable, SessionExpired

from graphdir.config import Settings
from graphdir.db.driver import connect, explain
from graphdir.loader import LoadRejected, LoadReport, load_paths
from graphdir.loader.errors import WriteFailed

EXIT_OK = 0
EXIT_REJECTED = 1


async def _run(settings: Settings, paths: list[Path], dry_run: bool, progress: bool) -> LoadReport:
    driver = await connect(settings)
    try:
        return await load_paths(driver, settings.neo4j_database, paths, dry_run=dry_run, progress=progress)
    except (ServiceUnavailable, SessionExpired) as exc:
        raise explain(settings, exc) from exc  # lost the server mid-load: DatabaseUnavailable, exit status 3
    finally:
        await driver.close()


def refused(command: str, exc: LoadRejected | WriteFailed) -> int:
    """Say on stderr why nothing was written (every error of a rejected load, then the outcome); EXIT_REJECTED."""
    for error in exc.errors if isinstance(exc, LoadRejected) else []:
        print(error, file=sys.stderr)
    print(f"{command}: {exc}", file=sys.stderr)
    return EXIT_REJECTED


def run_load(settings: Settings, paths: list[Path], dry_run: bool = False, progress: bool = True) -> int:
    try:
        report = asyncio.run(_run(settings, paths, dry_run, progress))
    except (LoadRejected, WriteFailed) as exc:
        return refused("graphdir load", exc)
    for line in report.lines():
        print(line)
    return EXIT_OK
