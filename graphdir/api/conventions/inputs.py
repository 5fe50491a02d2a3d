"""Input types of the conventions domain."""

from __future__ import annotations

import datetime as dt

import strawberry

from graphdir.api.territories.enums import TerritoryLevel


@strawberry.input(description="Which conventions to list; criteria combine with AND, an absent one keeps all.")
class ConventionFilter:
    party_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only conventions this organization (global id) is party to."
    )
    territory_code: str | None = strawberry.field(
        default=None, description="Only conventions signed in this territory (or inside it), or with a party "
        "located in or covering it."
    )
    territory_level: TerritoryLevel | None = strawberry.field(
        default=None, description="The level of territoryCode, needed when the code exists at several levels."
    )
    signed_from: dt.date | None = strawberry.field(
        default=None, description="Only conventions possibly signed on or after that day (a partial date counts "
        "when it may fall in the range)."
    )
    signed_to: dt.date | None = strawberry.field(
        default=None, description="Only conventions possibly signed on or before that day."
    )
    in_force_on: dt.date | None = strawberry.field(
        default=None, description="Only conventions signed (not just planned) and applying on that day."
    )
