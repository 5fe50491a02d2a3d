"""Mutations on organizations and memberships (Relay style: one `input`, a payload with the changed object and
`userErrors`). Editors and admins only; an editor limited to territories edits inside them (graphdir.api.permissions).
"""

from __future__ import annotations

from typing import Annotated, TypeVar

import strawberry
from strawberry.types import Info

from graphdir.api.common import Source, partial
from graphdir.api.context import Context
from graphdir.api.edit_payloads import EditPayload
from graphdir.api.editing import Decoded, UserError, actor, edit_request, given
from graphdir.api.organizations.mutation_inputs import (
    MEMBERSHIP_INPUT_FIELDS,
    ORGANIZATION_INPUT_FIELDS,
    CreateOrganizationInput,
    MembershipInput,
    RetireOrganizationInput,
    UpdateOrganizationInput,
)
from graphdir.api.organizations.types import Organization
from graphdir.api.permissions import InEditorTerritory, IsEditor
from graphdir.api.scalars import PartialDate
from graphdir.domain.editing.records import Outcome
from graphdir.domain.organizations.edit_records import MembershipChanges, NewOrganization, OrganizationChanges
from graphdir.domain.organizations.editing import OrganizationEditing
from graphdir.domain.organizations.membership_editing import MembershipEditing
from graphdir.domain.organizations.service import OrganizationService

EDITORS = [IsEditor, InEditorTerritory]
T = TypeVar("T")
Input = Annotated[T, strawberry.argument(description="What to change, and the source stating it.")]


@strawberry.type(description="What an organization mutation did: the organization (as it is now: after the edit, "
                 "or, on CONFLICT, as another edit left it) and what the input got wrong.")
class OrganizationPayload:
    organization: Organization | None = strawberry.field(description="The organization.")
    user_errors: list[UserError] = strawberry.field(description="Empty when the edit was made.")
    replayed: bool = strawberry.field(description="True when the idempotency key had been used by this same edit: "
                                      "nothing was changed again.")


@strawberry.type(description="A membership of an organization in a body.")
class Membership:
    member: Organization = strawberry.field(description="The member.")
    body: Organization = strawberry.field(description="The body it is a member of.")
    role: str | None = strawberry.field(description="Its role in the body.")
    since: PartialDate | None = strawberry.field(description="When it began, if known.")
    until: PartialDate | None = strawberry.field(description="When it ended, if it has.")
    source: Source | None = strawberry.field(description="The source stating it, with its excerpt.")
    version: int = strawberry.field(description="Starts at 1, one more at each edit.")


@strawberry.type(description="What a membership mutation did.")
class MembershipPayload(EditPayload):
    membership: Membership | None = strawberry.field(description="The membership as it is now.")


async def _organization_payload(ctx: Context, outcome: Outcome) -> OrganizationPayload | None:
    ctx.written()
    graph_id = outcome.ids.get("organization")
    record = (await OrganizationService(ctx.reader).by_ids([graph_id])).get(graph_id) if graph_id else None
    return OrganizationPayload(organization=Organization.maybe(record),
                               user_errors=[UserError.of(e) for e in outcome.errors],
                               replayed=outcome.replayed)


async def _membership_payload(ctx: Context, editing: MembershipEditing, outcome: Outcome) -> MembershipPayload:
    ctx.written()
    membership = None
    member, body = outcome.ids.get("member"), outcome.ids.get("body")
    if member and body:
        found = await editing.membership(member, body)
        members = await OrganizationService(ctx.reader).by_ids([member])
        if found is not None and member in members:
            link = found.link
            membership = Membership(member=Organization.from_record(members[member]),
                                    body=Organization.from_record(found.organization), role=found.role,
                                    since=partial(link.since), until=partial(link.until),
                                    source=Source.maybe(link.source, link.excerpt), version=found.version)
    return MembershipPayload(membership=membership, user_errors=[UserError.of(e) for e in outcome.errors],
                             replayed=outcome.replayed)


def _failed(decoded: Decoded) -> Outcome | None:
    return Outcome(errors=decoded.errors) if decoded.errors else None


@strawberry.type
class OrganizationMutation:
    @strawberry.mutation(description="Create an organization with the source stating it.", permission_classes=EDITORS)
    async def create_organization(self, info: Info[Context, None], input: Input[CreateOrganizationInput]
                                  ) -> OrganizationPayload | None:
        ctx, decoded = info.context, Decoded()
        fields = given(input, (*ORGANIZATION_INPUT_FIELDS, ("slug", "slug")))
        request = edit_request(decoded, input)
        outcome = _failed(decoded) or await OrganizationEditing(ctx.writer).create(
            actor(ctx), NewOrganization(fields=fields, edit=request))
        return await _organization_payload(ctx, outcome)

    @strawberry.mutation(description="Correct an organization: the fields given, from the version read.",
                         permission_classes=EDITORS)
    async def update_organization(self, info: Info[Context, None], input: Input[UpdateOrganizationInput]
                                  ) -> OrganizationPayload | None:
        ctx, decoded = info.context, Decoded()
        graph_id = decoded.id(input.id, "input.id", "Organization")
        request = edit_request(decoded, input)
        changes = OrganizationChanges(id=graph_id or "", fields=given(input, ORGANIZATION_INPUT_FIELDS), edit=request)
        outcome = _failed(decoded) or await OrganizationEditing(ctx.writer).update(actor(ctx), changes)
        return await _organization_payload(ctx, outcome)

    @strawberry.mutation(description="Retire an organization that ceased: it keeps its relations and history, with "
                         "its end date.", permission_classes=EDITORS)
    async def retire_organization(self, info: Info[Context, None], input: Input[RetireOrganizationInput]
                                  ) -> OrganizationPayload | None:
        ctx, decoded = info.context, Decoded()
        graph_id = decoded.id(input.id, "input.id", "Organization")
        request = edit_request(decoded, input)
        changes = OrganizationChanges(id=graph_id or "", fields={"ceasedOn": input.ceased_on}, edit=request)
        outcome = _failed(decoded) or await OrganizationEditing(ctx.writer).retire(actor(ctx), changes)
        return await _organization_payload(ctx, outcome)

    @strawberry.mutation(description="Make an organization a member of a body.", permission_classes=EDITORS)
    async def add_membership(self, info: Info[Context, None], input: Input[MembershipInput]
                             ) -> MembershipPayload | None:
        return await _membership(info.context, input, "add")

    @strawberry.mutation(description="Correct a membership (role, dates, note), from the version read.",
                         permission_classes=EDITORS)
    async def update_membership(self, info: Info[Context, None], input: Input[MembershipInput]
                                ) -> MembershipPayload | None:
        return await _membership(info.context, input, "update")

    @strawberry.mutation(description="End a membership on a date (`until`, required), from the version read.",
                         permission_classes=EDITORS)
    async def end_membership(self, info: Info[Context, None], input: Input[MembershipInput]
                             ) -> MembershipPayload | None:
        return await _membership(info.context, input, "end")


async def _membership(ctx: Context, input: MembershipInput, action: str) -> MembershipPayload:
    decoded = Decoded()
    member = decoded.id(input.member, "input.member", "Organization")
    body = decoded.id(input.body, "input.body", "Organization")
    request = edit_request(decoded, input)
    changes = MembershipChanges(member=member or "", body=body or "", fields=given(input, MEMBERSHIP_INPUT_FIELDS),
                                edit=request)
    editing = MembershipEditing(ctx.writer, ctx.reader)
    outcome = _failed(decoded)
    if outcome is None:
        who = actor(ctx)
        if action == "add":
            outcome = await editing.add(who, changes)
        elif action == "update":
            outcome = await editing.update(who, changes)
        else:
            outcome = await editing.end(who, changes)
    return await _membership_payload(ctx, editing, outcome)
