"""Enumerations of the territories domain (graphdir.vocabulary)."""

from __future__ import annotations

from graphdir.api.enums import graphql_enum
from graphdir.api.errors import BadUserInput
from graphdir.domain.common.errors import AmbiguousCode
from graphdir.vocabulary import TerritoryLevel

__all__ = ["TerritoryLevel", "ambiguous_code", "level_value"]

graphql_enum(TerritoryLevel)


def level_value(level: TerritoryLevel | None) -> str | None:
    """The graph value of a level (None stays None)."""
    return level.value if level is not None else None


def ambiguous_code(argument: str, exc: AmbiguousCode) -> BadUserInput:
    """The BAD_USER_INPUT error for a code several levels share, naming the levels as GraphQL spells them."""
    levels = ", ".join(TerritoryLevel(level).name for level in exc.levels)
    return BadUserInput(argument, f"code {exc.code!r} exists at several levels ({levels}): give the level")
