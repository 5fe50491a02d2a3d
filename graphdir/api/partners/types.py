"""GraphQL types of partners nearby."""

from __future__ import annotations

import strawberry

from graphdir.api.connections import Connection, Edge
from graphdir.api.organizations.types import Organization
from graphdir.api.sites.types import Site
from graphdir.api.territories.enums import TerritoryLevel
from graphdir.domain.partners.records import COUNT_CAP, NearHit

# The cursor ordering of partnersNear: keys (distance in metres, sortName, id).
NEAR_ORDER = "partner:NEAR"


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
class PartnerEdge(Edge[Organization]):
    node: Organization = strawberry.field(description="The organization.")
    distance_km: float = strawberry.field(
        description="Great-circle distance from the origin to its nearest place (its own location or a site), in km.")
    approximate: bool = strawberry.field(
        description="True when the organization is located only by its commune's centre, so the distance is "
        "approximate.")
    shared_territories: list[SharedTerritory] = strawberry.field(
        description="The commune, EPCI, pays, département or région it shares with the origin (today), from where it "
        "was found.")
    site: Site | None = strawberry.field(
        description="The establishment it was found at, its nearest to the origin (null: at its own location).")

    @classmethod
    def of(cls, cursor: str, hit: NearHit) -> PartnerEdge:
        return cls(cursor=cursor, node=Organization.from_record(hit.organization),
                   distance_km=round(hit.distance_km, 3), approximate=hit.approximate, site=Site.maybe(hit.site),
                   shared_territories=[SharedTerritory(code=t.code, name=t.name, level=TerritoryLevel(t.level))
                                       for t in hit.shared_territories])


@strawberry.type(description="Organizations within a radius, nearest first (then by name).")
class PartnerConnection(Connection[PartnerEdge]):
    origin_commune_code: str | None = strawberry.field(
        default=None, description="The commune of the origin (for a point: the commune whose centre is nearest).")

    @strawberry.field(description=f"How many edges the whole list holds, counted up to {COUNT_CAP:,}: a longer "
                      f"list says {COUNT_CAP:,}, and totalCountIsExact false.")
    async def total_count(self) -> int:
        return min(await self.counted(), COUNT_CAP)

    @strawberry.field(description=f"False when the list holds more than totalCount ({COUNT_CAP:,}, where counting "
                      "stops: a city's radius may hold a hundred thousand organizations).")
    async def total_count_is_exact(self) -> bool:
        return await self.counted() <= COUNT_CAP


@strawberry.type(description="An organization suggested as a partner, with why.")
class SuggestedPartner:
    organization: Organization = strawberry.field(description="The suggested organization.")
    score: float = strawberry.field(
        description="Higher is better: 2 per shared network, 1 for a complementary family, up to 1 for nearness.")
    distance_km: float = strawberry.field(description="Distance in km.")
    approximate: bool = strawberry.field(description="True when located only by its commune's centre.")
    reasons: list[str] = strawberry.field(description="Why it was suggested, most telling first.")
