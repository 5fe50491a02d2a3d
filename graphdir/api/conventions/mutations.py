"""createConvention, updateConvention, endConvention, addConventionParty, removeConventionParty (Relay style: one
`input`, a payload with the convention and `userErrors`)."""

from __future__ import annotations

from typing import Annotated, TypeVar

import strawberry
from strawberry.types import Info

from graphdir.api.context import Context
from graphdir.api.conventions.loaders import Conventions
from graphdir.api.conventions.mutation_inputs import (
    CONVENTION_INPUT_FIELDS,
    ConventionPartyInput,
    CreateConventionInput,
    EndConventionInput,
    UpdateConventionInput,
)
from graphdir.api.conventions.types import Convention
from graphdir.api.edit_payloads import EditPayload, edited, user_errors
from graphdir.api.edit_scope import InEditorScope
from graphdir.api.editing import Decoded, actor, edit_request, given
from graphdir.api.permissions import IsEditor
from graphdir.domain.conventions.editing import CONVENTION, ConventionChanges, ConventionEditing, PartyChange
from graphdir.domain.editing.records import Outcome

EDITORS = [IsEditor, InEditorScope]
T = TypeVar("T")
Input = Annotated[T, strawberry.argument(description="What to change, and the source stating it.")]


@strawberry.type(description="What a convention mutation did: the convention as it is now (on CONFLICT, as another "
                 "edit left it) and what the input got wrong.")
class ConventionPayload(EditPayload):
    convention: Convention | None = strawberry.field(description="The convention.")


async def _payload(ctx: Context, outcome: Outcome) -> ConventionPayload:
    graph_id = outcome.ids.get(CONVENTION.section)
    record = await Conventions.of(ctx).get(graph_id) if graph_id else None
    return ConventionPayload(convention=Convention.maybe(record), user_errors=user_errors(outcome),
                             replayed=outcome.replayed)


def _party(decoded: Decoded, input: ConventionPartyInput) -> PartyChange:
    return PartyChange(convention=decoded.id(input.convention, "input.convention", "Convention") or "",
                       organization=decoded.id(input.organization, "input.organization", "Organization") or "",
                       role=input.role,
                       edit=edit_request(decoded, input))


@strawberry.type
class ConventionMutation:
    @strawberry.mutation(description="Record a convention with its parties and objectives, and the source stating "
                         "it.", permission_classes=EDITORS)
    async def create_convention(self, info: Info[Context, None], input: Input[CreateConventionInput]
                                ) -> ConventionPayload | None:
        ctx, decoded = info.context, Decoded()
        fields = given(input, CONVENTION_INPUT_FIELDS)
        fields["parties"] = [{"organization": decoded.id(party.organization, f"input.parties[{index}].organization",
                                                         "Organization"), "role": party.role}
                             for index, party in enumerate(input.parties)]
        new = ConventionChanges(id=None, fields=fields, edit=edit_request(decoded, input))
        outcome = await edited(ctx, decoded, lambda: ConventionEditing(ctx.writer).create(actor(ctx), new))
        return await _payload(ctx, outcome)

    @strawberry.mutation(description="Correct a convention: the fields given, from the version read.",
                         permission_classes=EDITORS)
    async def update_convention(self, info: Info[Context, None], input: Input[UpdateConventionInput]
                                ) -> ConventionPayload | None:
        ctx, decoded = info.context, Decoded()
        changes = ConventionChanges(id=decoded.id(input.id, "input.id", "Convention"),
                                    fields=given(input, CONVENTION_INPUT_FIELDS),
                                    edit=edit_request(decoded, input))
        outcome = await edited(ctx, decoded, lambda: ConventionEditing(ctx.writer).update(actor(ctx), changes))
        return await _payload(ctx, outcome)

    @strawberry.mutation(description="End a convention (`validUntil`, required): it stays, with its history.",
                         permission_classes=EDITORS)
    async def end_convention(self, info: Info[Context, None], input: Input[EndConventionInput]
                             ) -> ConventionPayload | None:
        ctx, decoded = info.context, Decoded()
        changes = ConventionChanges(id=decoded.id(input.id, "input.id", "Convention"),
                                    fields={"validUntil": input.valid_until},
                                    edit=edit_request(decoded, input))
        outcome = await edited(ctx, decoded, lambda: ConventionEditing(ctx.writer).end(actor(ctx), changes))
        return await _payload(ctx, outcome)

    @strawberry.mutation(description="Add a party to a convention, with the source stating it.",
                         permission_classes=EDITORS)
    async def add_convention_party(self, info: Info[Context, None], input: Input[ConventionPartyInput]
                                   ) -> ConventionPayload | None:
        ctx, decoded = info.context, Decoded()
        party = _party(decoded, input)
        outcome = await edited(ctx, decoded, lambda: ConventionEditing(ctx.writer).add_party(actor(ctx), party))
        return await _payload(ctx, outcome)

    @strawberry.mutation(description="Remove a party from a convention (a correction), with the source stating it.",
                         permission_classes=EDITORS)
    async def remove_convention_party(self, info: Info[Context, None], input: Input[ConventionPartyInput]
                                      ) -> ConventionPayload | None:
        ctx, decoded = info.context, Decoded()
        party = _party(decoded, input)
        outcome = await edited(ctx, decoded, lambda: ConventionEditing(ctx.writer).remove_party(actor(ctx), party))
        return await _payload(ctx, outcome)
