"""The per-request context: the process's driver, a counting reader, and fresh DataLoaders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncDriver

from graphdir.db.reader import Reader


@dataclass
class Context:
    driver: AsyncDriver
    database: str
    request: Any = None
    response: Any = None
    # GRAPHDIR_INTROSPECTION: whether `__schema` and `__type` may be queried.
    introspection: bool = True
    # Created lazily per request, so that no cache outlives a request.
    loaders: dict[str, Any] = field(default_factory=dict)
    reader: Reader = field(init=False)

    def __post_init__(self) -> None:
        self.reader = Reader(self.driver, self.database)
