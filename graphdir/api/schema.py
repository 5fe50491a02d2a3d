"""The root Query composed from the domains, and the schema with its limits, caches and error policy.

Each domain contributes a mixin (`OrganizationQuery`, `TerritoryQuery`, …); adding a domain is adding a base to Query.
"""

from __future__ import annotations

import strawberry
from strawberry.schema.config import StrawberryConfig

# Types only reachable through the Node interface must be listed for the schema to know them.
from graphdir.api.common import Source  # noqa: E402
from graphdir.api.conventions.queries import ConventionQuery
from graphdir.api.events.queries import EventQuery
from graphdir.api.extensions import GraphdirSchema, schema_extensions
from graphdir.api.facts.types import Figure, Statement  # noqa: E402
from graphdir.api.network.queries import NetworkQuery
from graphdir.api.node import NodeQuery
from graphdir.api.organizations.queries import OrganizationQuery
from graphdir.api.partners.queries import PartnersQuery
from graphdir.api.people.queries import PersonQuery
from graphdir.api.scalars import SCALAR_MAP
from graphdir.api.search.queries import SearchQuery
from graphdir.api.system.queries import SystemQuery
from graphdir.api.territories.queries import TerritoryQuery


@strawberry.type(description="The entry points of the directory.")
class Query(NodeQuery, OrganizationQuery, TerritoryQuery, ConventionQuery, PersonQuery, EventQuery, SearchQuery,
            NetworkQuery, PartnersQuery, SystemQuery):
    pass


schema = GraphdirSchema(
    query=Query,
    types=[Source, Figure, Statement],
    extensions=schema_extensions(),
    config=StrawberryConfig(scalar_map=SCALAR_MAP),
)
