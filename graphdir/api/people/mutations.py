"""createPerson, updatePerson, addRole, updateRole, endRole (Relay style: one `input`, a payload with the person,
the role, and `userErrors`)."""

from __future__ import annotations

from typing import Annotated, TypeVar

import strawberry
from strawberry.types import Info

from graphdir.api.context import Context
from graphdir.api.edit_payloads import PARTIAL_DATE, EditPayload, edited, user_errors
from graphdir.api.edit_scope import InEditorScope
from graphdir.api.editing import (
    IDEMPOTENCY_HELP,
    VERSION_HELP,
    Decoded,
    SourceInput,
    actor,
    edit_request,
    given,
    graph_id_or_none,
)
from graphdir.api.people.loaders import People, RolesOf
from graphdir.api.people.types import Person, Role
from graphdir.api.permissions import IsEditor
from graphdir.domain.people.editing import PERSON, ROLE_FIELDS, PersonChanges, PersonEditing, role_changes

EDITORS = [IsEditor, InEditorScope]
T = TypeVar("T")
Input = Annotated[T, strawberry.argument(description="What to change, and the source stating it.")]
ROLE_INPUT_FIELDS = tuple((name, name) for name in ROLE_FIELDS)


@strawberry.input(description="A person, new (no id) or corrected (id and version), with the source naming them.")
class PersonInput:
    id: strawberry.ID | None = strawberry.field(default=None, description="The person's global id; not for "
                                                "createPerson.")
    version: int | None = strawberry.field(default=None, description=VERSION_HELP + " Not for createPerson.")
    name: str | None = strawberry.field(default=None, description="Full name, as the source writes it.")
    source: SourceInput | None = strawberry.field(default=None, description="The source naming them (required).")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY_HELP)

    def scope_targets(self) -> tuple[list[str], list[str]]:
        return [], []

    scope_any: strawberry.Private[bool] = True

    def scope_subjects(self) -> list[tuple[str, str]]:
        graph_id = graph_id_or_none(self.id, "Person") if self.id else None
        return [("Person", graph_id or "")]


@strawberry.input(description="A person's role in an organization, keyed by person, organization and title.")
class RoleInput:
    person: strawberry.ID = strawberry.field(description="The person's global id.")
    organization: strawberry.ID = strawberry.field(description="The organization's global id.")
    title: str = strawberry.field(description="The title, as the source writes it (Président…).")
    version: int | None = strawberry.field(default=None, description=VERSION_HELP + " Not for addRole.")
    new_title: str | None = strawberry.field(default=None, description="updateRole only: the role's new title (a "
                                             "renamed office); the seed files' former title still names it.")
    portfolio: str | None = strawberry.field(default=strawberry.UNSET, description="What a vice-president is in "
                                             "charge of.")
    since: str | None = strawberry.field(default=strawberry.UNSET, description="When it began" + PARTIAL_DATE)
    until: str | None = strawberry.field(default=strawberry.UNSET, description="When it ended" + PARTIAL_DATE +
                                         "; required by endRole.")
    note: str | None = strawberry.field(default=strawberry.UNSET, description="A note on it.")
    source: SourceInput | None = strawberry.field(default=None, description="The source stating it (required).")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY_HELP)

    def scope_targets(self) -> tuple[list[str], list[str]]:
        organization = graph_id_or_none(self.organization, "Organization")
        return [organization] if organization else [], []

    scope_any: strawberry.Private[bool] = True

    def scope_subjects(self) -> list[tuple[str, str]]:
        return []


@strawberry.type(description="What a person mutation did.")
class PersonPayload(EditPayload):
    person: Person | None = strawberry.field(description="The person as they are now.")


@strawberry.type(description="What a role mutation did.")
class RolePayload(EditPayload):
    role: Role | None = strawberry.field(description="The role as it is now.")


async def _person(ctx: Context, input: PersonInput, create: bool) -> PersonPayload:
    decoded = Decoded()
    graph_id = None if create else decoded.id(input.id, "input.id", "Person") or ""
    changes = PersonChanges(id=graph_id, name=input.name,
                            edit=edit_request(decoded, input))
    editing = PersonEditing(ctx.writer)
    outcome = await edited(ctx, decoded, lambda: editing.create(actor(ctx), changes) if create else
                           editing.update(actor(ctx), changes))
    found = outcome.ids.get(PERSON.section)
    record = await People.of(ctx).get(found) if found else None
    return PersonPayload(person=Person.maybe(record), user_errors=user_errors(outcome), replayed=outcome.replayed)


async def _role(ctx: Context, input: RoleInput, action: str) -> RolePayload:
    decoded = Decoded()
    person = decoded.id(input.person, "input.person", "Person") or ""
    organization = decoded.id(input.organization, "input.organization", "Organization") or ""
    fields = given(input, ROLE_INPUT_FIELDS)
    if input.new_title is not None:
        fields["title"] = input.new_title
    changes = role_changes(person, organization, input.title, fields,
                           edit_request(decoded, input))
    outcome = await edited(ctx, decoded, lambda: PersonEditing(ctx.writer).role(actor(ctx), action, changes))
    role = None
    if "start" in outcome.ids:
        roles = await RolesOf.of(ctx).load(person, RolesOf.key(None))
        role = next((Role.from_record(r) for r in roles if r.organization.id == organization and
                     r.title == fields.get("title", input.title)), None)
    return RolePayload(role=role, user_errors=user_errors(outcome), replayed=outcome.replayed)


@strawberry.type
class PersonMutation:
    @strawberry.mutation(description="Record a person, with the source naming them.", permission_classes=EDITORS)
    async def create_person(self, info: Info[Context, None], input: Input[PersonInput]) -> PersonPayload | None:
        return await _person(info.context, input, create=True)

    @strawberry.mutation(description="Correct a person's name, from the version read.", permission_classes=EDITORS)
    async def update_person(self, info: Info[Context, None], input: Input[PersonInput]) -> PersonPayload | None:
        return await _person(info.context, input, create=False)

    @strawberry.mutation(description="Give a person a role in an organization, with the source stating it.",
                         permission_classes=EDITORS)
    async def add_role(self, info: Info[Context, None], input: Input[RoleInput]) -> RolePayload | None:
        return await _role(info.context, input, "add")

    @strawberry.mutation(description="Correct a role (portfolio, dates, note; its title with `newTitle`), from the "
                         "version read.",
                         permission_classes=EDITORS)
    async def update_role(self, info: Info[Context, None], input: Input[RoleInput]) -> RolePayload | None:
        return await _role(info.context, input, "update")

    @strawberry.mutation(description="End a role on a date (`until`, required), from the version read.",
                         permission_classes=EDITORS)
    async def end_role(self, info: Info[Context, None], input: Input[RoleInput]) -> RolePayload | None:
        return await _role(info.context, input, "end")
