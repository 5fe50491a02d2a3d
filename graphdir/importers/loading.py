"""What every import does around its own reading: check the graph can place rows, count placements, load, report.

    await require_communes(driver, database, path)
    count_placement(summary, file, line, placement)      # for each row placed or not
    await write_import(driver, database, records, summary, dataset="rna", files=[...], dry_run=..., progress=...,
                       report=...)

The records go through identity resolution (identity.py: the same organization across sources and re-imports), then
the validating loader (graphdir.loader.load_records): all of them validated before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from neo4j import AsyncDriver

from graphdir.importers.errors import ImportFileError
from graphdir.importers.identity import resolve
from graphdir.importers.identity_reads import IdentityReads
from graphdir.importers.new_nodes import create_new
from graphdir.importers.places import Placement
from graphdir.importers.summary import INLINE_DETAILS, Detail, ImportSummary
from graphdir.loader import LoadReport, Record, load_records
from graphdir.loader.history import import_actor
from graphdir.loader.report import Counts
from graphdir.loader.specs import Ref


async def require_communes(driver: AsyncDriver, database: str, path: Path) -> None:
    records, _, _ = await driver.execute_query("MATCH (c:Commune) RETURN count(c) > 0 AS any", database_=database,
                                               routing_="r")
    if not records[0]["any"]:
        raise ImportFileError(str(path), 0, "the graph holds no communes to place rows in: load the territories first "
                              "(graphdir load seeds/territories)")


def count_placement(summary: ImportSummary, file: str, line: int, placement: Placement) -> None:
    if placement.history:  # an old code or name: the rule that placed it, on the row's line of the summary
        assert placement.commune is not None
        summary.details.append(Detail(file, line, "placed by commune history",
                                      f"{placement.commune.code} {placement.commune.name}", placement.history))
    if placement.commune is None:
        assert placement.reason is not None
        summary.details.append(Detail(file, line, "not placed", placement.reason.value, placement.detail))
    elif placement.method == "departement":
        summary.details.append(Detail(file, line, "placed by département",
                                      f"{placement.commune.code} {placement.commune.name}", placement.detail))
    elif placement.method == "commune-code":
        summary.placed_by_commune_code += 1
    else:
        summary.placed_by_postal_code += 1
        if placement.detail:  # a commune code the COG does not hold, placed by postal code and name instead
            summary.details.append(Detail(file, line, "placed by postal code",
                                          f"{placement.commune.code} {placement.commune.name}", placement.detail))


async def write_import(driver: AsyncDriver, database: str, records: list[Record], summary: ImportSummary, *,
                       dataset: str, files: list[str], dry_run: bool, progress: bool,
                       report: Path | None) -> ImportSummary:
    """Resolve identities (identity.py), load, and put the loader's counts in `summary`; details over INLINE_DETAILS
    go to `report` (by default `<first file>.import-report.txt`)."""
    await write_batch(driver, database, records, summary, dataset=dataset, files=files, dry_run=dry_run,
                      progress=progress)
    write_details(summary, files, report)
    return summary


async def write_batch(driver: AsyncDriver, database: str, records: list[Record], summary: ImportSummary, *,
                      dataset: str, files: list[str], dry_run: bool, progress: bool,
                      known: Mapping[Ref, Iterable[str]] | None = None, statistics: bool = True,
                      create_directly: bool = False) -> None:
    """One load: identity resolution then the loader, its counts added to those `summary` has (batches.py writes
    an import as several). `create_directly`: the organizations and establishments that match nothing in the graph
    are created without the loader (new_nodes.py), after it has written the others, and those exactly as the graph
    holds them already (identity.same_as_graph) are counted unchanged without it."""
    resolved = await resolve(IdentityReads(driver, database), records, dataset=dataset, split_new=create_directly)
    del records[:]
    summary.details += resolved.details
    for key, count in resolved.matched.items():
        summary.matched[key] = summary.matched.get(key, 0) + count
    summary.enriched_curated += resolved.enriched_curated
    actor = import_actor(dataset, [Path(f).name for f in files])
    if resolved.new:  # the loader's records may name the new organizations: they are known to it
        new_organizations = {str(r.data["id"]) for r in resolved.new if r.section == "organizations"}
        known = {**(known or {})}
        known[Ref.ORGANIZATION] = {*known.get(Ref.ORGANIZATION, ()), *new_organizations}
    load = None
    if resolved.records:
        load = await load_records(driver, database, resolved.records, files=files, dry_run=dry_run,
                                  progress=progress, known=known, statistics=statistics, actor=actor)
    if resolved.new:
        created = await create_new(driver, database, resolved.new, actor=actor, files=len(files), dry_run=dry_run)
        load = created if load is None else load.plus(created)
    if resolved.unchanged:
        same = LoadReport(counts={section: Counts(unchanged=n) for section, n in resolved.unchanged.items()},
                          files=len(files), records=sum(resolved.unchanged.values()), dry_run=dry_run)
        load = same if load is None else load.plus(same)
    if load is not None:
        summary.load = load if summary.load is None else summary.load.plus(load)


def write_details(summary: ImportSummary, files: list[str], report: Path | None) -> None:
    if len(summary.details) > INLINE_DETAILS:
        summary.write_report(report or Path(f"{Path(files[0]).stem}.import-report.txt"))
