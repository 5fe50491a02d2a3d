"""`graphdir import rna FILE...`: the RNA's rows read and placed (rna.py), built (rna_records.py), loaded.

    summary = await import_rna(driver, database, [Path("rna_waldec_20241201.zip")], dry_run=True)

Several files (or a zip of one CSV per département) are one import, one summary. The files are first read whole
without keeping anything (rna.check_rna: ImportFileError, nothing written, when one is unreadable as a whole, or
when the graph holds no communes), then streamed: written in batches as they are read (batches.py), memory bounded
by a batch and what telling repeated rows apart needs (rna.Seen). LoadRejected / WriteFailed as a load does.
"""

from __future__ import annotations

import time
from pathlib import Path

from neo4j import AsyncDriver

from graphdir.importers.batches import BATCH, Batches
from graphdir.importers.loading import count_placement, require_communes
from graphdir.importers.places import PlaceIndex
from graphdir.importers.progress import RowProgress
from graphdir.importers.rna import RnaFiles, check_rna, stream_rna
from graphdir.importers.rna_records import organization_record, source_record
from graphdir.importers.summary import ImportSummary


async def import_rna(driver: AsyncDriver, database: str, paths: list[Path], *, dry_run: bool = False,
                     progress: bool = False, places: PlaceIndex | None = None, edition: str | None = None,
                     encoding: str = "auto", url: str | None = None, report: Path | None = None,
                     batch: int = BATCH) -> ImportSummary:
    started = time.monotonic()
    await require_communes(driver, database, paths[0])
    editions = check_rna(paths, edition=edition, encoding=encoding)
    places = places or await PlaceIndex.from_graph(driver, database)
    summary = ImportSummary(file=", ".join(map(str, paths)), items="associations")
    sources = [source_record(kind, edition_, files, url) for (kind, edition_), files in sorted(editions.items())]
    writer = Batches(driver, database, summary, dataset="rna", files=[str(p) for p in paths], dry_run=dry_run,
                     first=sources, batch=batch)
    rna = RnaFiles()
    ceased = 0
    bar = RowProgress.for_stderr(progress, f"importing {paths[0].name}" + (" ..." if len(paths) > 1 else ""))
    try:
        for index, item in enumerate(stream_rna(paths, places, into=rna, edition=edition, encoding=encoding,
                                                on_row=bar.update)):
            await writer.add(organization_record(item, index))
            count_placement(summary, item.file, item.line, item.placement)
            ceased += item.ceased
        await writer.flush()
    finally:
        bar.finish()
    summary.rows, summary.organizations = rna.rows, rna.kept
    summary.details += rna.details
    summary.facts.append(f"dissolved, kept and marked ceased: {ceased}")
    await writer.finish(report)
    summary.seconds = time.monotonic() - started
    return summary
