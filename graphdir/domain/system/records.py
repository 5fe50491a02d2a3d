"""Records of the system domain."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ServerRecord:
    """The Neo4j server behind the directory, as it reports itself."""

    version: str
    edition: str
