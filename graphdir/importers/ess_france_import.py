"""`graphdir import ess-france FILE`: ESS France's list of ESS enterprises read and placed (ess_france.py), then
written in batches as every streamed import is (batches.py: per batch identity resolution, the validating loader
for what the graph holds already, new_nodes.py for the rest), dataset `ess-france`.

    summary = await import_ess_france(driver, database, Path("liste-entreprises-ess-2026-01.csv"), dry_run=False)

Records (seeds/FORMAT.md):

    source        src-ess-france-<edition> (the one `graphdir import sirene --ess-list` cites too): the edition is the
                  year and month in the file's name, else --edition, else the month the file was last modified
    organization  id siren-<SIREN>, slug <name>-<SIREN>, name, kind ENTERPRISE, family and classifiedBy from the
                  list's family (`ess-france-family:cooperative`), siren, commune (when its rows name one), cited by
                  the file with its lines

An enterprise the graph already holds (by SIREN: a SIRENE unit, a curated organization) is enriched, not duplicated:
ESS France ranks below SIRENE and RNA (identity.RANKS), so it only fills their gaps. It is given no commune of its
own when the graph knows its establishments already (schema/MODEL.md: an imported legal unit is where its
establishments are). Raises ImportFileError (nothing written) when the file is unreadable as a whole or the graph
holds no communes, LoadRejected / WriteFailed as a load does.

Memory: reading keeps one small entry per SIREN (ess_france.py: a SIREN's rows may be anywhere in the file); the
records are built and written BATCH enterprises at a time, each entry dropped once its record is built.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import LiteralString

from neo4j import AsyncDriver

from graphdir.importers.batches import BATCH, Batches
from graphdir.importers.ess_france import EssFranceFile, Listed, read_ess_france
from graphdir.importers.loading import count_placement, require_communes
from graphdir.importers.places import PlaceIndex
from graphdir.importers.progress import RowProgress
from graphdir.importers.records import line_dict, organization_id
from graphdir.importers.sirene_records import ESS_LIST_URL, edition_of, file_source
from graphdir.importers.summary import Detail, ImportSummary
from graphdir.loader import Record
from graphdir.text import slugify

TITLE = "Liste des entreprises de l'ESS (ESS France)"
# The SIRENs of `$sirens` whose organization has establishments in the graph: they get no commune of their own.
WITH_SITES: LiteralString = """
UNWIND $sirens AS siren
MATCH (o:Organization {siren: siren}) WHERE EXISTS { (o)-[:HAS_SITE]->(:Establishment) }
RETURN collect(siren) AS sirens
"""
_BATCH = 50_000


async def import_ess_france(driver: AsyncDriver, database: str, path: Path, *, dry_run: bool = False,
                            progress: bool = False, places: PlaceIndex | None = None, edition: str | None = None,
                            url: str | None = None, encoding: str = "auto",
                            report: Path | None = None, batch: int = BATCH) -> ImportSummary:
    started = time.monotonic()
    release = edition_of(path, edition)
    await require_communes(driver, database, path)
    places = places or await PlaceIndex.from_graph(driver, database)
    bar = RowProgress.for_stderr(progress, f"reading {path.name}")
    try:
        listed = read_ess_france(path, places, encoding=encoding, on_row=bar.update)
    finally:
        bar.finish()
    summary = ImportSummary(file=str(path), rows=listed.rows, organizations=len(listed.units),
                            items="enterprises, one per SIREN")
    summary.details += [Detail(str(path), r.line, "rejected", r.reason, r.detail) for r in listed.rejected]
    source = f"src-ess-france-{release}"
    writer = Batches(driver, database, summary, dataset="ess-france", files=[str(path)], dry_run=dry_run,
                     first=[file_source(path, "ess-france", TITLE, release, url or ESS_LIST_URL)], batch=batch,
                     create_directly=True)
    sirens = list(listed.units)
    with_sites = 0
    for start in range(0, len(sirens), batch):
        chunk = sirens[start:start + batch]
        placed_by_sites = await _with_sites(driver, database, chunk)
        with_sites += len(placed_by_sites)
        records = []
        for index, siren in enumerate(chunk, start):
            unit = listed.units.pop(siren)  # what is written is not kept: memory is the units left and one batch
            commune = None
            if siren not in placed_by_sites:
                line, placement = unit.placement
                count_placement(summary, str(path), line, placement)
                commune = placement.code
            records.append(_organization(listed, siren, unit, index, source, commune))
        await writer.write(records)
    if with_sites:
        summary.facts.append(f"enterprises whose establishments the graph holds, placed by them (not by the list): "
                             f"{with_sites}")
    del listed, sirens
    await writer.finish(report)
    summary.seconds = time.monotonic() - started
    return summary


async def _with_sites(driver: AsyncDriver, database: str, sirens: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(sirens), _BATCH):
        records, _, _ = await driver.execute_query(WITH_SITES, sirens=sirens[start:start + _BATCH],
                                                   database_=database, routing_="r")
        found.update(records[0]["sirens"])
    return found


def _organization(listed: EssFranceFile, siren: str, unit: Listed, index: int, source: str,
                  commune: str | None) -> Record:
    lines = unit.lines
    shown = ", ".join(map(str, lines[:20])) + (f" and {len(lines) - 20} more" if len(lines) > 20 else "")
    data = line_dict(unit.line, [
        ("id", organization_id(siren)),
        ("name", unit.name),
        ("slug", f"{slugify(unit.name)[:80].strip('-') or 'entreprise'}-{siren}"),
        ("kind", unit.classification.kind),
        ("family", unit.classification.family),
        ("classifiedBy", unit.classification.rule),
        ("siren", siren),
        ("commune", commune),
        ("cited", [line_dict(unit.line, [("source", source), ("excerpt", f"{listed.path.name} "
                                                                        f"line{'s' if len(lines) > 1 else ''} "
                                                                        f"{shown}")])]),
    ])
    return Record(str(listed.path), unit.line, "organizations", index, data)
