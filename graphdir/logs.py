"""Logs on stderr: one JSON object per line for a collector, or short lines for a person at a terminal."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

_RESERVED = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


def _extras(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in record.__dict__.items() if k not in _RESERVED}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            # With several workers, which process wrote the line.
            "pid": record.process,
            "msg": record.getMessage(),
        }
        entry.update(_extras(record))
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """`12:01:02 INFO message key=value`, local time; the pid only when several processes share the terminal."""

    def __init__(self, with_pid: bool) -> None:
        super().__init__()
        self.with_pid = with_pid

    def format(self, record: logging.LogRecord) -> str:
        when = datetime.fromtimestamp(record.created).strftime("%H:%M:%S")
        parts = [when, f"{record.levelname:<7}"]
        if self.with_pid:
            parts.append(f"[{record.process}]")
        parts.append(record.getMessage())
        parts += [f"{k}={v}" for k, v in _extras(record).items()]
        line = " ".join(parts)
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def wants_json(log_format: str, stream: TextIO) -> bool:
    if log_format == "auto":
        return not stream.isatty()
    return log_format == "json"


def configure(level: str, log_format: str = "auto", workers: int = 1) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if wants_json(log_format, sys.stderr) else TextFormatter(workers > 1))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    quiet = max(logging.WARNING, logging.getLevelName(level))
    # The driver logs every routing detail at INFO; keep it for real problems.
    logging.getLogger("neo4j").setLevel(quiet)
    # graphdir says itself when it is ready and where (graphdir.app); uvicorn's start-up lines would repeat it, and
    # come after. Its errors (a port already taken) still show.
    if level != "DEBUG":
        logging.getLogger("uvicorn.error").setLevel(quiet)
