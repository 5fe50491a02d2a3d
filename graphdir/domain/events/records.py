"""Records of the events domain (EVENT_MAP)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class EventRecord:
    id: str
    title: str
    kind: str | None
    starts_at: str | None
    ends_at: str | None
    date_inferred: bool
    date_note: str | None
    place: str | None

    @staticmethod
    def of(row: dict[str, Any]) -> EventRecord:
        """From EVENT_MAP."""
        return EventRecord(id=row["id"], title=row["title"], kind=row.get("kind"), starts_at=row.get("startsAt"),
                           ends_at=row.get("endsAt"), date_inferred=bool(row.get("dateInferred")),
                           date_note=row.get("dateNote"), place=row.get("place"))
