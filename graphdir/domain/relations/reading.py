"""A relation between two organizations read back for a mutation's payload (with the request's bookmarks)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from graphdir.db.reader import Reader
from graphdir.domain.editing import names
from graphdir.domain.facts.cypher import SOURCE_OF_R
from graphdir.domain.facts.records import Link


@dataclass(frozen=True, slots=True)
class RelationRecord:
    type: str
    start: str
    end: str
    role: str | None
    version: int
    link: Link


@cache
def _relation(rel_type: str) -> str:
    return (f"MATCH (:Organization {{id: $start}})-[r:{names.rel_type(rel_type)}]->(:Organization {{id: $end}}) "
            "RETURN r.role AS role, r.since AS since, r.until AS until, r.excerpt AS excerpt, "
            "coalesce(r.inferred, false) AS inferred, r.note AS note, coalesce(r.version, 1) AS version, "
            + SOURCE_OF_R + " AS source")


async def relation(reader: Reader, rel_type: str, start: str, end: str) -> RelationRecord | None:
    row = await reader.read_one(_relation(rel_type), {"start": start, "end": end})
    if row is None:
        return None
    return RelationRecord(type=rel_type, start=start, end=end, role=row["role"], version=row["version"],
                          link=Link.of(row))
