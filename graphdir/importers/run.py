"""An import from the file to the graph: read and place (siae.py), build records (records.py), load them.

    summary = await import_siae(driver, database, Path("siae-2019-07.csv"), dry_run=False)

Writes go through the validating loader (graphdir.loader.load_records): the same rules as the seeds, one
transaction, and a re-import of the same file changes nothing. Raises ImportFileError (nothing written) when the file
is unreadable as a whole or the graph holds no communes to place rows in, LoadRejected / WriteFailed as a load does.

Decided here:
- a row that cannot be placed is still imported, without a commune (so without a location), and reported as not
  placed with its line and reason: the structure exists whether or not its commune name is resolvable, and a later
  import with a better place index (commune history) places it in the same organization;
- an establishment whose SIRET another organization already holds (a curated one, under another id) is skipped and
  reported: reconciling imported rows with curated organizations is another part of issue 12;
- `siren` is set on an establishment alone in the file with its SIREN and that no other organization holds.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from neo4j import AsyncDriver

from graphdir.importers.loading import require_communes as _require_communes
from graphdir.importers.places import PlaceIndex, Placement
from graphdir.importers.progress import RowProgress
from graphdir.importers.records import organization_id, organization_record, source_record
from graphdir.importers.siae import SiaeFile, read_siae
from graphdir.importers.summary import INLINE_DETAILS, Detail, ImportSummary
from graphdir.loader import load_records
from graphdir.loader.lookup import GraphReader


async def import_siae(driver: AsyncDriver, database: str, path: Path, *, dry_run: bool = False,
                      progress: bool = False, places: PlaceIndex | None = None, edition: str | None = None,
                      url: str | None = None, report: Path | None = None) -> ImportSummary:
    started = time.monotonic()
    await _require_communes(driver, database, path)
    places = places or await PlaceIndex.from_graph(driver, database)
    bar = RowProgress.for_stderr(progress, f"reading {path.name}")
    try:
        siae = read_siae(path, places, edition=edition, on_row=bar.update)
    finally:
        bar.finish()
    summary = ImportSummary(file=str(path), rows=siae.rows, establishments=len(siae.establishments))
    graph = GraphReader(driver, database)
    taken = dict(await graph.holders("siret", [(s, organization_id(s)) for s in siae.establishments]))
    per_siren = Counter(item.siren for siret, item in siae.establishments.items() if siret not in taken)
    alone = [(item.siren, organization_id(siret)) for siret, item in siae.establishments.items()
             if siret not in taken and per_siren[item.siren] == 1]
    siren_taken = {value for value, _ in await graph.holders("siren", alone)}
    records = [source_record(siae, url)]
    for siret, item in siae.establishments.items():
        if siret in taken:
            summary.details.append(Detail(str(path), item.line, "skipped", "SIRET held by another organization",
                                          f"SIRET {siret} belongs to organization {taken[siret]!r}"))
            continue
        with_siren = per_siren[item.siren] == 1 and item.siren not in siren_taken
        summary.siren_left_out += not with_siren
        records.append(organization_record(siae, item, len(records) - 1, with_siren=with_siren))
        _placement_details(siae, item.line, item.placement, summary)
    summary.details += [Detail(str(path), r.line, "rejected", r.reason, r.detail) for r in siae.rejected]
    summary.load = await load_records(driver, database, records, files=[str(path)], dry_run=dry_run,
                                      progress=progress)
    if len(summary.details) > INLINE_DETAILS:
        summary.write_report(report or Path(f"{path.stem}.import-report.txt"))
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

