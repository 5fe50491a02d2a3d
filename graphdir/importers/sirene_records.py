"""`graphdir import sirene UNITS [ESTABLISHMENTS] [--ess-list FILE]`: SIRENE's ESS units and their establishments.

    summary = await import_sirene(driver, database, Path("StockUniteLegale_utf8.csv"),
                                  Path("StockEtablissement_utf8.csv"), ess_list=None, dry_run=False)

Records (seeds/FORMAT.md), written in batches (batches.py) as the files are read, one batch ahead in a thread
(prefetch.py): per batch identity resolution, the validating loader for what the graph holds already, and the
direct path (new_nodes.py: one UNWIND CREATE per label) for the units and establishments it holds nothing of:

    organization   id siren-<SIREN>, slug <name>-<SIREN>, name, acronym (sigle), kind ENTERPRISE, family and
                   classifiedBy from the legal-form code (legal_forms.classify_code), legalForm (the code), siren,
                   siret (its head office), rna, foundedOn, ceased + ceasedOn (etatAdministratif C: the start of
                   that last period, dateDebut), cited by the units file (and the ESS France list when it made the
                   unit ESS) with the line
    establishment  siret, organization, headOffice, name (enseigne), address, commune (Paris, Lyon and Marseille
                   arrondissements are their city), location (Lambert-93 converted, else the commune's centre, flagged
                   approximate by the loader), createdOn, ceased + ceasedOn (etatAdministratif F), cited

Each file is a Source of its own (`src-sirene-unites-<edition>`, `src-sirene-etablissements-<edition>`,
`src-ess-france-<edition>`): the edition is the year and month in the file's name, else `--edition`, else the month
the file was last modified.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from neo4j import AsyncDriver

from graphdir.importers.batches import BATCH, Batches, KnownOf
from graphdir.importers.csvfile import ImportFileError, check_readable, delimiter_of
from graphdir.importers.identity_reads import IdentityReads
from graphdir.importers.loading import require_communes
from graphdir.importers.prefetch import prefetched
from graphdir.importers.progress import RowProgress
from graphdir.importers.records import line_dict, organization_id
from graphdir.importers.sirene import (
    ESTABLISHMENT_COLUMNS,
    Read,
    Site,
    Sites,
    Unit,
    Units,
    read_ess_list,
    read_establishments,
    read_units,
    unit_columns,
)
from graphdir.importers.summary import Detail, ImportSummary
from graphdir.loader import Record
from graphdir.loader.specs import Ref
from graphdir.text import slugify

DATASET_URL = "https://www.data.gouv.fr/fr/datasets/base-sirene-des-entreprises-et-de-leurs-etablissements-siren-siret/"
ESS_LIST_URL = "https://www.data.gouv.fr/fr/datasets/liste-des-entreprises-de-leconomie-sociale-et-solidaire/"
_EDITION = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})[-_]?(0[1-9]|1[0-2])(?![0-9])")
_COMMUNES = "MATCH (c:Commune) RETURN collect([c.code, c.location, coalesce(c.formerCodes, [])]) AS found"


def edition_of(path: Path, given: str | None) -> str:
    if given is not None:
        if not re.fullmatch(r"(?:19|20)[0-9]{2}-(?:0[1-9]|1[0-2])", given):
            raise ImportFileError(str(path), 0, f"edition {given!r}: expected YYYY-MM")
        return given
    found = _EDITION.search(path.name)
    if found:
        return f"{found[1]}-{found[2]}"
    return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).strftime("%Y-%m")


def file_source(path: Path, kind: str, title: str, edition: str, url: str) -> Record:
    return Record(str(path), 1, "sources", 0, line_dict(1, [
        ("id", f"src-{kind}-{edition}"), ("document", path.name), ("title", f"{title}, {edition}"), ("url", url),
        ("publishedOn", edition)]))


def organization_record(unit: Unit, index: int, path: Path, source: str, ess: tuple[Path, str] | None) -> Record:
    cited = [line_dict(unit.line, [("source", source), ("excerpt", f"{path.name} line {unit.line}")])]
    if ess is not None and unit.ess_line is not None:
        cited.append(line_dict(unit.line, [("source", ess[1]), ("excerpt", f"{ess[0].name} line {unit.ess_line}")]))
    data = line_dict(unit.line, [
        ("id", organization_id(unit.siren)), ("name", unit.name), ("acronym", unit.acronym),
        ("slug", f"{slugify(unit.name) or 'unite'}-{unit.siren}"), ("kind", unit.classification.kind),
        ("family", unit.classification.family), ("classifiedBy", unit.classification.rule),
        ("legalForm", unit.code), ("siren", unit.siren), ("siret", unit.head_office), ("rna", unit.rna),
        ("foundedOn", unit.founded_on), ("ceased", True if unit.ceased else None), ("ceasedOn", unit.ceased_on),
        ("cited", cited)])
    return Record(str(path), unit.line, "organizations", index, data)


def establishment_record(site: Site, index: int, path: Path, source: str) -> Record:
    location = None
    if site.location is not None:
        location = line_dict(site.line, [("latitude", site.location[0]), ("longitude", site.location[1]),
                                         ("method", "sirene-lambert-93")])
    data = line_dict(site.line, [
        ("siret", site.siret), ("organization", organization_id(site.siren)),
        ("headOffice", True if site.head_office else None), ("name", site.name), ("address", site.address),
        ("commune", site.commune), ("location", location), ("createdOn", site.created_on),
        ("ceased", True if site.ceased else None), ("ceasedOn", site.ceased_on),
        ("cited", [line_dict(site.line, [("source", source), ("excerpt", f"{path.name} line {site.line}")])])])
    return Record(str(path), site.line, "establishments", index, data)


def _rejected(read: Read, summary: ImportSummary) -> None:
    summary.details += [Detail(str(read.path), r.line, "rejected", r.reason, r.detail) for r in read.rejected]
    summary.details += [Detail(str(read.path), r.line, "left out", r.reason, r.detail) for r in read.values_left_out]
    summary.left_out.update(read.left_out)


def _placements(sites: Sites, summary: ImportSummary) -> None:
    for note in sites.not_placed:
        what = "placed at the commune's centre" if note.reason == "coordinates far from the commune" else "not placed"
        summary.details.append(Detail(str(sites.path), note.line, what, note.reason, note.detail))
    summary.details += [Detail(str(sites.path), note.line, "placed by commune history", note.reason, note.detail)
                        for note in sites.history]
    summary.placed_by_coordinates = sites.at_coordinates
    summary.placed_by_commune_code = sites.at_centre


def _owners(driver: AsyncDriver, database: str, dry_run: bool) -> KnownOf:
    """Before a batch of establishments: each names its organization by the id of the organization that holds its
    SIREN (written by an earlier batch: identity resolution may have matched it to an organization the graph already
    held, under another id); one UNWIND read per batch. A dry run wrote none: they are known to the load instead."""
    reads = IdentityReads(driver, database)

    async def known(records: list[Record]) -> Mapping[Ref, Iterable[str]]:
        sites = [r for r in records if r.section == "establishments"]
        if not sites:
            return {}
        holders = await reads.holders("siren", sorted({str(r.data["siret"])[:9] for r in sites}))
        for record in sites:
            holder = holders.get(str(record.data["siret"])[:9])
            if holder is not None:
                record.data["organization"] = holder
        return {Ref.ORGANIZATION: {str(r.data["organization"]) for r in sites}} if dry_run else {}

    return known


def _check(path: Path, required: tuple[str, ...]) -> None:
    """Nothing is written for a file unreadable as a whole: found before the first batch (csvfile.check_readable)."""
    check_readable(path, required=required, delimiter=delimiter_of(path))


def _unit_batches(units: Iterator[Unit], size: int, path: Path, source: str, ess: tuple[Path, str] | None
                  ) -> Iterator[list[Record]]:
    """The units' records, `size` at a time (read in a thread: prefetch.py); a SIREN twice in one batch: the later
    row, as across batches."""
    batch: dict[str, Record] = {}
    for unit in units:
        batch[unit.siren] = organization_record(unit, len(batch), path, source, ess)
        if len(batch) >= size:
            yield list(batch.values())
            batch.clear()
    yield list(batch.values())


def _site_batches(sites: Iterator[Site], size: int, path: Path, source: str) -> Iterator[list[Record]]:
    batch: list[Record] = []
    for index, site in enumerate(sites):
        batch.append(establishment_record(site, index, path, source))
        if len(batch) >= size:
            yield batch
            batch = []
    yield batch


async def import_sirene(driver: AsyncDriver, database: str, units_path: Path, establishments_path: Path | None = None,
                        *, ess_list: Path | None = None, dry_run: bool = False, progress: bool = False,
                        edition: str | None = None, report: Path | None = None,
                        batch: int = BATCH) -> ImportSummary:
    started = time.monotonic()
    release = edition_of(units_path, edition)
    ess = read_ess_list(ess_list) if ess_list is not None else None
    _check(units_path, unit_columns(ess))
    if establishments_path is not None:
        await require_communes(driver, database, establishments_path)
        _check(establishments_path, ESTABLISHMENT_COLUMNS)
    summary = ImportSummary(file=str(units_path))
    unit_source = f"src-sirene-unites-{release}"
    sources = [file_source(units_path, "sirene-unites", "Base Sirene, unités légales (INSEE, StockUniteLegale)",
                           release, DATASET_URL)]
    ess_source = None
    if ess_list is not None:
        ess_edition = edition_of(ess_list, None)
        ess_source = (ess_list, f"src-ess-france-{ess_edition}")
        sources.append(file_source(ess_list, "ess-france", "Liste des entreprises de l'ESS (ESS France)", ess_edition,
                               ESS_LIST_URL))
    site_source = f"src-sirene-etablissements-{release}"
    if establishments_path is not None:
        sources.append(file_source(establishments_path, "sirene-etablissements",
                               "Base Sirene, établissements (INSEE, StockEtablissement)", release, DATASET_URL))
    files = [str(units_path)] + ([str(establishments_path)] if establishments_path is not None else [])
    writer = Batches(driver, database, summary, dataset="sirene", files=files, dry_run=dry_run, first=sources,
                     batch=batch, known_of=_owners(driver, database, dry_run), create_directly=True)
    units = Units(units_path)
    bar = RowProgress.for_stderr(progress, f"importing {units_path.name}")
    try:
        async for records in prefetched(_unit_batches(read_units(units, ess, on_row=bar.update), batch, units_path,
                                                      unit_source, ess_source)):
            await writer.write(records)
    finally:
        bar.finish()
    summary.rows, summary.organizations = units.rows, len(units.imported)
    _rejected(units, summary)
    if establishments_path is not None:
        found, _, _ = await driver.execute_query(_COMMUNES, database_=database, routing_="r")
        communes = {code: (point.latitude, point.longitude) if point is not None else None
                    for code, point, _ in found[0]["found"]}
        former: dict[str, list[str]] = {}
        for code, _, olds in found[0]["found"]:
            for old in olds:
                former.setdefault(old, []).append(code)
        sites = Sites(establishments_path)
        bar = RowProgress.for_stderr(progress, f"importing {establishments_path.name}")
        try:
            read = read_establishments(sites, units.imported, communes, on_row=bar.update, former=former)
            async for records in prefetched(_site_batches(read, batch, establishments_path, site_source)):
                await writer.write(records)
        finally:
            bar.finish()
        del communes, former
        summary.rows += sites.rows
        summary.establishments = sites.kept
        _rejected(sites, summary)
        _placements(sites, summary)
    await writer.finish(report)
    summary.seconds = time.monotonic() - started
    return summary
