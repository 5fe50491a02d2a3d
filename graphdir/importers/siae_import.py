"""The SIAE import: the list read into records (one organization per SIREN, one establishment per SIRET), then
what every import does (graphdir.importers.loading.write_import): identity resolution, then the validating loader.

    summary = await import_siae(driver, database, Path("siae-2019-07.csv"), dry_run=False)

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

from graphdir.importers.loading import count_placement, require_communes, write_import
from graphdir.importers.places import PlaceIndex
from graphdir.importers.progress import RowProgress
from graphdir.importers.records import establishment_record, organization_record, source_record
from graphdir.importers.siae import Establishment, read_siae
from graphdir.importers.summary import Detail, ImportSummary


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
        count_placement(summary, str(siae.path), item.line, item.placement)
    summary.details += [Detail(str(path), r.line, "rejected", r.reason, r.detail) for r in siae.rejected]
    await write_import(driver, database, records, summary, dataset="siae", files=[str(path)], dry_run=dry_run,
                       progress=progress, report=report)
    summary.seconds = time.monotonic() - started
    return summary
