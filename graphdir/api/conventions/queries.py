"""Query.convention and Query.conventions."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from graphdir.api.connections import After, Before, First, Last
from graphdir.api.context import Context
from graphdir.api.conventions.inputs import ConventionFilter
from graphdir.api.conventions.loaders import CONVENTION_ORDER, Conventions
from graphdir.api.conventions.types import Convention, ConventionConnection, convention_edge
from graphdir.api.ids import decode
from graphdir.api.relay import page_request
from graphdir.api.territories.enums import level_value
from graphdir.domain.conventions.filters import ConventionCriteria
from graphdir.domain.conventions.service import ConventionService


async def _criteria(service: ConventionService, filter: ConventionFilter | None) -> ConventionCriteria:
    if filter is None:
        return ConventionCriteria()
    party = decode(filter.party_id, "filter.partyId", {"Organization"})[1] if filter.party_id is not None else None
    return await service.criteria(
        party_id=party, territory_code=filter.territory_code,
        territory_level=level_value(filter.territory_level), signed_from=filter.signed_from,
        signed_to=filter.signed_to, in_force_on=filter.in_force_on,
    )


@strawberry.type
class ConventionQuery:
    @strawberry.field(description="One convention by global id; null if none.")
    async def convention(
        self, info: Info[Context, None],
        id: Annotated[strawberry.ID, strawberry.argument(description="Its global id.")],
    ) -> Convention | None:
        _, graph_id = decode(id, "id", {"Convention"})
        return Convention.maybe(await Conventions.of(info.context).get(graph_id))

    @strawberry.field(description="Conventions meeting the filter, latest signed first (undated ones last).")
    async def conventions(
        self, info: Info[Context, None],
        filter: Annotated[ConventionFilter | None, strawberry.argument(description="Criteria.")] = None,
        first: First = None, after: After = None, last: Last = None, before: Before = None,
    ) -> ConventionConnection:
        request = page_request(first, after, last=last, before=before, order=CONVENTION_ORDER, arity=2)
        service = ConventionService(info.context.reader)
        criteria = await _criteria(service, filter)
        page = await service.page(criteria, request)

        async def count() -> int:
            return await service.count(criteria)

        return ConventionConnection.of(page, CONVENTION_ORDER, convention_edge, count)
