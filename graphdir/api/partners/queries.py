"""partnersNear, partnersIn and suggestedPartners: what a territorial agent asks."""

from __future__ import annotations

import asyncio
from typing import Annotated

import strawberry
from strawberry.types import Info

from graphdir.api.context import Context
from graphdir.api.ids import decode
from graphdir.api.node import load_node
from graphdir.api.organizations.connections import OrganizationConnection
from graphdir.api.organizations.enums import OrganizationOrder
from graphdir.api.organizations.filters import criteria_from
from graphdir.api.organizations.inputs import OrganizationFilter
from graphdir.api.organizations.queries import organizations_in_territory
from graphdir.api.organizations.types import Organization
from graphdir.api.partners.types import NearInput, PartnerConnection, PartnerEdge, SharedTerritory, SuggestedPartner
from graphdir.api.relay import PageInfo
from graphdir.api.territories.enums import TerritoryLevel, level_value
from graphdir.domain.common.errors import InvalidArgument
from graphdir.domain.organizations.filters import where
from graphdir.domain.partners.repository import PartnersRepository
from graphdir.domain.partners.service import Origin, PartnersService
from graphdir.domain.territories.service import TerritoryService


def _service(ctx: Context) -> PartnersService:
    return PartnersService(PartnersRepository(ctx.reader))


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
        first: Annotated[int, strawberry.argument(description="Page size (default 20, at most 100).")] = 20,
        after: Annotated[str | None, strawberry.argument(description="Cursor of the previous page's last edge.")]
        = None,
    ) -> PartnerConnection:
        ctx = info.context
        criteria = await criteria_from(ctx, filter)
        fragment, params = where(criteria)
        service = _service(ctx)
        wants_total = any(f.name == "totalCount" for f in info.selected_fields[0].selections
                          if hasattr(f, "name"))
        page = await service.near(_origin(near), radius_km, fragment, params, first, after, wants_total)

        async def count() -> int:
            return await service.count(page.origin, radius_km, fragment, params)

        edges = [PartnerEdge(
            cursor=hit.cursor, node=Organization.from_row(hit.row), distance_km=round(hit.distance_km, 3),
            approximate=hit.approximate,
            shared_territories=[SharedTerritory(code=t.code, name=t.name, level=TerritoryLevel(t.level))
                                for t in hit.shared_territories],
        ) for hit in page.hits]
        return PartnerConnection(
            edges=edges, origin_commune_code=page.origin.commune, total=page.total, count=count,
            page_info=PageInfo(has_next_page=page.has_next, has_previous_page=after is not None,
                               start_cursor=edges[0].cursor if edges else None,
                               end_cursor=edges[-1].cursor if edges else None),
        )

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
        first: Annotated[int | None, strawberry.argument(description="Page size (default 20, at most 100).")] = None,
        after: Annotated[str | None, strawberry.argument(description="Cursor.")] = None,
    ) -> OrganizationConnection:
        ctx = info.context
        territory = await TerritoryService(ctx.reader).by_code(territory_code, level_value(level))
        if territory is None:
            raise InvalidArgument("territoryCode", f"no territory has the code {territory_code!r}")
        return await organizations_in_territory(ctx, territory["id"], filter, order_by, first, after)

    @strawberry.field(description="Nearby organizations ranked for a partnership with this one: shared networks, "
                      "complementary ESS families, nearness; each with the reasons it was suggested.")
    async def suggested_partners(
        self, info: Info[Context, None],
        organization_id: Annotated[strawberry.ID, strawberry.argument(description="The organization (global id).")],
        radius_km: Annotated[float, strawberry.argument(description="Radius in km, in (0, 200].")] = 30.0,
        first: Annotated[int, strawberry.argument(description="How many (at most 100).")] = 10,
    ) -> list[SuggestedPartner]:
        ctx = info.context
        _, graph_id = decode(organization_id, "organizationId", {"Organization"})
        suggestions = await _service(ctx).suggest(graph_id, radius_km, first)
        nodes = await _organizations(ctx, [s.organization_id for s in suggestions])
        by_id = {node.graph_id: node for node in nodes}
        return [SuggestedPartner(organization=by_id[s.organization_id], score=round(s.score, 4),
                                 distance_km=round(s.distance_km, 3), approximate=s.approximate, reasons=s.reasons)
                for s in suggestions if s.organization_id in by_id]
