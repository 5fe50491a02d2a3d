"""Enumerations of the facts domain (graphdir.vocabulary)."""

from __future__ import annotations

from graphdir.api.enums import graphql_enum
from graphdir.vocabulary import StatementKind

__all__ = ["StatementKind"]

graphql_enum(StatementKind)
