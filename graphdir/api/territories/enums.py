"""Enumerations of the territories domain (graphdir.vocabulary)."""

from __future__ import annotations

from graphdir.api.enums import graphql_enum
from graphdir.vocabulary import TerritoryLevel

__all__ = ["TerritoryLevel", "level_value"]

graphql_enum(TerritoryLevel)


def level_value(level: TerritoryLevel | None) -> str | None:
    """The graph value of a level (None stays None)."""
    return level.value if level is not None else None

