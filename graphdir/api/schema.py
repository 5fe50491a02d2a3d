"""The root Query composed from the domains."""

from __future__ import annotations

import strawberry

from graphdir.api.system.queries import SystemQuery


@strawberry.type
class Query(SystemQuery):
    pass


schema = strawberry.Schema(query=Query)
