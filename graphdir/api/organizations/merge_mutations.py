"""mergeOrganizations (editors, inside their territories: both organizations must be) and deleteOrganization (admins
only). Merging keeps everything (graphdir.domain.organizations.merging); deleting leaves a tombstone
(graphdir.domain.organizations.deletion)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from graphdir.api.context import Context
from graphdir.api.editing import (
    IDEMPOTENCY_HELP,
    VERSION_HELP,
    Decoded,
    SourceInput,
    UserError,
    actor,
    edit_request,
    graph_id_or_none,
)
from graphdir.api.ids import encode
from graphdir.api.organizations.mutations import EDITORS, Input, OrganizationPayload, _failed, _organization_payload
from graphdir.api.permissions import IsAdmin
from graphdir.domain.organizations.deletion import OrganizationDeletion
from graphdir.domain.organizations.merging import MergeRequest, OrganizationMerging


@strawberry.input(description="Two records of one organization: `merged` goes into `survivor`, which keeps "
                  "everything of both (identifiers, relationships, sources, history); the merged id then finds the "
                  "survivor.")
class MergeOrganizationsInput:
    survivor: strawberry.ID = strawberry.field(description="The global id of the organization that remains.")
    survivor_version: int = strawberry.field(description="The survivor's version read. " + VERSION_HELP)
    merged: strawberry.ID = strawberry.field(description="The global id of the organization merged into it.")
    merged_version: int = strawberry.field(description="The merged one's version read. " + VERSION_HELP)
    source: SourceInput | None = strawberry.field(default=None, description="The source stating they are one "
                                                  "(required).")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY_HELP)

    def scope_targets(self) -> tuple[list[str], list[str]]:
        ids = [graph_id_or_none(value, "Organization") for value in (self.survivor, self.merged)]
        return [graph_id for graph_id in ids if graph_id], []


@strawberry.input(description="An organization to delete (admins only): it goes with its relationships; a tombstone "
                  "keeps its id and name for its history.")
class DeleteOrganizationInput:
    id: strawberry.ID = strawberry.field(description="The organization's global id.")
    version: int = strawberry.field(description=VERSION_HELP)
    source: SourceInput | None = strawberry.field(default=None, description="The source saying why (required).")
    idempotency_key: str | None = strawberry.field(default=None, description=IDEMPOTENCY_HELP)


@strawberry.type(description="What deleteOrganization did.")
class DeleteOrganizationPayload:
    deleted_id: strawberry.ID | None = strawberry.field(description="The global id of the deleted organization "
                                                        "(it now answers null).")
    user_errors: list[UserError] = strawberry.field(description="Empty when it was deleted.")
    replayed: bool = strawberry.field(description="True when the idempotency key had been used by this same edit.")


@strawberry.type
class OrganizationMergeMutation:
    @strawberry.mutation(description="Merge an organization into another: one remains, with every identifier, "
                         "relationship, source and change of both; the merge is in its history.",
                         permission_classes=EDITORS)
    async def merge_organizations(self, info: Info[Context, None], input: Input[MergeOrganizationsInput]
                                  ) -> OrganizationPayload | None:
        ctx, decoded = info.context, Decoded()
        survivor = decoded.id(input.survivor, "input.survivor", "Organization")
        merged = decoded.id(input.merged, "input.merged", "Organization")
        edit = edit_request(decoded, input)
        request = MergeRequest(survivor=survivor or "", merged=merged or "", survivor_version=input.survivor_version,
                               merged_version=input.merged_version, edit=edit)
        outcome = _failed(decoded) or await OrganizationMerging(ctx.writer).merge(actor(ctx), request)
        return await _organization_payload(ctx, outcome)

    @strawberry.mutation(description="Delete an organization (admins only; retireOrganization keeps it): its "
                         "relationships go, its id answers null, the deletion is in the changes feed.",
                         permission_classes=[IsAdmin])
    async def delete_organization(self, info: Info[Context, None], input: Input[DeleteOrganizationInput]
                                  ) -> DeleteOrganizationPayload | None:
        ctx, decoded = info.context, Decoded()
        graph_id = decoded.id(input.id, "input.id", "Organization")
        edit = edit_request(decoded, input)
        outcome = _failed(decoded) or await OrganizationDeletion(ctx.writer).delete(actor(ctx), graph_id or "", edit)
        ctx.written()
        deleted = outcome.ids.get("deleted")
        return DeleteOrganizationPayload(deleted_id=strawberry.ID(encode("Organization", deleted)) if deleted else None,
                                         user_errors=[UserError.of(e) for e in outcome.errors],
                                         replayed=outcome.replayed)
