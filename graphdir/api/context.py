"""The per-request context: the process's driver, the database name, and fresh DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncDriver


@dataclass
class Context:
    driver: AsyncDriver
    database: str
    request: Any = None
    response: Any = None
    # Created lazily per request, so that no cache outlives a request.
    loaders: dict[str, Any] = field(default_factory=dict)
