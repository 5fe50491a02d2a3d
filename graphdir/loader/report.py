"""What a load did (or, dry, would do): per section, how many records created, updated and unchanged."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged"


@dataclass
class LoadReport:
    counts: dict[str, Counts] = field(default_factory=dict)  # per section, in write order; sections with records
    files: int = 0
    records: int = 0
    dry_run: bool = False
    batched: bool = False  # written in several transactions (more than 200,000 rows)
    seconds: float = 0.0
    kept: list[str] = field(default_factory=list)  # values of the files not written: edited through the API

    @property
    def total(self) -> Counts:
        return Counts(
            sum(c.created for c in self.counts.values()),
            sum(c.updated for c in self.counts.values()),
            sum(c.unchanged for c in self.counts.values()),
        )

    @property
    def changed(self) -> bool:
        total = self.total
        return bool(total.created or total.updated)

    def plus(self, other: LoadReport) -> LoadReport:
        """Two loads of one import (written in batches) as one report."""
        counts = {section: Counts(c.created, c.updated, c.unchanged) for section, c in self.counts.items()}
        for section, c in other.counts.items():
            mine = counts.setdefault(section, Counts())
            mine.created, mine.updated, mine.unchanged = (mine.created + c.created, mine.updated + c.updated,
                                                          mine.unchanged + c.unchanged)
        return LoadReport(counts=counts, files=max(self.files, other.files), records=self.records + other.records,
                          dry_run=self.dry_run, batched=True, seconds=self.seconds + other.seconds)

    def lines(self) -> list[str]:
        """The summary printed by `graphdir load`:

            organizations: 5 created, 0 updated, 2 unchanged
            total: 5 created, 0 updated, 2 unchanged (7 records in 2 files, 0.4 s)
            nothing changed                      <- only when nothing was created or updated
        """
        out = []
        if self.dry_run:
            out.append("dry run: nothing written; a load would give")
        out += [f"{section}: {counts}" for section, counts in self.counts.items()]
        out += self.kept
        files = "file" if self.files == 1 else "files"
        records = "record" if self.records == 1 else "records"
        how = ", several transactions" if self.batched else ""
        out.append(f"total: {self.total} ({self.records} {records} in {self.files} {files}, {self.seconds:.1f} s{how})")
        if not self.changed:
            out.append("nothing changed")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())
