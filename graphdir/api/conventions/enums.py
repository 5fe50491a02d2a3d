"""Enumerations of the conventions domain."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="What a convention is.")
class ConventionKind(Enum):
    PARTNERSHIP = strawberry.enum_value("PARTNERSHIP", description="A partnership between the parties.")
    AGREMENT = strawberry.enum_value(
        "AGREMENT", description="A convention d'agrément: official recognition of a chamber by the State and Region."
    )


@strawberry.enum(description="Where a convention stands.")
class ConventionStatus(Enum):
    PLANNED = strawberry.enum_value("PLANNED", description="Announced, not yet signed.")
    SIGNED = strawberry.enum_value("SIGNED", description="Signed.")
    IN_FORCE = strawberry.enum_value("IN_FORCE", description="Signed and applying.")
    ENDED = strawberry.enum_value("ENDED", description="No longer applying.")
