"""`graphdir load`: validate seed files (seeds/FORMAT.md) as a whole, then write them idempotently.

    report = await load_paths(driver, database, [Path("seeds")], dry_run=False, progress=False)
    report = await load_records(driver, database, records, files=["x.csv"])   # records an importer built


raises LoadRejected (its `errors`: every LoadError found, nothing written) or returns a LoadReport (per section:
created / updated / unchanged). WriteFailed means Neo4j refused a write that validation could not foresee.

Modules, in the order a load goes through them:

    reading     files -> records with their lines (YAML, JSON, JSON Lines)
    specs       what each section may hold (FORMAT.md as data)
    dates       partial dates and their bounds
    validation  records -> errors and references; keys across the load; references against the graph
    containment territories list all that contains them (PART_OF is one hop, schema/MODEL.md)
    lookup      the graph reads validation needs (one batched query per kind)
    planning    records -> node and relationship rows
    api_edits   objects edited through the API keep their edited fields and version
    writing     compare with the graph, write what differs (one transaction; see its doc for bulk loads)
    inside      the organizations whose INSIDE links (containment as data) the load rewrites, as its last step
    history     the Change of each record written, in the transaction (or batch) that writes it
    cypher      every statement
    errors      LoadError, LoadRejected, WriteFailed
    report      the summary
    progress    the progress line on stderr
    command     `graphdir load` itself
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from neo4j import AsyncDriver

from graphdir.db.schema import refresh_statistics
from graphdir.domain.editing.records import Actor
from graphdir.loader.api_edits import ApiEdits
from graphdir.loader.containment import check_containment
from graphdir.loader.errors import LoadError, LoadRejected, WriteFailed
from graphdir.loader.history import LoadHistory, load_actor
from graphdir.loader.inside import refresh_step
from graphdir.loader.lookup import GraphReader
from graphdir.loader.planning import build_plan
from graphdir.loader.progress import Progress
from graphdir.loader.reading import Record, read_paths
from graphdir.loader.report import Counts, LoadReport
from graphdir.loader.specs import SECTIONS, Ref
from graphdir.loader.validation import (
    Validation,
    check_against_graph,
    check_keys,
    check_record,
    defined_in_load,
)
from graphdir.loader.writing import compare, write, write_steps

__all__ = ["Counts", "LoadError", "LoadRejected", "LoadReport", "Record", "WriteFailed", "load_paths", "load_records"]


async def load_paths(
    driver: AsyncDriver,
    database: str,
    paths: list[Path],
    *,
    dry_run: bool = False,
    progress: bool = False,
) -> LoadReport:
    """Validate every record of `paths`, then (unless `dry_run`) write what differs from the graph."""
    read = read_paths(paths)
    return await load_records(driver, database, read.records, files=read.files, errors=read.errors, dry_run=dry_run,
                              progress=progress)


# From this many written records on, the planner's statistics are refreshed before the load returns (it takes about
# half a second; small corrections leave it to Neo4j's background sampling).
_BULK = 1000


async def load_records(
    driver: AsyncDriver,
    database: str,
    records: list[Record],
    *,
    files: list[str],
    errors: list[LoadError] | None = None,
    dry_run: bool = False,
    progress: bool = False,
    known: Mapping[Ref, Iterable[str]] | None = None,
    statistics: bool = True,
    actor: Actor | None = None,
) -> LoadReport:
    """Validate `records` (read from `files`, with the `errors` reading them gave), then write what differs.

    For importers: records built from another format keep the file and line they came from, so that a rejected
    record is reported where an admin can find it. The list is emptied as the load goes (see below). An import
    written in batches (graphdir.importers.batches) names in `known` what its earlier batches define (a dry run
    wrote them nowhere), and refreshes the statistics once at its end (`statistics=False` here). `actor`: who the
    history records (default `graphdir load` and the files).
    """
    started = time.monotonic()
    bar = Progress.for_stderr(progress)
    out = Validation(errors=list(errors or []))
    bar.start("checking records", len(records))
    for index, record in enumerate(records):
        check_record(record, out)
        if index % 5000 == 0:
            bar.set(index)
    check_keys(records, out)
    bar.finish()
    defined = defined_in_load(records, known)
    organizations = [c.record for c in out.checked if c.record.section == "organizations"]
    graph = GraphReader(driver, database)
    graph_communes = await check_against_graph(out.references, organizations, defined, graph, out)
    await check_containment(out.checked, graph.parents, out)
    if out.errors:
        rank = {name: index for index, name in enumerate(files)}
        raise LoadRejected(sorted(out.errors, key=lambda e: (rank.get(e.file, -1), e.file, e.line, e.record,
                                                             e.field)))
    edits = await ApiEdits.read(driver, database, [c.record for c in out.checked])
    plan = build_plan(out.checked, {**graph_communes, **defined.commune_locations, **edits.communes})
    count = len(records)
    # The records are not needed any more (the plan holds what is written): a bulk load's peak memory is either the
    # records and the plan, or the plan and the statements' rows, not all three.
    del records[:], out.checked[:], out.references[:], organizations, defined
    changes = await compare(driver, database, plan, bar)
    for section_changes in changes.values():
        edits.bump(section_changes.updated)
    batched = False
    if not dry_run:
        history = await LoadHistory.prepare(driver, database, changes, actor or load_actor(files))
        refresh = await refresh_step(driver, database, changes)
        steps = [*write_steps(changes), *([refresh] if refresh is not None else [])]
        batched = await write(driver, database, steps, bar, history)
        if statistics and sum(len(c.created) + len(c.updated) for c in changes.values()) >= _BULK:
            await refresh_statistics(driver, database)
    counts = {
        section: Counts(len(changes[section].created), len(changes[section].updated), changes[section].unchanged)
        for section in SECTIONS
        if section in changes and (changes[section].created or changes[section].updated or changes[section].unchanged)
    }
    return LoadReport(counts=counts, files=len(files), records=count, dry_run=dry_run,
                      batched=batched, seconds=time.monotonic() - started, kept=[str(k) for k in edits.kept])
