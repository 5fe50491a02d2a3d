"""Records of establishments (SITE_MAP)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphdir.domain.common.records import Location
from graphdir.domain.territories.records import TerritoryRecord


@dataclass(frozen=True, slots=True)
class SiteRecord:
    siret: str
    name: str | None
    head_office: bool
    address: str | None
    created_on: str | None
    ceased: bool
    ceased_on: str | None
    location: Location | None
    commune: TerritoryRecord | None

    @staticmethod
    def of(row: dict[str, Any]) -> SiteRecord:
        commune = row.get("commune")
        return SiteRecord(
            siret=row["siret"], name=row.get("name"), head_office=bool(row.get("headOffice")),
            address=row.get("address"), created_on=row.get("createdOn"),
            ceased=bool(row.get("ceased")) or row.get("ceasedOn") is not None, ceased_on=row.get("ceasedOn"),
            location=Location.of(row), commune=TerritoryRecord.of(commune) if commune is not None else None)
