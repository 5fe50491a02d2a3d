"""Enumerations of the facts domain."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="What an organization's statement is.")
class StatementKind(Enum):
    MISSION = strawberry.enum_value("MISSION", description="A mission.")
    FUNCTION = strawberry.enum_value("FUNCTION", description="A permanent function.")
    PRINCIPLE = strawberry.enum_value("PRINCIPLE", description="A shared principle.")
    AMBITION = strawberry.enum_value("AMBITION", description="A political ambition.")
