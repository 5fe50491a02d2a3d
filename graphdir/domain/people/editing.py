"""Creating and correcting people, and adding, correcting and ending their roles in organizations, through the API:
a person is a `people` record of the seed format (graphdir.domain.editing.nodes), a role a `roles` record keyed by
person, organization and title (graphdir.domain.editing.edges). Every change is in the person's history; a role's
also in its organization's."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphdir.db.writer import Writer
from graphdir.domain.editing.edges import EdgeChanges, EdgeEditing, EdgeKind
from graphdir.domain.editing.nodes import NodeEditing, NodeKind
from graphdir.domain.editing.records import Actor, EditRequest, Outcome
from graphdir.domain.editing.sources import ResolvedSource
from graphdir.loader.planning import plan_person, plan_role

ROLE_FIELDS = ("portfolio", "since", "until", "note")
# An update may rename a role; the titles it had still name it in the seed files (graphdir.loader.api_edits).
FORMER_TITLES = "formerTitles"


PERSON = NodeKind(section="people", label="Person", prefix="person", plan=plan_person,
                  fields=("name",), organizations=lambda _: [], paths={"cited": "input.source.id", "id": "input.id"})

ROLE = EdgeKind(
    section="roles", object_type="Role", start=("Person", "person"), end=("Organization", "organization"),
    keys=("title",), fields=(*ROLE_FIELDS, "title"), plan=plan_role,
    organizations=lambda data: [data["organization"]], renames={"title": FORMER_TITLES},
    paths={"person": "input.person", "organization": "input.organization", "title": "input.title",
           "new.title": "input.newTitle", "source": "input.source.id", "excerpt": "input.source.excerpt"})


@dataclass(frozen=True, slots=True)
class PersonChanges:
    """A new person (`id` None) or a correction of one."""

    id: str | None
    name: str | None
    edit: EditRequest


def role_changes(person: str, organization: str, title: str, fields: Mapping[str, Any], edit: EditRequest
                 ) -> EdgeChanges:
    return EdgeChanges(type="HOLDS_ROLE", start=person, end=organization, keys={"title": title}, fields=fields,
                       edit=edit)


class PersonEditing:
    def __init__(self, writer: Writer) -> None:
        self.nodes = NodeEditing(writer, PERSON)
        self.roles = EdgeEditing(writer, ROLE)

    async def create(self, actor: Actor, new: PersonChanges) -> Outcome:
        return await self.nodes.create(actor, "createPerson", {"name": new.name}, new.name, new.edit, new)

    async def update(self, actor: Actor, changes: PersonChanges) -> Outcome:
        def change(before: dict[str, Any], _: ResolvedSource) -> dict[str, Any]:
            return {**before, "name": changes.name}

        return await self.nodes.change(actor, "updatePerson", changes.id or "", change, changes.edit, changes)

    async def role(self, actor: Actor, action: str, changes: EdgeChanges) -> Outcome:
        """`action`: add, update or end."""
        if action == "add":
            return await self.roles.add(actor, "addRole", changes)
        if action == "update":
            return await self.roles.update(actor, "updateRole", changes)
        return await self.roles.end(actor, "endRole", changes)
