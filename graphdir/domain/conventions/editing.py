"""Creating, correcting and ending conventions, and adding or removing their parties, through the API: each edit a
`conventions` record of the seed format (graphdir.domain.editing.nodes), the edit's source added to the convention's
sources, a party's source on its PARTY_TO. Every change is in the convention's history and in its parties'."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphdir.db.writer import Writer
from graphdir.domain.editing.nodes import NodeEditing, NodeKind
from graphdir.domain.editing.records import ALREADY_EXISTS, Actor, EditRequest, Outcome
from graphdir.domain.editing.rejected import reject
from graphdir.domain.editing.sources import ResolvedSource
from graphdir.loader.errors import REQUIRED, UNKNOWN_REFERENCE
from graphdir.loader.planning import plan_convention

CONVENTION_FIELDS = ("title", "kind", "status", "signedOn", "signedAt", "commune", "place", "objectives", "event",
                     "validFrom", "validUntil", "parties")


def party_ids(data: Mapping[str, Any]) -> list[str]:
    return [party["organization"] for party in data.get("parties") or []]


CONVENTION = NodeKind(section="conventions", label="Convention", prefix="convention", plan=plan_convention,
                      fields=CONVENTION_FIELDS, organizations=party_ids,
                      paths={"cited": "input.source.id", "id": "input.id"})


@dataclass(frozen=True, slots=True)
class ConventionChanges:
    """A new convention (`id` None) or changes to one: seed-format fields (None: cleared)."""

    id: str | None
    fields: Mapping[str, Any]
    edit: EditRequest


@dataclass(frozen=True, slots=True)
class PartyChange:
    convention: str
    organization: str
    role: str | None
    edit: EditRequest


def _party_paths(count: int) -> dict[str, str]:
    return {f"parties[{i}].{key}": f"input.parties[{i}].{key}" for i in range(count) for key in ("organization",
                                                                                                   "role")}


class ConventionEditing:
    def __init__(self, writer: Writer) -> None:
        self.nodes = NodeEditing(writer, CONVENTION)

    async def create(self, actor: Actor, new: ConventionChanges) -> Outcome:
        parties = [{**party, "source": None} for party in new.fields.get("parties") or []]
        fields = {**new.fields, "parties": [{k: v for k, v in p.items() if v is not None} for p in parties]}
        return await self.nodes.create(actor, "createConvention", fields, new.fields.get("title"), new.edit, new,
                                       _party_paths(len(parties)))

    async def update(self, actor: Actor, changes: ConventionChanges, operation: str = "updateConvention") -> Outcome:
        def change(before: dict[str, Any], _: ResolvedSource) -> dict[str, Any]:
            out = {**before, **changes.fields}
            return {key: value for key, value in out.items() if value is not None}

        return await self.nodes.change(actor, operation, changes.id or "", change, changes.edit, changes)

    async def end(self, actor: Actor, changes: ConventionChanges) -> Outcome:
        """An update that gives the convention the day it stopped applying (`validUntil`, required)."""
        if changes.fields.get("validUntil") is None:
            return Outcome(errors=reject("input.validUntil", "required: when it stopped applying", REQUIRED).errors)
        return await self.update(actor, changes, "endConvention")

    async def add_party(self, actor: Actor, party: PartyChange) -> Outcome:
        def change(before: dict[str, Any], source: ResolvedSource) -> dict[str, Any]:
            parties = list(before.get("parties") or [])
            if party.organization in party_ids(before):
                raise reject("input.organization", f"{party.organization} is a party already", ALREADY_EXISTS,
                             {CONVENTION.section: party.convention})
            new = {"organization": party.organization, "role": party.role, "source": source.id,
                   "excerpt": source.excerpt}
            parties.append({key: value for key, value in new.items() if value is not None})
            return {**before, "parties": parties}

        # The parties it had are valid: what the loader finds wrong in them is the new one's.
        return await self.nodes.change(actor, "addConventionParty", party.convention, change, party.edit, party,
                                       {"parties": "input.organization"})

    async def remove_party(self, actor: Actor, party: PartyChange) -> Outcome:
        def change(before: dict[str, Any], _: ResolvedSource) -> dict[str, Any]:
            if party.organization not in party_ids(before):
                raise reject("input.organization", f"{party.organization} is not a party to it", UNKNOWN_REFERENCE,
                             {CONVENTION.section: party.convention})
            return {**before, "parties": [p for p in before.get("parties") or []
                                          if p["organization"] != party.organization]}

        return await self.nodes.change(actor, "removeConventionParty", party.convention, change, party.edit, party)
