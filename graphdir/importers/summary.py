"""What an import did: figures for the admin, and one line per row that was not imported or not placed.

    rows read: 3932 (3496 organizations, one per SIREN; 3637 establishments, one per SIRET)
    sources: 1 created, 0 updated, 0 unchanged
    organizations: 3496 created, 0 updated, 0 unchanged
    establishments: 3637 created, 0 updated, 0 unchanged
    already in the graph: 0 (by SIREN 0, by SIRET 0, by RNA 0), 0 of them curated
    placed: 3637 (3634 by postal code, 3 by name in the département); 16 of them by commune history (...)
    not placed, imported without a commune: 0
    rejected: 0
    ...
    nothing changed          <- a re-import

Row details (`file:line: reason: detail`) follow the figures when there are at most INLINE_DETAILS of them, else they
go to a report file and the summary names it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from graphdir.loader import LoadReport

INLINE_DETAILS = 20


@dataclass(frozen=True, order=True)
class Detail:
    file: str
    line: int
    what: str  # "rejected", "not placed", "placed by département", "skipped", "left out", "curated value kept", …
    reason: str
    detail: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.what}, {self.reason}: {self.detail}"


@dataclass
class ImportSummary:
    file: str
    rows: int = 0
    establishments: int = 0
    organizations: int = 0
    # What the rows became when they are not legal units with establishments ("associations", "organizations").
    items: str = ""
    placed_by_postal_code: int = 0
    placed_by_coordinates: int = 0
    placed_by_commune_code: int = 0  # SIRENE: at the commune's centre (no usable coordinates)
    details: list[Detail] = field(default_factory=list)
    # Rows left out that are not worth a line each (the non-ESS units of a whole register): reason -> count.
    left_out: Counter[str] = field(default_factory=Counter)
    matched: dict[str, int] = field(default_factory=dict)
    enriched_curated: int = 0
    facts: list[str] = field(default_factory=list)  # lines an importer adds after the rows ("ceased: 12, kept")
    load: LoadReport | None = None
    report_file: Path | None = None
    seconds: float = 0.0

    def _of(self, what: str) -> list[Detail]:
        return [d for d in self.details if d.what == what]

    @property
    def placed(self) -> int:
        return (self.placed_by_coordinates + self.placed_by_commune_code + self.placed_by_postal_code
                + len(self._of("placed by département")))

    @property
    def not_placed(self) -> Counter[str]:
        return Counter(d.reason for d in self._of("not placed"))

    @property
    def rejected(self) -> Counter[str]:
        return Counter(d.reason for d in self._of("rejected"))

    @property
    def skipped(self) -> Counter[str]:
        return Counter(d.reason for d in self._of("skipped"))

    def lines(self) -> list[str]:
        out = []
        if self.load is not None and self.load.dry_run:
            out.append("dry run: nothing written; an import would give")
        if self.items:
            out.append(f"rows read: {self.rows} ({self.organizations} {self.items})")
        else:
            out.append(f"rows read: {self.rows} ({self.organizations} organizations, one per SIREN; "
                       f"{self.establishments} establishments, one per SIRET)")
        out += self.facts
        if self.load is not None:
            out += [f"{section}: {counts}" for section, counts in self.load.counts.items()]
        if self.matched:
            m = self.matched
            out.append(f"already in the graph: {sum(m.values())} (by SIREN {m.get('siren', 0)}, by SIRET "
                       f"{m.get('siret', 0)}, by RNA {m.get('rna', 0)}), {self.enriched_curated} of them curated")
        kept = self._of("curated value kept")
        if kept:
            out.append(f"curated values kept (the file differs): {len(kept)}")
        by_departement = len(self._of("placed by département"))
        if self.placed_by_coordinates:
            out.append(f"placed: {self.placed} ({self.placed_by_coordinates} at their coordinates, "
                       f"{self.placed_by_commune_code} at their commune's centre)")
        else:
            by_code = f"{self.placed_by_commune_code} by commune code, " if self.placed_by_commune_code else ""
            out.append(f"placed: {self.placed} ({by_code}{self.placed_by_postal_code} by postal code, {by_departement} "
                       "by name in the département)")
        history = len(self._of("placed by commune history"))
        if history:
            out[-1] += f"; {history} of them by commune history (a former commune's code or name)"
        not_placed = self.not_placed
        out.append(f"not placed, imported without a commune: {sum(not_placed.values())}{_reasons(not_placed)}")
        out.append(f"rejected rows: {sum(self.rejected.values())}{_reasons(self.rejected)}")
        if self.skipped:
            label = f"skipped {self.items}" if self.items else "skipped"
            out.append(f"{label}: {sum(self.skipped.values())}{_reasons(self.skipped)}")
        if self.left_out:
            out.append(f"rows left out: {sum(self.left_out.values())}{_reasons(self.left_out)}")
        values_left_out = Counter(d.reason for d in self._of("left out"))
        if values_left_out:
            out.append(f"values left out (the row imported without them): {sum(values_left_out.values())}"
                       f"{_reasons(values_left_out)}")
        shown = sorted(self.details)
        if self.report_file is not None:
            out.append(f"details of {len(shown)} rows in {self.report_file}")
        else:
            out += [str(detail) for detail in shown]
        out.append(f"({self.seconds:.1f} s)")
        if self.load is not None and not self.load.changed:
            out.append("nothing changed")
        return out

    def write_report(self, path: Path) -> None:
        path.write_text("".join(f"{detail}\n" for detail in sorted(self.details)), encoding="utf-8")
        self.report_file = path


def _reasons(counts: Counter[str]) -> str:
    return f" ({', '.join(f'{reason}: {n}' for reason, n in sorted(counts.items()))})" if counts else ""

