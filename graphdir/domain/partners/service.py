"""Partners nearby: organizations within a radius of a commune, a point or an organization, nearest first.

Each hit says how far it is, whether its position is only its commune's centre (approximate), and which territories it
shares with the origin. Pages are keyset pages on (distance, sortName, id).
"""

from __future__ import annotations

import math
from typing import Any

from graphdir.db.reader import Reader
from graphdir.domain.common.errors import InvalidArgument
from graphdir.domain.common.paging import Page, PageRequest
from graphdir.domain.organizations.filters import OrganizationCriteria, where
from graphdir.domain.organizations.records import OrganizationRecord
from graphdir.domain.partners.records import NearHit, NearPage, Origin, ResolvedOrigin, Suggestion, TerritoryRef
from graphdir.domain.partners.repository import PartnersRepository
from graphdir.domain.sites.records import SiteRecord

MAX_RADIUS_KM = 200.0


def check_radius(radius_km: float, argument: str = "radiusKm") -> float:
    if not math.isfinite(radius_km) or radius_km <= 0 or radius_km > MAX_RADIUS_KM:
        raise InvalidArgument(argument, f"must be in (0, {MAX_RADIUS_KM:g}] km, got {radius_km}")
    return radius_km


def check_origin(origin: Origin) -> None:
    given = [origin.commune_code is not None, origin.latitude is not None or origin.longitude is not None,
             origin.organization_id is not None]
    if sum(given) != 1:
        raise InvalidArgument("near", "give exactly one of communeCode, point or organizationId")
    if given[1]:
        lat, lon = origin.latitude, origin.longitude
        if lat is None or not math.isfinite(lat) or not -90 <= lat <= 90:
            raise InvalidArgument("near.point.latitude", f"must be a number in [-90, 90], got {lat}")
        if lon is None or not math.isfinite(lon) or not -180 <= lon <= 180:
            raise InvalidArgument("near.point.longitude", f"must be a number in [-180, 180], got {lon}")


class PartnersService:
    def __init__(self, reader: Reader) -> None:
        self.repository = PartnersRepository(reader)

    async def resolve(self, origin: Origin, organization_argument: str = "near.organizationId") -> ResolvedOrigin:
        check_origin(origin)
        if origin.commune_code is not None:
            row = await self.repository.commune_origin(origin.commune_code)
            if row is None:
                raise InvalidArgument("near.communeCode", f"no commune has the code {origin.commune_code!r}")
            exclude: list[str] = []
        elif origin.organization_id is not None:
            row = await self.repository.organization_origin(origin.organization_id)
            if row is None:
                raise InvalidArgument(organization_argument, "no organization has this id")
            if row["location"] is None:
                raise InvalidArgument(organization_argument, "this organization has no known location")
            exclude = [origin.organization_id]
        else:
            assert origin.latitude is not None and origin.longitude is not None
            row = await self.repository.point_origin(origin.latitude, origin.longitude)
            exclude = []
        assert row is not None
        return ResolvedOrigin(point=row["location"], commune=row["commune"], territory_ids=row["territoryIds"],
                              exclude=exclude)

    async def near(self, origin: Origin, radius_km: float, criteria: OrganizationCriteria, request: PageRequest,
                   with_total: bool = False) -> NearPage:
        """One page of organizations near the origin: two round trips (the origin, then the page and its total)."""
        check_radius(radius_km)
        fragment, params = where(criteria)
        resolved = await self.resolve(origin)
        after = None
        if request.key is not None:
            distance, sort_name, organization_id = request.key
            after = {"distance": float(distance), "sortName": sort_name, "id": organization_id}
        row = await self.repository.near(resolved.point, radius_km * 1000.0, resolved.exclude, fragment, params,
                                         after, request.size + 1, resolved.territory_ids, with_total)
        found = row["hits"]
        kept = found[: request.size]
        page = Page(rows=[NearHit(
            organization_id=hit["id"], distance_km=hit["distance"] / 1000.0, approximate=hit["approximate"],
            shared_territories=[TerritoryRef(**t) for t in hit["shared"]],
            organization=OrganizationRecord.of(hit["node"]),
            site=SiteRecord.of(hit["site"]) if hit["site"] is not None else None,
        ) for hit in kept], keys=[(hit["distance"], hit["sortName"], hit["id"]) for hit in kept],
            has_next=len(found) > request.size, has_previous=request.key is not None, total=row["total"])
        return NearPage(page=page, origin=resolved)

    async def count(self, origin: ResolvedOrigin, radius_km: float, criteria: OrganizationCriteria) -> int:
        """How many organizations are within the radius of an origin resolved by `near`."""
        fragment, params = where(criteria)
        return await self.repository.near_count(origin.point, radius_km * 1000.0, origin.exclude, fragment, params)

    async def suggest(self, organization_id: str, radius_km: float, first: int) -> list[Suggestion]:
        """The `first` best suggestions (a size checked by the caller, graphdir.domain.common.paging)."""
        check_radius(radius_km)
        resolved = await self.resolve(Origin(organization_id=organization_id), "organizationId")
        rows = await self.repository.suggestions(organization_id, resolved.point, radius_km * 1000.0, first)
        return [Suggestion(organization_id=row["id"], distance_km=row["distance"] / 1000.0, score=row["score"],
                           approximate=row["approximate"], reasons=_reasons(row)) for row in rows]


def _reasons(row: dict[str, Any]) -> list[str]:
    reasons = [f"member of the same network: {network['name']}" for network in row["sharedNetworks"]]
    if row["complementary"]:
        reasons.append(f"complementary family: {row['family'].lower()} (yours: {row['myFamily'].lower()})")
    reasons.append(f"{row['distance'] / 1000.0:.1f} km away")
    return reasons
