"""addCoveredTerritory, updateCoveredTerritory, endCoveredTerritory: the territories an organization works for or
governs (COVERS), with their dates and the source stating them (Relay style). An organization's commune is set by
updateOrganization (`commune`)."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from graphdir.api.common import partial
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
from graphdir.api.organizations.loaders import Organizations
from graphdir.api.organizations.types import Organization
from graphdir.api.permissions import InEditorTerritory, IsEditor
from graphdir.api.scalars import PartialDate
from graphdir.api.territories.loaders import Territories
from graphdir.api.territories.types import Territory
from graphdir.domain.territories.coverage_editing import COVER_FIELDS, CoverageEditing, CoverChanges, cover

EDITORS = [IsEditor, InEditorTerritory]


@strawberry.input(description="A territory an organization covers (works for, governs), keyed by both.")
class CoverInput:
    organization: strawberry.ID = strawberry.field(description="The organization's global id.")
    territory: str = strawberry.field(description='The territory, as "<level>:<code>" ("region:84", '
                                      '"departement:03", "epci:200071082").')
    version: int | None = strawberry.field(default=None, description=VERSION_HELP + " Not for addCoveredTerritory.")
    since: str | None = strawberry.field(default=strawberry.UNSET, description="Since when" + PARTIAL_DATE)
    until: str | None = strawberry.field(default=strawberry.UNSET, description="Until when" + PARTIAL_DATE +
                                         "; required by endCoveredTerritory.")
    source: SourceInput | None = strawberry.field(default=None, description="The source stating it (required).")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY_HELP)

    def scope_targets(self) -> tuple[list[str], list[str]]:
        organization = graph_id_or_none(self.organization, "Organization")
        return [organization] if organization else [], [self.territory]


@strawberry.type(description="What a covered-territory mutation did: the cover as it is now.")
class CoverPayload(EditPayload):
    organization: Organization | None = strawberry.field(description="The organization.")
    territory: Territory | None = strawberry.field(description="The territory it covers.")
    since: PartialDate | None = strawberry.field(description="Since when, if known.")
    until: PartialDate | None = strawberry.field(description="Until when, if it has stopped.")
    version: int | None = strawberry.field(description="The cover's version: starts at 1, one more at each edit.")


async def _cover(ctx: Context, input: CoverInput, action: str) -> CoverPayload:
    decoded = Decoded()
    organization = decoded.id(input.organization, "input.organization", "Organization") or ""
    changes = CoverChanges(organization=organization, territory=input.territory,
                           fields=given(input, tuple((name, name) for name in COVER_FIELDS)),
                           edit=edit_request(decoded, input))
    outcome = await edited(ctx, decoded, lambda: CoverageEditing(ctx.writer).apply(actor(ctx), action, changes))
    found = await cover(ctx.reader, organization, input.territory) if "organization" in outcome.ids else None
    if found is None:
        return CoverPayload(organization=None, territory=None, since=None, until=None, version=None,
                            user_errors=user_errors(outcome), replayed=outcome.replayed)
    return CoverPayload(organization=Organization.maybe(await Organizations.of(ctx).get(organization)),
                        territory=Territory.maybe(await Territories.of(ctx).get(input.territory)),
                        since=partial(found.since), until=partial(found.until), version=found.version,
                        user_errors=user_errors(outcome), replayed=outcome.replayed)


Input = Annotated[CoverInput, strawberry.argument(description="The cover, and the source stating it.")]


@strawberry.type
class CoverMutation:
    @strawberry.mutation(description="Say that an organization covers a territory, with the source stating it.",
                         permission_classes=EDITORS)
    async def add_covered_territory(self, info: Info[Context, None], input: Input) -> CoverPayload | None:
        return await _cover(info.context, input, "add")

    @strawberry.mutation(description="Correct the dates of a covered territory, from the version read.",
                         permission_classes=EDITORS)
    async def update_covered_territory(self, info: Info[Context, None], input: Input) -> CoverPayload | None:
        return await _cover(info.context, input, "update")

    @strawberry.mutation(description="End a covered territory on a date (`until`, required), from the version read.",
                         permission_classes=EDITORS)
    async def end_covered_territory(self, info: Info[Context, None], input: Input) -> CoverPayload | None:
        return await _cover(info.context, input, "end")
