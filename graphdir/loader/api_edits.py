"""A load (or an import) keeps what was edited through the API, as imports keep curated values.

An organization edited by a mutation records which of its fields the API set (`editedFields`, seed-format names) and
has a `version`. Before a load plans its records, each organization record that names such an organization takes the
graph's value of every edited field in place of the file's (a field the API cleared stays clear), and each value the
file gives differently is reported ("edited through the API, kept"). The record also carries the organization's
version and edited fields, so that a record saying nothing new compares unchanged; one that changes something else
writes version + 1 (`bump`), and its change is in the history (graphdir.loader.history).

    edits = await ApiEdits.read(driver, database, records)   # before planning: records take the edited values
    edits.bump(changes)                                      # after comparing: updated ones get version + 1
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from neo4j import AsyncDriver

from graphdir.loader.lookup import as_location
from graphdir.loader.planning import NodeRow
from graphdir.loader.reading import Record
from graphdir.loader.validation import Location, commune_id

BATCH = 10_000
# Stored with the organization, carried through the plan (graphdir.loader.planning.plan_organization).
VERSION, EDITED_FIELDS = "version", "editedFields"

EDITED: Final = """
UNWIND $ids AS id
MATCH (o:Organization {id: id})
WHERE o.editedFields IS NOT NULL OR o.version IS NOT NULL
RETURN collect({id: id, props: properties(o), commune: [(o)-[:LOCATED_IN]->(c:Commune) | [c.code, c.location]][0]})
       AS found
"""


@dataclass(frozen=True, slots=True)
class Kept:
    """A value of a file that a load did not write: the API's edit of it stands."""

    file: str
    line: int
    organization: str
    field: str
    kept: Any
    given: Any

    def __str__(self) -> str:
        return (f"{self.file}:{self.line}: edited through the API, kept: organization {self.organization!r} "
                f"{self.field} stays {self.kept!r} (the file says {self.given!r})")


@dataclass
class ApiEdits:
    versions: dict[str, int] = field(default_factory=dict)
    kept: list[Kept] = field(default_factory=list)
    # The communes the kept values name, with their locations (the plan places an organization at its commune's).
    communes: dict[str, Location | None] = field(default_factory=dict)

    @classmethod
    async def read(cls, driver: AsyncDriver, database: str, records: Sequence[Record]) -> ApiEdits:
        out = cls()
        organizations = [r for r in records if r.section == "organizations"]
        ids = [str(r.data["id"]) for r in organizations]
        states: dict[str, Mapping[str, Any]] = {}
        for start in range(0, len(ids), BATCH):
            found, _, _ = await driver.execute_query(EDITED, {"ids": ids[start:start + BATCH]}, database_=database,
                                                     routing_="r")
            states.update((row["id"], row) for row in found[0]["found"])
        for record in organizations:
            state = states.get(str(record.data["id"]))
            if state is not None:
                out._apply(record, state)
        return out

    def _apply(self, record: Record, state: Mapping[str, Any]) -> None:
        props = state["props"]
        data = record.data
        edited = list(props.get(EDITED_FIELDS) or [])
        commune = state["commune"] or [None, None]
        for name in edited:
            now = commune[0] if name == "commune" else props.get(name)
            if name == "commune" and now is not None:
                self.communes[commune_id(now)] = as_location(commune[1])
            given = data.get(name)
            if given != now:
                self.kept.append(Kept(record.file, record.line, str(data["id"]), name, now, given))
            if now is None:
                data.pop(name, None)
            else:
                data[name] = now
        version = int(props.get(VERSION) or 1)
        self.versions[str(data["id"])] = version
        data[VERSION] = version
        if edited:
            data[EDITED_FIELDS] = edited

    def bump(self, updated: Sequence[Any]) -> None:
        """The organizations this load updates are one version further."""
        for row in updated:
            if isinstance(row, NodeRow) and row.section == "organizations" and row.id in self.versions:
                row.props[VERSION] = self.versions[row.id] + 1
