"""Query.organization and Query.organizations, and Territory.organizations."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from graphdir.api.connections import After, Before, First, Last
from graphdir.api.context import Context
from graphdir.api.ids import decode
from graphdir.api.organizations.connections import OrganizationConnection, organization_edge
from graphdir.api.organizations.enums import OrganizationOrder
from graphdir.api.organizations.filters import criteria_from
from graphdir.api.organizations.inputs import OrganizationFilter
from graphdir.api.organizations.loaders import InTerritory, Organizations, organization_order
from graphdir.api.organizations.prefetch import start_relationships
from graphdir.api.organizations.types import Organization
from graphdir.api.relay import page_request, selects
from graphdir.domain.common.errors import InvalidArgument
from graphdir.domain.organizations.service import OrganizationService


async def organizations_in_territory(ctx: Context, territory_id: str, filter: OrganizationFilter | None,
                                     order_by: OrganizationOrder | None, first: int | None,
                                     after: str | None) -> OrganizationConnection:
    order = (order_by or OrganizationOrder.NAME).value
    key = InTerritory.key(await criteria_from(ctx, filter), order, first, after)
    page = await InTerritory.of(ctx).load(territory_id, key)
    return OrganizationConnection.of(page, organization_order(order), organization_edge)


@strawberry.type
class OrganizationQuery:
    @strawberry.field(description="One organization, by exactly one of its global id, SIREN or slug; null if none.")
    async def organization(
        self, info: Info[Context, None],
        id: Annotated[strawberry.ID | None, strawberry.argument(description="Its global id.")] = None,
        siren: Annotated[str | None, strawberry.argument(description="Its SIREN number.")] = None,
        slug: Annotated[str | None, strawberry.argument(description="Its slug (e.g. cres-auvergne).")] = None,
    ) -> Organization | None:
        given = [name for name, value in (("id", id), ("siren", siren), ("slug", slug)) if value is not None]
        if len(given) != 1:
            raise InvalidArgument(given[1] if given else "id", "give exactly one of id, siren, slug")
        ctx = info.context
        if id is not None:
            _, graph_id = decode(id, "id", {"Organization"})
            start_relationships(info, graph_id)
            return Organization.maybe(await Organizations.of(ctx).get(graph_id))
        service = OrganizationService(ctx.reader)
        if siren is not None:
            return Organization.maybe(await service.by_siren(siren))
        assert slug is not None
        return Organization.maybe(await service.by_slug(slug))

    @strawberry.field(description="Organizations meeting the filter, in the order asked (default: by name).")
    async def organizations(
        self, info: Info[Context, None],
        filter: Annotated[OrganizationFilter | None, strawberry.argument(description="Criteria.")] = None,
        order_by: Annotated[OrganizationOrder | None, strawberry.argument(description="Order (default NAME).")]
        = None,
        first: First = None, after: After = None, last: Last = None, before: Before = None,
    ) -> OrganizationConnection:
        ctx = info.context
        order = (order_by or OrganizationOrder.NAME).value
        request = page_request(first, after, last=last, before=before, order=organization_order(order), arity=2)
        criteria = await criteria_from(ctx, filter)
        service = OrganizationService(ctx.reader)
        if selects(info, "totalCount"):
            counted = await service.page_with_total(criteria, order, request)
            if counted is not None:
                return OrganizationConnection.of(counted, organization_order(order), organization_edge)
        page = await service.page(criteria, order, request)

        async def count() -> int:
            return await service.count(criteria)

        return OrganizationConnection.of(page, organization_order(order), organization_edge, count)
