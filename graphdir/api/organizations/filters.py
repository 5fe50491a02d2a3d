"""GraphQL filter input -> domain criteria, with BAD_USER_INPUT errors naming the faulty field."""

from __future__ import annotations

from graphdir.api.context import Context
from graphdir.api.ids import decode
from graphdir.api.organizations.inputs import OrganizationFilter
from graphdir.api.territories.enums import level_value
from graphdir.domain.organizations.filters import OrganizationCriteria
from graphdir.domain.organizations.service import OrganizationService


async def criteria_from(ctx: Context, filter: OrganizationFilter | None, argument: str = "filter"
                        ) -> OrganizationCriteria:
    if filter is None:
        return OrganizationCriteria()
    member_of = None
    if filter.member_of is not None:
        _, member_of = decode(filter.member_of, f"{argument}.memberOf", {"Organization"})
    return await OrganizationService(ctx.reader).criteria(
        kinds=[kind.value for kind in filter.kinds] if filter.kinds is not None else None,
        families=[family.value for family in filter.families] if filter.families is not None else None,
        territory_code=filter.territory_code, territory_level=level_value(filter.territory_level),
        member_of=member_of, transitive=filter.transitive, text=filter.text, on=filter.on, argument=argument,
    )
