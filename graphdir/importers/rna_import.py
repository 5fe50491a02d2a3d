"""`graphdir import rna FILE...`: the RNA's rows read and placed (rna.py), built (rna_records.py), loaded.

    summary = await import_rna(driver, database, [Path("rna_waldec_20241201.zip")], dry_run=True)

Several files (or a zip of one CSV per département) are one import: one load, one summary. Raises ImportFileError
(nothing written) when a file is unreadable as a whole or the graph holds no communes, LoadRejected / WriteFailed as a
load does.
"""

from __future__ import annotations

import time
from pathlib import Path

from neo4j import AsyncDriver

from graphdir.importers.loading import count_placement, require_communes, write_import
from graphdir.importers.places import PlaceIndex
from graphdir.importers.progress import RowProgress
from graphdir.importers.rna import read_rna
from graphdir.importers.rna_records import organization_record, source_record
from graphdir.importers.summary import ImportSummary
from graphdir.loader import Record


async def import_rna(driver: AsyncDriver, database: str, paths: list[Path], *, dry_run: bool = False,
                     progress: bool = False, places: PlaceIndex | None = None, edition: str | None = None,
                     encoding: str = "auto", url: str | None = None, report: Path | None = None) -> ImportSummary:
    started = time.monotonic()
    await require_communes(driver, database, paths[0])
    places = places or await PlaceIndex.from_graph(driver, database)
    bar = RowProgress.for_stderr(progress, f"reading {paths[0].name}" + (" ..." if len(paths) > 1 else ""))
    try:
        rna = read_rna(paths, places, edition=edition, encoding=encoding, on_row=bar.update)
    finally:
        bar.finish()
    summary = ImportSummary(file=", ".join(map(str, paths)), rows=rna.rows, organizations=len(rna.associations),
                            items="associations", details=list(rna.details))
    records: list[Record] = [source_record(kind, edition_, files, url)
                             for (kind, edition_), files in sorted(rna.editions.items())]
    ceased = 0
    for index, item in enumerate(rna.associations.values()):
        records.append(organization_record(item, index))
        count_placement(summary, item.file, item.line, item.placement)
        ceased += item.ceased
    summary.facts.append(f"dissolved, kept and marked ceased: {ceased}")
    await write_import(driver, database, records, summary, dataset="rna", files=[str(p) for p in paths],
                       dry_run=dry_run, progress=progress, report=report)
    summary.seconds = time.monotonic() - started
    return summary
