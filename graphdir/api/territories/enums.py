"""Enumerations of the territories domain."""

from __future__ import annotations

from enum import Enum

import strawberry

from graphdir.api.errors import BadUserInput
from graphdir.domain.common.errors import AmbiguousCode


@strawberry.enum(description="The level of a territory (DEPARTMENT is stored DEPARTEMENT in the graph).")
class TerritoryLevel(Enum):
    REGION = strawberry.enum_value("REGION", description="A région (2-digit INSEE code).")
    DEPARTMENT = strawberry.enum_value("DEPARTEMENT", description="A département (2-3 character INSEE code).")
    EPCI = strawberry.enum_value("EPCI", description="An intercommunality (EPCI, its 9-digit SIREN as code).")
    PAYS = strawberry.enum_value("PAYS", description="A pays or PETR (not in the COG: graphdir's own code).")
    COMMUNE = strawberry.enum_value("COMMUNE", description="A commune (5-character INSEE code).")
    COLLECTIVITE = strawberry.enum_value("COLLECTIVITE", description="An overseas collectivity (COM, 3-digit code).")


def level_value(level: TerritoryLevel | None) -> str | None:
    """The graph value of a level (None stays None)."""
    return str(level.value) if level is not None else None


def ambiguous_code(argument: str, exc: AmbiguousCode) -> BadUserInput:
    """The BAD_USER_INPUT error for a code several levels share, naming the levels as GraphQL spells them."""
    levels = ", ".join(TerritoryLevel(level).name for level in exc.levels)
    return BadUserInput(argument, f"code {exc.code!r} exists at several levels ({levels}): give the level")
