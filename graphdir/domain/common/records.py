"""Records every domain shares. Records are what repositories build from Cypher rows and services return: frozen
slotted dataclasses, built once per row without validation (the graph's contract is checked by the loader)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Location:
    """A WGS-84 point; `approximate` when it stands in for the real place (a commune's centre)."""

    latitude: float
    longitude: float
    approximate: bool

    @staticmethod
    def of(row: dict[str, Any]) -> Location | None:
        """The point of a map with `latitude`, `longitude`, `approximate` keys (None without coordinates)."""
        latitude, longitude = row.get("latitude"), row.get("longitude")
        if latitude is None or longitude is None:
            return None
        return Location(latitude=latitude, longitude=longitude, approximate=bool(row.get("approximate")))
