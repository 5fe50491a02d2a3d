"""A plain-text progress line on stderr for long loads: `writing  120000/181000  66%`.

Shown only when asked (progress=True, i.e. without --quiet) and stderr is a terminal, or GRAPHDIR_PROGRESS=1 says to
show it anyway (e.g. to watch a load through a pipe or a log). Redrawn at most ten times a second; a finished phase
leaves its last line.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, enabled: bool, stream: TextIO | None = None) -> None:
        self.enabled = enabled
        self.stream = stream if stream is not None else sys.stderr
        self.phase = ""
        self.total = 0
        self.done = 0
        self._drawn = 0.0

    @classmethod
    def for_stderr(cls, wanted: bool) -> Progress:
        forced = os.environ.get("GRAPHDIR_PROGRESS", "").strip().lower() in {"1", "true", "yes", "always"}
        return cls(wanted and (forced or sys.stderr.isatty()))

    def start(self, phase: str, total: int) -> None:
        self.finish()
        self.phase, self.total, self.done = phase, total, 0
        self._draw(force=True)

    def set(self, done: int) -> None:
        self.done = done
        self._draw()

    def advance(self, count: int) -> None:
        self.set(self.done + count)

    def finish(self) -> None:
        if self.phase:
            self.done = self.total
            self._draw(force=True)
            if self.enabled:
                self.stream.write("\n")
                self.stream.flush()
        self.phase = ""

    def _draw(self, force: bool = False) -> None:
        if not self.enabled or not self.phase:
            return
        now = time.monotonic()
        if not force and now - self._drawn < 0.1:
            return
        self._drawn = now
        share = f"{100 * self.done // self.total:3d}%" if self.total else ""
        self.stream.write(f"\r{self.phase:<34} {self.done:>8}/{self.total:<8} {share}")
        self.stream.flush()
