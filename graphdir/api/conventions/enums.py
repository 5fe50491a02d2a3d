"""Enumerations of the conventions domain (graphdir.vocabulary)."""

from __future__ import annotations

from graphdir.api.enums import graphql_enum
from graphdir.vocabulary import ConventionKind, ConventionStatus

__all__ = ["ConventionKind", "ConventionStatus"]

graphql_enum(ConventionKind)
graphql_enum(ConventionStatus)
