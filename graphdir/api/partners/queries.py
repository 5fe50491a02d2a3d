"""partnersNear, partnersIn and suggestedPartners: what a territorial agent asks."""

from __future__ import annotations

import asyncio
from typing import Annotated

import strawberry
from strawberry.types import Info

from graphdir.api.connections import After, First
from graphdir.api.context import Context
from graphdir.api.ids import decode
from graphdir.api.node import load_node
from graphdir.api.organizations.connections import OrganizationConnection
from graphdir.api.organizations.enums import OrganizationOrder
from graphdir.api.organizations.filters import criteria_from
from graphdir.api.organizations.inputs import OrganizationFilter
from graphdir.api.organizations.queries import organizations_in_territory
from graphdir.api.organizations.types import Organization
from graphdir.api.partners.types import NEAR_ORDER, NearInput, PartnerConnection, PartnerEdge, SuggestedPartner
from graphdir.api.relay import page_request, page_size, selects
from graphdir.api.territories.enums import TerritoryLevel, level_value
from graphdir.domain.common.errors import InvalidArgument
from graphdir.domain.partners.records import Origin
from graphdir.domain.partners.service import PartnersService
from graphdir.domain.territories.service import TerritoryService


def _origin(near: NearInput) -> Origin:
    organization_id = None
    if near.organization_id is not None:
        _, organization_id = decode(near.organization_id, "near.organizationId", {"Organization"})
    point = near.point
    return Origin(commune_code=near.commune_code, organization_id=organization_id,
                  latitude=point.latitude if point else None, longitude=point.longitude if point else None)


async def _organizations(ctx: Context, ids: list[str]) -> list[Organization]:
    # Gathered, so the DataLoader batches them into one query.
    found = await asyncio.gather(*(load_node(ctx, "Organization", graph_id) for graph_id in ids))
    return [node for node in found if isinstance(node, Organization)]


@strawberry.type
class PartnersQuery:
    @strawberry.field(description="Organizations within `radiusKm` of a commune, a point or an organization, nearest "
                      "first, each with its distance and the territories it shares with the origin.")
    async def partners_near(
        self, info: Info[Context, None],
        near: Annotated[NearInput, strawberry.argument(description="The origin: exactly one of its fields.")],
        radius_km: Annotated[float, strawberry.argument(description="Radius in km, in (0, 200].")],
        filter: Annotated[OrganizationFilter | None, strawberry.argument(description="Which organizations.")] = None,
        first: First = None, after: After = None,
    ) -> PartnerConnection:
        ctx = info.context
        request = page_request(first, after, order=NEAR_ORDER, arity=3)
        criteria = await criteria_from(ctx, filter)
        service = PartnersService(ctx.reader)
        near_page = await service.near(_origin(near), radius_km, criteria, request, selects(info, "totalCount"))

        async def count() -> int:
            return await service.count(near_page.origin, radius_km, criteria)

        connection = PartnerConnection.of(near_page.page, NEAR_ORDER, PartnerEdge.of, count)
        connection.origin_commune_code = near_page.origin.commune
        return connection

    @strawberry.field(description="Everything inside a territory through the hierarchy (région → départements → "
                      "EPCI → communes; a pays → its communes), by name.")
    async def partners_in(
        self, info: Info[Context, None],
        territory_code: Annotated[str, strawberry.argument(description="The territory's code.")],
        level: Annotated[TerritoryLevel | None, strawberry.argument(
            description="Its level, needed when several levels share the code.")] = None,
        filter: Annotated[OrganizationFilter | None, strawberry.argument(description="Which organizations.")] = None,
        order_by: Annotated[OrganizationOrder | None, strawberry.argument(description="Order (default NAME).")]
        = None,
        first: First = None, after: After = None,
    ) -> OrganizationConnection:
        ctx = info.context
        territory = await TerritoryService(ctx.reader).by_code(territory_code, level_value(level))
        if territory is None:
            raise InvalidArgument("territoryCode", f"no territory has the code {territory_code!r}")
        return await organizations_in_territory(ctx, territory.id, filter, order_by, first, after)

    @strawberry.field(description="Nearby organizations ranked for a partnership with this one: shared networks, "
                      "complementary ESS families, nearness; each with the reasons it was suggested.")
    async def suggested_partners(
        self, info: Info[Context, None],
        organization_id: Annotated[strawberry.ID, strawberry.argument(description="The organization (global id).")],
        radius_km: Annotated[float, strawberry.argument(description="Radius in km, in (0, 200].")] = 30.0,
        first: First = None,
    ) -> list[SuggestedPartner]:
        ctx = info.context
        _, graph_id = decode(organization_id, "organizationId", {"Organization"})
        suggestions = await PartnersService(ctx.reader).suggest(graph_id, radius_km, page_size(first))
        nodes = await _organizations(ctx, [s.organization_id for s in suggestions])
        by_id = {node.graph_id: node for node in nodes}
        return [SuggestedPartner(organization=by_id[s.organization_id], score=round(s.score, 4),
                                 distance_km=round(s.distance_km, 3), approximate=s.approximate, reasons=s.reasons)
                for s in suggestions if s.organization_id in by_id]
