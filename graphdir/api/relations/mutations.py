"""addRelation, updateRelation, endRelation: the links between organizations besides memberships (FOUNDED,
RECOGNISES, SUPPORTS, FUNDS, INTERLOCUTOR_OF, PARTNER_OF), Relay style."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from graphdir.api.common import Source, partial
from graphdir.api.context import Context
from graphdir.api.edit_payloads import PARTIAL_DATE, EditPayload, edited, user_errors
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
from graphdir.api.organizations.enums import PartnershipKind
from graphdir.api.organizations.loaders import Organizations
from graphdir.api.organizations.types import Organization
from graphdir.api.permissions import InEditorTerritory, IsEditor
from graphdir.api.scalars import PartialDate
from graphdir.domain.editing.edges import EdgeChanges
from graphdir.domain.relations.editing import RELATION_FIELDS, RelationEditing
from graphdir.domain.relations.reading import relation

EDITORS = [IsEditor, InEditorTerritory]
FIELDS = tuple((name, name) for name in RELATION_FIELDS)


@strawberry.input(description="A relation of one organization to another (FOUNDED, RECOGNISES, SUPPORTS, FUNDS, "
                  "INTERLOCUTOR_OF, PARTNER_OF): `from` recognises, supports, funds… `to`.")
class RelationInput:
    type: PartnershipKind = strawberry.field(description="What the link is.")
    from_: strawberry.ID = strawberry.field(name="from", description="The global id of the organization it starts "
                                            "from (the one that recognises, supports, funds…).")
    to: strawberry.ID = strawberry.field(description="The global id of the other organization.")
    version: int | None = strawberry.field(default=None, description=VERSION_HELP + " Not for addRelation.")
    role: str | None = strawberry.field(default=strawberry.UNSET, description="A role the source gives the link.")
    since: str | None = strawberry.field(default=strawberry.UNSET, description="When it began" + PARTIAL_DATE)
    until: str | None = strawberry.field(default=strawberry.UNSET, description="When it ended" + PARTIAL_DATE +
                                         "; required by endRelation.")
    note: str | None = strawberry.field(default=strawberry.UNSET, description="A note on it.")
    source: SourceInput | None = strawberry.field(default=None, description="The source stating it (required).")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY_HELP)

    def scope_targets(self) -> tuple[list[str], list[str]]:
        start = graph_id_or_none(self.from_, "Organization")
        return [start] if start else [], []


@strawberry.type(description="A relation of one organization to another, as it is now.")
class Relation:
    type: PartnershipKind = strawberry.field(description="What the link is.")
    from_: Organization = strawberry.field(name="from", description="The organization it starts from.")
    to: Organization = strawberry.field(description="The other organization.")
    role: str | None = strawberry.field(description="The role the source gives it.")
    since: PartialDate | None = strawberry.field(description="When it began, if known.")
    until: PartialDate | None = strawberry.field(description="When it ended, if it has.")
    source: Source | None = strawberry.field(description="The source stating it, with its excerpt.")
    version: int = strawberry.field(description="Starts at 1, one more at each edit.")


@strawberry.type(description="What a relation mutation did.")
class RelationPayload(EditPayload):
    relation: Relation | None = strawberry.field(description="The relation as it is now.")


async def _relation(ctx: Context, input: RelationInput, action: str) -> RelationPayload:
    decoded = Decoded()
    start = decoded.id(input.from_, "input.from", "Organization") or ""
    end = decoded.id(input.to, "input.to", "Organization") or ""
    changes = EdgeChanges(type=input.type.value, start=start, end=end, keys={}, fields=given(input, FIELDS),
                          edit=edit_request(decoded, input))
    outcome = await edited(ctx, decoded, lambda: RelationEditing(ctx.writer).apply(actor(ctx), action, changes))
    found = None
    if "start" in outcome.ids:
        record = await relation(ctx.reader, changes.type, start, end)
        loader = Organizations.of(ctx)
        ends = await loader.get(start), await loader.get(end)
        if record is not None and ends[0] is not None and ends[1] is not None:
            link = record.link
            found = Relation(type=input.type, from_=Organization.from_record(ends[0]),
                             to=Organization.from_record(ends[1]), role=record.role, since=partial(link.since),
                             until=partial(link.until), source=Source.maybe(link.source, link.excerpt),
                             version=record.version)
    return RelationPayload(relation=found, user_errors=user_errors(outcome), replayed=outcome.replayed)


Input = Annotated[RelationInput, strawberry.argument(description="The relation, and the source stating it.")]


@strawberry.type
class RelationMutation:
    @strawberry.mutation(description="Link two organizations (one founded, recognises, supports, funds, is the "
                         "interlocutor or the partner of the other), with the source stating it.",
                         permission_classes=EDITORS)
    async def add_relation(self, info: Info[Context, None], input: Input) -> RelationPayload | None:
        return await _relation(info.context, input, "add")

    @strawberry.mutation(description="Correct a relation (role, dates, note), from the version read.",
                         permission_classes=EDITORS)
    async def update_relation(self, info: Info[Context, None], input: Input) -> RelationPayload | None:
        return await _relation(info.context, input, "update")

    @strawberry.mutation(description="End a relation on a date (`until`, required), from the version read; it stays "
                         "with its dates.", permission_classes=EDITORS)
    async def end_relation(self, info: Info[Context, None], input: Input) -> RelationPayload | None:
        return await _relation(info.context, input, "end")
