"""The root Query and Mutation composed from the domains, and the schema with its limits, caches and error policy.

Each domain contributes a mixin (`OrganizationQuery`, `TerritoryQuery`, `OrganizationMutation`…); adding a domain is
adding a base to Query or Mutation.
"""

from __future__ import annotations

import strawberry
from strawberry.schema.config import StrawberryConfig

# Types only reachable through the Node interface must be listed for the schema to know them.
from graphdir.api.common import Source  # noqa: E402
from graphdir.api.conventions.mutations import ConventionMutation
from graphdir.api.conventions.queries import ConventionQuery
from graphdir.api.events.queries import EventQuery
from graphdir.api.extensions import GraphdirSchema, schema_extensions
from graphdir.api.facts.mutations import FigureMutation
from graphdir.api.facts.types import Figure, Statement  # noqa: E402
from graphdir.api.history.queries import HistoryQuery
from graphdir.api.network.queries import NetworkQuery
from graphdir.api.node import NodeQuery
from graphdir.api.organizations.merge_mutations import OrganizationMergeMutation
from graphdir.api.organizations.mutations import OrganizationMutation
from graphdir.api.organizations.queries import OrganizationQuery
from graphdir.api.partners.queries import PartnersQuery
from graphdir.api.people.mutations import PersonMutation
from graphdir.api.people.queries import PersonQuery
from graphdir.api.relations.mutations import RelationMutation
from graphdir.api.scalars import SCALAR_MAP
from graphdir.api.search.queries import SearchQuery
from graphdir.api.system.queries import SystemQuery
from graphdir.api.territories.mutations import CoverMutation
from graphdir.api.territories.queries import TerritoryQuery


@strawberry.type(description="The entry points of the directory.")
class Query(NodeQuery, OrganizationQuery, TerritoryQuery, ConventionQuery, PersonQuery, EventQuery, SearchQuery,
            NetworkQuery, PartnersQuery, HistoryQuery, SystemQuery):
    pass


@strawberry.type(description="The edits of the directory: editors' and admins' tokens only (Authorization: Bearer).")
class Mutation(OrganizationMutation, OrganizationMergeMutation, RelationMutation, ConventionMutation, PersonMutation,
               FigureMutation, CoverMutation):
    pass


schema = GraphdirSchema(
    query=Query,
    mutation=Mutation,
    types=[Source, Figure, Statement],
    extensions=schema_extensions(),
    config=StrawberryConfig(scalar_map=SCALAR_MAP),
)
