"""Adding, correcting and ending the territories an organization covers (COVERS {since, until}) through the API.

A cover belongs to its organization's record (`covers` in the seed format), so the edit is checked as that record
with the one cover (the territory exists, the dates are dates in order); the COVERS relationship carries its own
version, the edit's source and excerpt, and the organization cites the source. Its Change is in the organization's
history.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from neo4j import AsyncManagedTransaction

from graphdir.db.reader import Reader
from graphdir.db.writer import Writer, one, rows
from graphdir.domain.editing import sources
from graphdir.domain.editing.checks import Draft, check
from graphdir.domain.editing.records import ALREADY_EXISTS, Actor, EditRequest, Outcome
from graphdir.domain.editing.rejected import Rejected, reject
from graphdir.domain.editing.transaction import run_edit
from graphdir.domain.history.repository import record
from graphdir.domain.organizations import editing_repository as organizations
from graphdir.domain.organizations.editing import changes_between, conflict, merged
from graphdir.domain.territories import inside_links
from graphdir.loader.errors import REQUIRED, UNKNOWN_REFERENCE
from graphdir.loader.planning import validity

COVER_FIELDS = ("since", "until")
PATHS = {"covers[0].territory": "input.territory", "covers[0].since": "input.since",
         "covers[0].until": "input.until", "cited": "input.source.id"}

CURRENT: Final = """
MATCH (:Organization {id: $organization})-[r:COVERS]->(:Territory {id: $territory})
RETURN properties(r) AS props
"""
# The cover (one per organization and territory), and the organization citing the edit's source.
WRITE: Final = """
MATCH (o:Organization {id: $organization}), (t:Territory {id: $territory})
MERGE (o)-[r:COVERS]->(t)
SET r = $props
WITH o
MATCH (s:Source {id: $source})
MERGE (o)-[cited:CITED_IN]->(s)
ON CREATE SET cited.excerpt = $excerpt
"""


@dataclass(frozen=True, slots=True)
class CoverRecord:
    since: str | None
    until: str | None
    version: int


async def cover(reader: Reader, organization: str, territory: str) -> CoverRecord | None:
    """The cover as it is now, for a payload (read with the request's bookmarks)."""
    row = await reader.read_one(CURRENT, {"organization": organization, "territory": territory})
    if row is None:
        return None
    props = row["props"]
    return CoverRecord(since=props.get("since"), until=props.get("until"), version=int(props.get("version") or 1))


@dataclass(frozen=True, slots=True)
class CoverChanges:
    organization: str
    territory: str  # its graph id, "region:84"
    fields: Mapping[str, Any]  # since, until (None: cleared)
    edit: EditRequest


class CoverageEditing:
    def __init__(self, writer: Writer) -> None:
        self.writer = writer

    async def apply(self, actor: Actor, action: str, changes: CoverChanges) -> Outcome:
        """`action`: add, update or end (which needs `until`)."""
        operation = {"add": "addCoveredTerritory", "update": "updateCoveredTerritory",
                     "end": "endCoveredTerritory"}[action]
        if action == "end" and changes.fields.get("until") is None:
            return Outcome(errors=reject("input.until", "required: when it stopped covering it", REQUIRED).errors)

        async def work(tx: AsyncManagedTransaction) -> tuple[Mapping[str, str], str | None]:
            ids = {"organization": changes.organization, "territory": changes.territory}
            if not await organizations.lock_organization(tx, changes.organization):
                raise reject("input.organization", f"unknown organization {changes.organization!r}",
                             UNKNOWN_REFERENCE)
            found = await one(tx, CURRENT, ids)
            current: dict[str, Any] = {"territory": changes.territory}
            version = 0
            if found is not None:
                current.update({key: found["props"][key] for key in COVER_FIELDS if key in found["props"]})
                version = int(found["props"].get("version") or 1)
            if action == "add" and found is not None:
                raise reject("input.territory", "it covers this territory already: correct the cover instead",
                             ALREADY_EXISTS, ids)
            if action != "add" and found is None:
                raise reject("input.territory", "it does not cover this territory", UNKNOWN_REFERENCE, ids)
            if action != "add" and changes.edit.version != version:
                raise conflict("cover", version, changes.edit.version, ids)
            return await self._write(tx, actor, operation, changes, current if found else {},
                                     merged(current, changes.fields), version)

        return await run_edit(self.writer, actor, operation, changes.edit.idempotency_key, changes, work)

    async def _write(self, tx: AsyncManagedTransaction, actor: Actor, operation: str,  # noqa: PLR0913
                     changes: CoverChanges, before: Mapping[str, Any], after: dict[str, Any], version: int
                     ) -> tuple[Mapping[str, str], str | None]:
        source = await sources.resolve(tx, changes.edit.source)
        found = await organizations.organization_data(tx, changes.organization)
        assert found is not None  # locked
        record_data = {**found[0], "covers": [after], "cited": [{"source": source.id, "excerpt": source.excerpt}]}
        errors, _ = await check(tx, [Draft("organizations", record_data, PATHS),
                                     *([source.draft] if source.draft else [])])
        if errors:
            raise Rejected(errors)
        ids = {"organization": changes.organization, "territory": changes.territory}
        diff = changes_between(before, after, ("territory", *COVER_FIELDS))
        if not diff:
            return ids, None
        props = {**validity(after), "version": version + 1, "source": source.id}
        if source.excerpt is not None:
            props["excerpt"] = source.excerpt
        await sources.write(tx, source)
        await rows(tx, WRITE, {**ids, "props": props, "source": source.id, "excerpt": source.excerpt})
        await inside_links.refresh(tx, [changes.organization])
        change = await record(tx, actor, operation, "Cover", [changes.organization], diff, source.id, source.excerpt,
                              version + 1)
        return ids, change
