"""Input types of the organizations domain."""

from __future__ import annotations

import datetime as dt

import strawberry

from graphdir.api.organizations.enums import OrganizationFamily, OrganizationKind
from graphdir.api.territories.enums import TerritoryLevel


@strawberry.input(description="Which organizations to list; criteria combine with AND, an absent one keeps all.")
class OrganizationFilter:
    kinds: list[OrganizationKind] | None = strawberry.field(default=None, description="Only these kinds.")
    families: list[OrganizationFamily] | None = strawberry.field(default=None, description="Only these families.")
    territory_code: str | None = strawberry.field(
        default=None,
        description="Only organizations located in or covering this territory or any territory inside it (a région "
        "includes its départements, EPCI and communes). A code that several levels share needs `territoryLevel`.",
    )
    territory_level: TerritoryLevel | None = strawberry.field(
        default=None, description="The level of `territoryCode`, needed when the code exists at several levels."
    )
    member_of: strawberry.ID | None = strawberry.field(
        default=None, description="Only members of this organization (global id)."
    )
    transitive: bool = strawberry.field(
        default=False, description="With memberOf: also members of members, at any depth."
    )
    text: str | None = strawberry.field(
        default=None, description="Words that must all occur in the name, acronym or description (accents, case "
        "and elisions ignored)."
    )
    on: dt.date | None = strawberry.field(
        default=None, description="The day memberships, coverage and territorial links must hold (default: any "
        "time)."
    )
