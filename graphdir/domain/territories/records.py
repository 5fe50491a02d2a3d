"""Records of the territories domain: territories (TERRITORY_MAP) and organizations' coverage of them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphdir.domain.common.records import Location


@dataclass(frozen=True, slots=True)
class TerritoryRecord:
    id: str
    code: str
    name: str
    level: str
    population: int | None
    postal_codes: list[str]
    location: Location | None
    valid_from: str | None
    valid_until: str | None

    @staticmethod
    def of(row: dict[str, Any]) -> TerritoryRecord:
        """From TERRITORY_MAP."""
        return TerritoryRecord(
            id=row["id"], code=row["code"], name=row["name"], level=row["level"], population=row.get("population"),
            postal_codes=row.get("postalCodes") or [], location=Location.of(row), valid_from=row.get("validFrom"),
            valid_until=row.get("validUntil"),
        )


@dataclass(frozen=True, slots=True)
class CoverageRecord:
    """A territory an organization covers, with the dates of the coverage."""

    territory: TerritoryRecord
    since: str | None
    until: str | None

    @staticmethod
    def of(row: dict[str, Any]) -> CoverageRecord:
        """From a row {node, since, until}."""
        return CoverageRecord(territory=TerritoryRecord.of(row["node"]), since=row.get("since"),
                              until=row.get("until"))
