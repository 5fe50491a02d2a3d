"""The progress line of an import reading its file: `reading siae.csv  120000 rows  41000 rows/s  35%  ~4 s left`.

The share and time left come from the bytes read out of the file's size, so they need no first pass to count rows.
Shown on the same terms as the loader's progress (graphdir.loader.progress: a terminal, or GRAPHDIR_PROGRESS=1).
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

from graphdir.importers.csvfile import CsvTable
from graphdir.loader.progress import Progress


class RowProgress:
    def __init__(self, enabled: bool, label: str, stream: TextIO | None = None) -> None:
        self.enabled = enabled
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.started = time.monotonic()
        self._drawn = 0.0
        self._shown = False
        self._last: tuple[int, CsvTable] | None = None

    @classmethod
    def for_stderr(cls, wanted: bool, label: str) -> RowProgress:
        return cls(Progress.for_stderr(wanted).enabled, label)

    def update(self, rows: int, table: CsvTable, *, force: bool = False) -> None:
        if not self.enabled:
            return
        self._last = (rows, table)
        now = time.monotonic()
        if not force and now - self._drawn < 0.2:
            return
        self._drawn = now
        elapsed = max(now - self.started, 1e-6)
        share = table.bytes_read / table.size if table.size else 1.0
        left = elapsed * (1 - share) / share if share > 0 else 0.0
        self.stream.write(f"\r{self.label}  {rows:>9} rows  {rows / elapsed:>8.0f} rows/s  {100 * share:3.0f}%  "
                          f"~{left:.0f} s left ")
        self.stream.flush()
        self._shown = True

    def finish(self) -> None:
        if self._last is not None:
            self.update(*self._last, force=True)
        if self._shown:
            self.stream.write("\n")
            self.stream.flush()
