"""An import from the file to the graph: the importer reads its file into records, then every import goes through
the same two steps (`write_import`): identity resolution (identity.py), then the validating loader.

    summary = await import_siae(driver, database, Path("siae-2019-07.csv"), dry_run=False)
    summary = await import_sirene(...)            # graphdir.importers.sirene_run

Writes go through graphdir.loader.load_records: the same rules as the seeds, validated whole before anything is
written, and a re-import of the same file changes nothing. Raises ImportFileError (nothing written) when the file is
unreadable as a whole or the graph holds no communes to place rows in, LoadRejected / WriteFailed as a load does.

Decided here: a SIAE row that cannot be placed is still imported, its establishment without a commune (so without a
location), and reported as not placed with its line and reason; a later import with a better place index (commune
history) places the same establishment.
"""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path

from neo4j import AsyncDriver

from graphdir.importers.csvfile import ImportFileError
from graphdir.importers.identity import resolve
from graphdir.importers.identity_reads import IdentityReads
from graphdir.importers.places import PlaceIndex, Placement
from graphdir.importers.progress import RowProgress
from graphdir.importers.records import establishment_record, organization_record, source_record
from graphdir.importers.siae import Establishment, SiaeFile, read_siae
from graphdir.importers.summary import INLINE_DETAILS, Detail, ImportSummary
from graphdir.loader import Record, load_records


async def write_import(driver: AsyncDriver, database: str, records: list[Record], summary: ImportSummary, *,
                       dataset: str, dry_run: bool, progress: bool, report: Path | None) -> ImportSummary:
    """Resolve identities, load, and finish the summary (details in a report file when there are many)."""
    resolved = await resolve(IdentityReads(driver, database), records, dataset=dataset)
    del records[:]
    summary.details += resolved.details
    summary.matched = resolved.matched
    summary.enriched_curated = resolved.enriched_curated
    summary.load = await load_records(driver, database, resolved.records, files=[summary.file], dry_run=dry_run,
                                      progress=progress)
    if len(summary.details) > INLINE_DETAILS:
        path = Path(summary.file)
        summary.write_report(report or Path(f"{path.stem}.import-report.txt"))
    return summary


async def import_siae(driver: AsyncDriver, database: str, path: Path, *, dry_run: bool = False,
                      progress: bool = False, places: PlaceIndex | None = None, edition: str | None = None,
                      url: str | None = None, report: Path | None = None) -> ImportSummary:
    started = time.monotonic()
    await require_communes(driver, database, path)
    places = places or await PlaceIndex.from_graph(driver, database)
    bar = RowProgress.for_stderr(progress, f"reading {path.name}")
    try:
        siae = read_siae(path, places, edition=edition, on_row=bar.update)
    finally:
        bar.finish()
    summary = ImportSummary(file=str(path), rows=siae.rows, establishments=len(siae.establishments))
    by_siren: dict[str, list[Establishment]] = defaultdict(list)
    for item in siae.establishments.values():
        by_siren[item.siren].append(item)
    records = [source_record(siae, url)]
    records += [organization_record(siae, siren, items, index) for index, (siren, items) in enumerate(by_siren.items())]
    summary.organizations = len(by_siren)
    for index, item in enumerate(siae.establishments.values()):
        records.append(establishment_record(siae, item, index, by_siren[item.siren][0].name))
        _placement_details(siae, item.line, item.placement, summary)
    summary.details += [Detail(str(path), r.line, "rejected", r.reason, r.detail) for r in siae.rejected]
    await write_import(driver, database, records, summary, dataset="siae", dry_run=dry_run, progress=progress,
                       report=report)
    summary.seconds = time.monotonic() - started
    return summary


def _placement_details(siae: SiaeFile, line: int, placement: Placement, summary: ImportSummary) -> None:
    if placement.commune is None:
        assert placement.reason is not None
        summary.details.append(Detail(str(siae.path), line, "not placed", placement.reason.value, placement.detail))
    elif placement.method == "departement":
        summary.details.append(Detail(str(siae.path), line, "placed by département",
                                      f"{placement.commune.code} {placement.commune.name}", placement.detail))
    else:
        summary.placed_by_postal_code += 1


async def require_communes(driver: AsyncDriver, database: str, path: Path) -> None:
    records, _, _ = await driver.execute_query("MATCH (c:Commune) RETURN count(c) > 0 AS any", database_=database,
                                               routing_="r")
    if not records[0]["any"]:
        raise ImportFileError(str(path), 0, "the graph holds no communes to place rows in: load the territories first "
                              "(graphdir load seeds/territories)")
