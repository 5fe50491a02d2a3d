"""GraphQL types of partners nearby."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry

from graphdir.api.organizations.types import Organization
from graphdir.api.relay import PageInfo, total_of
from graphdir.api.territories.enums import TerritoryLevel


@strawberry.input(description="A point on the WGS-84 globe.")
class PointInput:
    latitude: float = strawberry.field(description="Latitude in degrees, -90 to 90.")
    longitude: float = strawberry.field(description="Longitude in degrees, -180 to 180.")


@strawberry.input(description="Where to search from: exactly one of a commune, a point or an organization.")
class NearInput:
    commune_code: str | None = strawberry.field(default=None, description="A commune's INSEE code (e.g. 03095).")
    point: PointInput | None = strawberry.field(default=None, description="A point.")
    organization_id: strawberry.ID | None = strawberry.field(
        default=None, description="An organization (global id): its location; it is left out of the results.")


@strawberry.type(description="A territory a partner shares with the origin of the search.")
class SharedTerritory:
    code: str = strawberry.field(description="Its code (INSEE for communes, départements, régions; SIREN for EPCI).")
    name: str = strawberry.field(description="Its name.")
    level: TerritoryLevel = strawberry.field(description="Its level.")


@strawberry.type(description="An organization near the origin.")
class PartnerEdge:
    cursor: str = strawberry.field(description="Cursor of this edge, for `after`.")
    node: Organization = strawberry.field(description="The organization.")
    distance_km: float = strawberry.field(description="Great-circle distance from the origin, in km.")
    approximate: bool = strawberry.field(
        description="True when the organization is located only by its commune's centre, so the distance is "
        "approximate.")
    shared_territories: list[SharedTerritory] = strawberry.field(
        description="The commune, EPCI, pays, département or région it shares with the origin (today).")


@strawberry.type(description="Organizations within a radius, nearest first (then by name).")
class PartnerConnection:
    edges: list[PartnerEdge] = strawberry.field(description="The edges of this page.")
    page_info: PageInfo = strawberry.field(description="Where this page stands.")
    origin_commune_code: str | None = strawberry.field(
        description="The commune of the origin (for a point: the commune whose centre is nearest).")
    total: strawberry.Private[int | None]
    count: strawberry.Private[Callable[[], Awaitable[int]] | None]

    @strawberry.field(description="How many organizations are within the radius (one more query).")
    async def total_count(self) -> int:
        return await total_of(self)


@strawberry.type(description="An organization suggested as a partner, with why.")
class SuggestedPartner:
    organization: Organization = strawberry.field(description="The suggested organization.")
    score: float = strawberry.field(
        description="Higher is better: 2 per shared network, 1 for a complementary family, up to 1 for nearness.")
    distance_km: float = strawberry.field(description="Distance in km.")
    approximate: bool = strawberry.field(description="True when located only by its commune's centre.")
    reasons: list[str] = strawberry.field(description="Why it was suggested, most telling first.")
