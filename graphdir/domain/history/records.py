"""Records of the history: a change, field by field."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from graphdir.domain.editing.records import FieldChange
from graphdir.domain.facts.records import SourceRecord


@dataclass(frozen=True, slots=True)
class ChangeRecord:
    id: str
    seq: int
    at: dt.datetime
    actor_id: str
    actor: str
    operation: str
    object_type: str
    object_ids: tuple[str, ...]
    fields: tuple[FieldChange, ...]
    source: SourceRecord | None
    excerpt: str | None
    request_id: str | None
    version: int | None

    @staticmethod
    def of(row: dict[str, Any]) -> ChangeRecord:
        """From CHANGE_MAP."""
        fields = tuple(FieldChange(name, json.loads(before), json.loads(after))
                       for name, before, after in zip(row["fields"], row["before"], row["after"], strict=True))
        return ChangeRecord(id=row["id"], seq=row["seq"], at=row["at"].to_native(), actor_id=row["actorId"],
                            actor=row["actor"], operation=row["operation"], object_type=row["objectType"],
                            object_ids=tuple(row["objectIds"]), fields=fields,
                            source=SourceRecord.maybe(row.get("source")), excerpt=row.get("excerpt"),
                            request_id=row.get("requestId"), version=row.get("version"))


def encode(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
