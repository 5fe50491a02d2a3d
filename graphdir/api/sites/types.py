"""The Site type: an establishment (SIRET) of an organization."""

from __future__ import annotations

import strawberry

from graphdir.api.common import GeoPoint, partial
from graphdir.api.scalars import PartialDate
from graphdir.api.territories.types import Territory
from graphdir.domain.sites.records import SiteRecord


@strawberry.type(description="An establishment of an organization (a SIRET of its SIREN): where it works.")
class Site:
    siret: str = strawberry.field(description="SIRET number (14 digits: the SIREN and a 5-digit NIC).")
    name: str | None = strawberry.field(description="Its sign or usual name, when it has one of its own.")
    head_office: bool = strawberry.field(description="True for its legal unit's registered office (siège).")
    address: str | None = strawberry.field(description="Its postal address.")
    commune: Territory | None = strawberry.field(description="The commune it is located in.")
    location: GeoPoint | None = strawberry.field(
        description="Where it is: its SIRENE coordinates, or `approximate` when this is its commune's centre.")
    created_on: PartialDate | None = strawberry.field(description="When it opened, if known.")
    ceased: bool = strawberry.field(description="True when it has closed (it stays in the directory).")
    ceased_on: PartialDate | None = strawberry.field(description="When it closed, if known.")

    @classmethod
    def from_record(cls, record: SiteRecord) -> Site:
        return cls(siret=record.siret, name=record.name, head_office=record.head_office, address=record.address,
                   commune=Territory.maybe(record.commune), location=GeoPoint.of(record.location),
                   created_on=partial(record.created_on), ceased=record.ceased, ceased_on=partial(record.ceased_on))

    @classmethod
    def maybe(cls, record: SiteRecord | None) -> Site | None:
        return cls.from_record(record) if record is not None else None
