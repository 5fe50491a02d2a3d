"""Writing an import as it is read, in batches: memory bounded by a batch, whatever the file's size.

    writer = Batches(driver, database, summary, dataset="rna", files=[...], dry_run=False, first=[source records])
    for record in records_as_read:
        await writer.add(record)          # every BATCH records: identity resolution, then one load
    await writer.finish(report)           # the last batch, the statistics, the report file

Each batch is what loading.write_import is for a whole import: identity resolution (one UNWIND read per kind of
identifier and batch), then the validating loader (its own transaction when it holds at most 200,000 rows); the
counts of the loads add up into one summary. `first` (the import's Source records) goes into the first batch and
is named `known` to the later ones, so that a dry run, which writes nothing, still finds them; `known_of` lets an
importer name more (SIRENE: the organizations its establishments belong to). `create_directly`: what matches nothing
in the graph is created without the loader (new_nodes.py; for importers whose records are built from checked values
and whose slugs carry the SIREN, so that a new organization cannot take another's).

What a batch cannot see is what the rows of other batches are: an importer that must tell a repeated row (the same
RNA id twice) keeps what it needs of each row itself. A file unreadable as a whole is refused before the first
batch: the importers check it whole first (csvfile.check_readable).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from pathlib import Path

from neo4j import AsyncDriver

from graphdir.db.schema import refresh_statistics
from graphdir.importers.loading import write_batch, write_details
from graphdir.importers.summary import ImportSummary
from graphdir.loader import LoadRejected, Record
from graphdir.loader.errors import LoadError
from graphdir.loader.specs import Ref

BATCH = 20_000
_BULK = 1000  # written records from which the planner's statistics are refreshed at the end (as the loader does)

class BatchRejected(LoadRejected):
    """The loader refused a batch after earlier ones were written (records an importer should not have built)."""

    def __init__(self, errors: Sequence[LoadError], written: int) -> None:
        super().__init__(errors)
        self.args = (f"load rejected: {len(self.errors)} errors in batch {written + 1}; the {written} batches before "
                     "it stay written (import the corrected file again to complete it)",)


KnownOf = Callable[[list[Record]], Awaitable[Mapping[Ref, Iterable[str]]]]


class Batches:
    def __init__(self, driver: AsyncDriver, database: str, summary: ImportSummary, *, dataset: str,
                 files: list[str], dry_run: bool, first: Sequence[Record] = (), batch: int = BATCH,
                 known_of: KnownOf | None = None, create_directly: bool = False) -> None:
        self.driver, self.database, self.summary = driver, database, summary
        self.dataset, self.files, self.dry_run, self.size = dataset, files, dry_run, batch
        self.known_of, self.create_directly = known_of, create_directly
        self.pending: list[Record] = list(first)
        self.known: dict[Ref, set[str]] = {Ref.SOURCE: {str(r.data["id"]) for r in first if r.section == "sources"}}
        self.batches = 0

    async def add(self, *records: Record) -> None:
        """`records` go into the same batch (an organization and the relation naming it)."""
        self.pending.extend(records)
        if len(self.pending) >= self.size:
            await self.flush()

    async def write(self, records: Iterable[Record]) -> None:
        """`records` in one batch (with those pending): records that must be loaded together."""
        self.pending.extend(records)
        await self.flush()

    async def flush(self) -> None:
        if not self.pending:
            return
        records, self.pending = self.pending, []
        known: dict[Ref, set[str]] = {kind: set(ids) for kind, ids in self.known.items()} if self.batches else {}
        if self.known_of is not None:
            for kind, ids in (await self.known_of(records)).items():
                known.setdefault(kind, set()).update(ids)
        try:
            await write_batch(self.driver, self.database, records, self.summary, dataset=self.dataset,
                              files=self.files, dry_run=self.dry_run, progress=False, known=known, statistics=False,
                              create_directly=self.create_directly)
        except LoadRejected as exc:
            if self.batches and not self.dry_run:
                raise BatchRejected(exc.errors, self.batches) from exc
            raise
        self.batches += 1

    async def finish(self, report: Path | None) -> ImportSummary:
        await self.flush()
        load = self.summary.load
        if load is not None and not self.dry_run and load.total.created + load.total.updated >= _BULK:
            await refresh_statistics(self.driver, self.database)
        write_details(self.summary, self.files, report)
        return self.summary
