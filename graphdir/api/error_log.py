"""Unexpected errors logged without letting a client flood the log: the trace of an error site (its exception type
and the line that raised it) at ERROR once per WINDOW_S (60 s); the same site failing again within the window is
counted, and the count reported with its next trace."""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable

WINDOW_S = 60.0
# Sites remembered at most: beyond, the oldest is forgotten (and may log again early).
MAX_SITES = 1024


def site_of(error: BaseException) -> tuple[str, str, int]:
    frames = traceback.extract_tb(error.__traceback__)
    last = frames[-1] if frames else None
    return type(error).__qualname__, last.filename if last else "", (last.lineno or 0) if last else 0


class ErrorLog:
    def __init__(self, logger: logging.Logger, clock: Callable[[], float] | None = None) -> None:
        self.logger = logger
        self.clock = clock or (lambda: time.monotonic())
        self._lock = threading.Lock()
        # site -> (when its trace was last logged, failures not logged since)
        self._sites: dict[tuple[str, str, int], tuple[float, int]] = {}

    def unexpected(self, error: BaseException, message: str, *args: object) -> None:
        """Logs `message % args` with the trace of `error`, unless its site logged one within the window."""
        site, now = site_of(error), self.clock()
        with self._lock:
            last, suppressed = self._sites.get(site, (None, 0))
            if last is not None and now - last < WINDOW_S:
                self._sites[site] = (last, suppressed + 1)
                return
            self._sites.pop(site, None)
            self._sites[site] = (now, 0)
            if len(self._sites) > MAX_SITES:
                del self._sites[next(iter(self._sites))]
        if suppressed:
            message += f" (and {suppressed} more at this site in the last {WINDOW_S:.0f} s, not logged)"
        self.logger.error(message, *args, exc_info=(type(error), error, error.__traceback__))
