"""Adding, correcting and ending relations between organizations (a `relations` record of the seed format, keyed by
type, from and to). MEMBER_OF has its own edits (graphdir.domain.organizations.membership_editing)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphdir.db.writer import Writer
from graphdir.domain.editing.edges import EdgeChanges, EdgeEditing, EdgeKind
from graphdir.domain.editing.records import Actor, Outcome
from graphdir.domain.editing.rejected import reject
from graphdir.loader.errors import INVALID_VALUE
from graphdir.loader.planning import plan_relation
from graphdir.vocabulary import ORGANIZATION_RELATIONS, Relationship

RELATION_FIELDS = ("role", "since", "until", "note")
EDITABLE_TYPES = tuple(r.value for r in ORGANIZATION_RELATIONS if r is not Relationship.MEMBER_OF)


def _ends(data: Mapping[str, Any]) -> list[str]:
    return [data["from"], data["to"]]


RELATION = EdgeKind(
    section="relations", object_type="Relation", start=("Organization", "from"), end=("Organization", "to"), keys=(),
    fields=RELATION_FIELDS, plan=plan_relation, organizations=_ends,
    paths={"from": "input.from", "to": "input.to", "type": "input.type", "source": "input.source.id",
           "excerpt": "input.source.excerpt"})


class RelationEditing:
    def __init__(self, writer: Writer) -> None:
        self.edges = EdgeEditing(writer, RELATION)

    async def apply(self, actor: Actor, action: str, changes: EdgeChanges) -> Outcome:
        """`action`: add, update or end."""
        if changes.type not in EDITABLE_TYPES:
            return Outcome(errors=reject("input.type", f"{changes.type} is edited by addMembership, updateMembership "
                                         "and endMembership", INVALID_VALUE).errors)
        if action == "add":
            return await self.edges.add(actor, "addRelation", changes)
        if action == "update":
            return await self.edges.update(actor, "updateRelation", changes)
        return await self.edges.end(actor, "endRelation", changes)
